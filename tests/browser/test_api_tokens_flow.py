"""Settings → API tokens in a browser: make a token, see it once, use it, see its last use, revoke it;
and the API's docs page (Swagger UI, served locally) renders under the strict CSP with a clean console."""

import json
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _get(url: str, secret: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # the live server on 127.0.0.1
            json.load(response)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_token_is_made_shown_once_used_and_revoked(page, live_server):
    user = make_user("carol")
    make_job(user, title="Platform Engineer")
    log_in(page, "carol", PASSWORD)
    page.goto("/settings/")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Laptop script")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Make token").click()

    secret = page.locator("#new-token").input_value()
    assert secret.startswith("ccp_")
    assert page.get_by_text("it is shown only this once").is_visible()
    assert "never used" in page.locator(".token-list").inner_text()
    assert not page.console_errors, page.console_errors

    assert _get(f"{live_server.url}/api/v1/jobs", secret) == 200
    page.goto("/settings/tokens/")
    assert secret not in page.content()  # never shown again
    assert "last used" in page.locator(".token-list").inner_text()

    page.get_by_role("button", name="Revoke Laptop script").click()
    assert "Revoked" in page.locator(".token-list").inner_text()
    assert _get(f"{live_server.url}/api/v1/jobs", secret) == 401


def test_the_docs_page_renders_under_the_csp(page):
    page.goto("/api/v1/docs")
    page.wait_for_load_state("networkidle")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 20
    assert "Career Co-Pilot API" in page.locator(".info").inner_text()
    assert not page.console_errors, page.console_errors


def test_try_it_out_on_the_docs_page_writes_with_the_session(page):
    user = make_user("dora", morning_hour=8)
    log_in(page, "dora", PASSWORD)
    page.goto("/api/v1/docs")
    block = page.locator(".opblock-patch:has-text('/api/v1/profile')").first
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    block.locator("textarea.body-param__text").fill('{"morning_hour": 7}')
    block.get_by_role("button", name="Execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"  # the CSRF token rode along: no 403
    user.profile.refresh_from_db()
    assert user.profile.morning_hour == 7
    assert not page.console_errors, page.console_errors
