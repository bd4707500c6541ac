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
