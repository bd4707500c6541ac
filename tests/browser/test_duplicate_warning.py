"""Adding a job the user already has: a warning with a link to it, and "Save anyway"."""

import pytest

from jobs.models import Job
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_inline(page, title: str, company: str, url: str) -> None:
    page.click("text=Add job")
    page.wait_for_selector("#job-form-panel form")
    page.fill("#job-form-panel input[name=title]", title)
    page.fill("#job-form-panel input[name=company]", company)
    page.fill("#job-form-panel input[name=url]", url)
    page.locator("#job-form-panel button", has_text="Save job").click()


def test_the_first_job_updates_the_list_and_a_second_copy_warns(page):
    user = make_user("quinn")
    log_in(page, "quinn", PASSWORD)
    page.goto("/jobs/")
    assert page.locator("#results", has_text="No jobs yet").is_visible()

    add_inline(page, "Platform Engineer", "Orbital Freight", "https://jobs.example.com/42?utm_source=mail")
    page.locator("#job-form-panel", has_text="Saved “Platform Engineer”").wait_for()
    assert page.locator(".result-count").inner_text().startswith("1 job")
    assert page.locator("#results", has_text="No jobs yet").count() == 0
    assert page.locator("#job-rows > li").count() == 1
    first = Job.objects.get(user=user)

    add_inline(page, "Platform Engineer", "Orbital Freight GmbH", "https://www.jobs.example.com/42")
    warning = page.locator("#job-form-panel .duplicate-warning")
    warning.wait_for()
    assert "You already have this job" in warning.inner_text()
    assert warning.get_by_role("link").get_attribute("href") == first.get_absolute_url()
    assert Job.objects.filter(user=user).count() == 1

    page.locator("#job-form-panel button", has_text="Save anyway").click()
    page.locator("#job-form-panel", has_text="Saved “Platform Engineer”").wait_for()
    assert Job.objects.filter(user=user).count() == 2
    assert page.locator(".result-count").inner_text().startswith("2 jobs")

    page.reload()
    assert page.locator(".messages", has_text="Saved").count() == 0  # not repeated on the next page
    assert not page.console_errors or all("status of 400" in e for e in page.console_errors), page.console_errors
