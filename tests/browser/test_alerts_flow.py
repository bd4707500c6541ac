"""Live alerts in a real browser: a page left open shows the bell's badge once an ingestion run added a match."""

import pytest

from jobs.models import JobAlert
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_user
from tests.jobs.alerts.helpers import ingest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_open_page_shows_new_matches_without_reloading(page, boards, settings):
    settings.ALERT_POLL_SECONDS = 1  # the fragment carries the interval: 30 s in production
    user = make_user("rita", skills=["Python", "Django", "PostgreSQL"], preferred_locations=["Berlin, Germany"],
                     experience_level="senior", timezone="Europe/Berlin", alert_min_score=0)
    log_in(page, "rita", PASSWORD)
    page.goto("/jobs/")
    page.wait_for_selector("#alerts .alerts-panel", state="attached")  # the bell loaded, nothing new
    assert page.locator("#alerts-badge").count() == 0
    page.evaluate("window.notReloaded = true")

    run = ingest(boards, user)  # the daily ingestion, while the page stays open
    assert run.added >= 3

    badge = page.locator("#alerts-badge")
    badge.wait_for(timeout=10_000)
    assert badge.inner_text() == str(run.added)
    assert page.evaluate("window.notReloaded") is True  # the same page, not a reload

    page.click("#alerts summary")
    first = JobAlert.objects.filter(user=user).first()
    page.click(f"#alerts .alerts-item:has-text('{first.job.title}')")
    page.wait_for_url(f"**/jobs/{first.job_id}/")
    page.wait_for_selector(f"#alerts-badge:has-text('{run.added - 1}')")

    page.click("#alerts summary")
    page.click("#alerts button:has-text('Mark all as seen')")
    page.wait_for_selector("#alerts-badge", state="detached")
    assert not JobAlert.objects.filter(user=user, seen_at__isnull=True).exists()
    assert not page.console_errors, page.console_errors
