import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _missing_tools():
    """What each marker needs that this machine lacks, as {marker: how to get it}."""
    missing = {}
    if not (shutil.which("chromium") or os.path.exists("/usr/bin/chromium")):
        missing["browser"] = "Chromium is not installed (apt-get install chromium)"
    if not (ROOT / "node_modules" / "axe-core").is_dir() or not shutil.which("java"):
        missing["quality_tools"] = (
            "axe-core and the Nu HTML Checker need Node packages and Java "
            "(apt-get install nodejs npm default-jre-headless; make node_modules)"
        )
    if not (shutil.which("varnishd") or os.path.exists("/usr/sbin/varnishd")):
        missing["varnish"] = "Varnish is not installed (apt-get install varnish)"
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        missing["nginx"] = "nginx is not installed (apt-get install nginx-light)"
    if not _can_mount_tmpfs():
        missing["full_disk"] = "a tmpfs cannot be mounted here (needs root with CAP_SYS_ADMIN)"
    return missing


def _can_mount_tmpfs():
    """The full-disk tests mount a small tmpfs: try one."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder = tempfile.mkdtemp(prefix="newsroom-mount-check-")
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", folder], capture_output=True
        )
        if mounted.returncode != 0:
            return False
        subprocess.run(["umount", folder], check=True)
        return True
    finally:
        os.rmdir(folder)


def pytest_collection_modifyitems(config, items):
    """Tests whose tools are missing are left out locally; CI (REQUIRE_BROWSER=1) fails loudly."""
    for item in items:
        marker = item.get_closest_marker("real_clock")
        if marker is not None and not marker.args:
            raise pytest.UsageError(f"{item.nodeid}: real_clock needs a reason (why no faketime)")
    notes = []
    for marker, reason in _missing_tools().items():
        needing = [item for item in items if item.get_closest_marker(marker)]
        if not needing:
            continue
        if os.environ.get("REQUIRE_BROWSER"):
            raise pytest.UsageError(f"{len(needing)} tests cannot run: {reason}.")
        config.hook.pytest_deselected(items=needing)
        items[:] = [item for item in items if item not in needing]
        notes.append(f"{len(needing)} tests not run: {reason}; `bash .ci/run` installs it all.")
    config._newsroom_notes = notes


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for note in getattr(config, "_newsroom_notes", []):
        terminalreporter.write_line(f"NOTE: {note}", yellow=True)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from pagecache.store import clear as clear_pages

    cache.clear()
    clear_pages()
    yield
    cache.clear()
    clear_pages()


@pytest.fixture
def staff_client(client):
    from tests.factories import make_staff

    user = make_staff("redaktur")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: a request under /en/ leaves English active in
    the thread, and reverse() (get_absolute_url) would then give /en/ addresses."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
