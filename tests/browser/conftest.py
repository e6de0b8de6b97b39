"""Browser tests: Debian's Chromium driven by Playwright against a live Django server."""

import os
import threading
import time

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test
# body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    # This hook sees the whole session's items, not only this folder's.
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's; Playwright never downloads one)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory):
    """One media folder for the session: the demo pictures are drawn once, then reused."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture
def site(live_server, transactional_db, settings, demo_media):
    """The demo content (articles, pictures, pages, comments, reads) on a live server: its URL."""
    from articles import demo as articles_demo
    from comments import demo as comments_demo
    from pages import demo as pages_demo
    from popularity import demo as popularity_demo

    settings.MEDIA_ROOT = demo_media
    articles_demo.seed()
    pages_demo.seed()
    comments_demo.seed()
    popularity_demo.seed()
    yield live_server.url
    # The browser is closed by now, but the server may still be answering its last request (an
    # autosave, a slug check). The database is flushed after this fixture; a request still
    # writing then deadlocks the flush on PostgreSQL. Let every request thread finish first.
    finish_requests()


def finish_requests(timeout=15):
    """Wait for the live server's request threads (socketserver names them by their target).

    Polled, not joined: a thread still being started is listed but cannot be joined yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any("process_request_thread" in thread.name for thread in threading.enumerate()):
            return
        time.sleep(0.02)
