"""Every page, signed out and signed in with realistic data, loads under the CSP with a clean console."""

import pytest

from applications.models import Application
from insights.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo
from jobs.models import Job
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_OUT = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
SIGNED_IN = [
    "/dashboard/", "/jobs/", "/jobs/?q=python&sort=score", "/jobs/new/", "/jobs/from-url/", "/jobs/import/",
    "/applications/", "/applications/table/", "/applications/calendar/",
    "/applications/contacts/", "/applications/contacts/new/",
    "/insights/salaries/", "/insights/salaries/?currency=USD", "/insights/recommendations/",
    "/insights/skills/", "/insights/analytics/", "/settings/", "/settings/sources/", "/settings/data/",
    "/settings/resume/",
    "/digests/preview/morning/", "/digests/preview/evening/", "/accounts/email/", "/accounts/password/change/",
    "/settings/tokens/",
]


def test_signed_out_pages_have_a_clean_console(page):
    for path in SIGNED_OUT:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert not page.console_errors, page.console_errors


def test_signed_in_pages_have_a_clean_console(page):
    user, _ = seed_demo()
    job = Job.objects.filter(user=user).first()
    application = Application.objects.filter(user=user).first()
    log_in(page, DEMO_USERNAME, DEMO_PASSWORD)
    for path in [*SIGNED_IN, f"/jobs/{job.pk}/", f"/jobs/{job.pk}/edit/", f"/applications/{application.pk}/"]:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert not page.console_errors, (path, page.console_errors)


def test_pages_sent_from_the_cache_run_their_scripts(page, monkeypatch):
    """A page seen again comes from the rendered-page cache with the request's own CSP nonce: its scripts
    run (htmx fills the alerts bell, the board's script makes columns sortable) and the console stays clean."""
    from copilot import pagecache

    replayed = []
    replay = pagecache._replay
    monkeypatch.setattr(pagecache, "_replay", lambda request, *stored: replayed.append(request.path) or replay(
        request, *stored))
    seed_demo()
    log_in(page, DEMO_USERNAME, DEMO_PASSWORD)
    paths = ["/dashboard/", "/jobs/", "/applications/", "/insights/analytics/"]
    for path in paths * 2:
        assert page.goto(path).status == 200
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.htmx") == "object", path
        if path == "/applications/":
            assert page.locator("[data-sortable='1']").count() > 0  # board.js ran
        if path == "/insights/analytics/":
            assert page.locator(".js-plotly-plot").count() > 0  # plotly.js drew the charts
    assert replayed == paths
    assert not page.console_errors, page.console_errors
