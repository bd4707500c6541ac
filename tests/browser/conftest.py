"""Browser tests drive Debian's Chromium through Playwright against pytest-django's live server."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.jobs.sources.helpers import boards  # noqa: F401  (fixture: the stub job boards)

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]

# Playwright's sync API keeps an event loop in this thread; the ORM calls made by tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """On SQLite the live server's threads share the test database's one in-memory connection: a page and the
    alerts bell's poll served at once can collide in it ("bad parameter or other API misuse"). There, serve one
    request at a time (Django then closes each connection after its response); PostgreSQL keeps threads."""
    from django.conf import settings
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # The live server's thread installs the shared connections itself before serving.
            super().__init__(*args, **kwargs)

    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        LiveServerThread.server_class = SerialWSGIServer
    yield


@pytest.fixture(scope="session")
def chromium():
    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("Debian's chromium is not installed (bin/test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_errors = []
    # Chromium reports a header it cannot read (an unknown Permissions-Policy feature) as a warning.
    page.on("console", lambda msg: (msg.type == "error" or "header" in msg.text) and page.console_errors.append(
        f"{msg.text} @ {msg.location}"))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def log_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard/")
