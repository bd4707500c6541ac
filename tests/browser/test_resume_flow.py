"""Upload a résumé, review what it would change, accept part of it; then see the résumé check on a job."""

from __future__ import annotations

import pytest

from copilot.accounts.models import Profile
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_job, make_user
from tests.jobs.resumes.files import RESUME_LINES, scanned_pdf, text_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_review_and_accept_part_of_a_resume(page, tmp_path):
    user = make_user("mara", skills=["Python", "PHP"], experience_level="mid", timezone="Europe/Berlin")
    job = make_job(user, title="Senior Backend Engineer",
                   description_html="<p>Requirements: Python, Go, Kubernetes and Terraform.</p>")
    log_in(page, "mara", PASSWORD)
    page.goto("/settings/")
    page.click("text=Manage your résumé")
    page.wait_for_url("**/settings/resume/")

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    page.set_input_files("input[name=file]", str(scan))
    page.click("button:has-text('Upload')")
    page.wait_for_selector("text=“scan.pdf” could not be read")
    assert page.is_visible("text=it looks like a scan")

    resume = tmp_path / "Mara Lindqvist.pdf"
    resume.write_bytes(text_pdf(RESUME_LINES))
    page.set_input_files("input[name=file]", str(resume))
    page.click("button:has-text('Upload')")
    page.wait_for_selector("text=What we read in “Mara Lindqvist.pdf”")
    assert not page.is_visible("text=“scan.pdf” could not be read")

    review = page.locator("form.resume-review")
    assert review.locator("#review-add input:checked").count() == review.locator("#review-add input").count() > 5
    assert review.locator("#review-remove input:checked").count() == 0  # removals are never ticked for you
    review.locator("#review-add label:text-is('React')").click()  # untick one suggestion
    review.locator("#review-remove label:text-is('PHP')").click()  # and drop a skill the résumé never mentions
    assert review.locator("input[name=set_level]").is_checked()
    review.locator("button[type=submit]").click()
    page.wait_for_selector(".message.success")
    assert "set your level to Senior" in page.inner_text(".message.success")

    profile = Profile.objects.get(user__username="mara")
    assert profile.experience_level == "senior"
    assert "PHP" not in profile.skills and "React" not in profile.skills
    assert {"Python", "Go", "Kubernetes", "TypeScript"} <= set(profile.skills)
    # What was not accepted is still offered.
    assert page.locator("#review-add label:text-is('React')").is_visible()

    page.goto(f"/jobs/{job.pk}/")
    card = page.locator(".resume-match")
    assert card.locator(".chip.missing:has-text('Terraform')").is_visible()
    assert card.locator(".chip.match:has-text('Kubernetes')").is_visible()
    assert "Add these words where true" in card.inner_text()
    assert not page.console_errors


def test_the_page_waits_for_the_worker_and_shows_the_review_when_it_is_done(page, tmp_path, monkeypatch):
    from jobs.models import Resume
    from jobs.resumes import services

    queued: list[int] = []
    # The worker is late: the task is only recorded, and run below, while the page polls.
    monkeypatch.setattr(services, "async_task", lambda name, resume_id, **kwargs: queued.append(resume_id))
    make_user("noor", skills=["Python"], timezone="Europe/Berlin")
    log_in(page, "noor", PASSWORD)
    page.goto("/settings/resume/")
    file = tmp_path / "noor.pdf"
    file.write_bytes(text_pdf(RESUME_LINES))
    page.set_input_files("input[name=file]", str(file))
    page.click("button:has-text('Upload')")
    page.wait_for_selector("#resume-status >> text=Reading “noor.pdf”")
    assert page.is_visible("progress.resume-progress")
    (resume_id,) = queued
    assert services.read_resume(resume_id) == "parsed"
    page.wait_for_selector("text=What we read in “noor.pdf”")  # the poll saw it finish and refreshed the page
    assert page.locator("#review-add input").count() == len(Resume.objects.get(pk=resume_id).skills) - 1
    assert not page.console_errors
