import os
import shutil

import pytest


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium; CI (REQUIRE_BROWSER=1) fails loudly without it."""
    if shutil.which("chromium") or os.path.exists("/usr/bin/chromium"):
        return
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError("Browser tests need /usr/bin/chromium: apt-get install chromium")
    config.hook.pytest_deselected(items=browser_items)
    items[:] = [item for item in items if item not in browser_items]
    config._newsroom_browser_note = len(browser_items)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    missing = getattr(config, "_newsroom_browser_note", 0)
    if missing:
        terminalreporter.write_line(
            f"NOTE: {missing} browser tests not run: Chromium is not installed "
            "(apt-get install chromium; `bash .ci/run` installs it).",
            yellow=True,
        )


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client):
    from tests.factories import make_staff

    user = make_staff("redaktur")
    client.force_login(user)
    client.user = user
    return client
