"""The installable app in Chromium: a valid manifest, installable, the service worker registered at the root,
the offline page when the server cannot be reached, and the navigation usable on a phone."""

import shutil

import pytest

from tests.browser.conftest import CHROMIUM_FLAGS, log_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKER_READY = "navigator.serviceWorker.ready.then(r => r.active && r.active.scriptURL)"


def test_the_manifest_is_valid_and_chromium_finds_the_app_installable(chromium, live_server, tmp_path):
    # A profile on disk: Chromium never offers to install from an incognito-like context (Playwright's default).
    context = chromium.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS, base_url=live_server.url)
    page = context.pages[0] if context.pages else context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/")
    worker = page.evaluate(WORKER_READY)
    assert worker == f"{live_server.url}/sw.js"
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{live_server.url}/manifest.webmanifest"
    assert manifest["errors"] == [], manifest["errors"]
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    for size, purpose in (("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")):
        icon = next(i for i in page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")["icons"]
                    if i["sizes"] == size and i["purpose"] == purpose)
        response = page.request.get(icon["src"])
        assert response.ok and response.headers["content-type"] == "image/png"
    assert not errors, errors
    context.close()


def test_the_offline_page_shows_when_the_server_cannot_be_reached(page):
    make_user("sami")
    log_in(page, "sami", PASSWORD)
    page.evaluate(WORKER_READY)
    page.reload()  # now controlled by the worker
    assert page.evaluate("!!navigator.serviceWorker.controller")
    page.context.set_offline(True)
    page.goto("/jobs/")
    assert page.locator("h1").inner_text() == "You are offline"
    assert page.locator("link[rel=stylesheet]").evaluate("l => l.sheet.cssRules.length > 0")  # the shell's CSS
    page.context.set_offline(False)
    page.click("text=Try again")
    page.wait_for_url("**/dashboard/")
    assert page.locator("h1").inner_text().startswith("Good to see you")


def test_the_phone_navigation_is_in_reach_of_a_thumb(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                   is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    make_user("tess")
    log_in(page, "tess", PASSWORD)
    page.wait_for_selector("#alerts .alerts-panel", state="attached")  # the bell has loaded
    toggle, bell = page.locator(".nav-toggle-label"), page.locator("#alerts summary")
    for target in (toggle, bell):
        box = target.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44  # a comfortable tap target
        assert box["y"] > 844 / 2  # the lower half of the screen: the thumb's reach
    toggle.tap()
    jobs = page.locator("nav.nav a:has-text('Jobs')")
    jobs.wait_for(state="visible")
    assert jobs.bounding_box()["height"] >= 44
    jobs.tap()
    page.wait_for_url("**/jobs/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
    context.close()
