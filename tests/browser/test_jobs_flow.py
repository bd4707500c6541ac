import pytest

from jobs.models import Job
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_edit_and_delete_a_job_inline(page):
    user = make_user("lena")
    log_in(page, "lena", PASSWORD)
    page.goto("/jobs/")
    page.click("text=Add job")
    page.wait_for_selector("#job-form-panel form")
    page.fill("#job-form-panel input[name=title]", "Platform Engineer")
    page.fill("#job-form-panel input[name=company]", "Orbital Freight")
    page.fill("#job-form-panel textarea[name=description_html]", "Kubernetes, Terraform, Go and AWS.")
    page.click("#job-form-panel button[type=submit]")
    page.wait_for_selector("#job-rows >> text=Platform Engineer")
    job = Job.objects.get(user=user)
    assert job.tech_stack == ["Platform Engineering", "Kubernetes", "Terraform", "Go", "AWS"]  # title: discipline
    assert page.url.endswith("/jobs/")  # no full page load: the row arrived by htmx

    row = page.locator(f"#job-{job.pk}")
    row.locator("text=Edit").click()
    page.wait_for_selector(f"#job-{job.pk} form")
    page.fill(f"#job-{job.pk} input[name=title]", "Senior Platform Engineer")
    page.click(f"#job-{job.pk} button[type=submit]")
    page.wait_for_selector(f"#job-{job.pk} >> text=Senior Platform Engineer")
    job.refresh_from_db()
    assert job.title == "Senior Platform Engineer"

    page.once("dialog", lambda dialog: dialog.dismiss())
    row.locator("text=Delete").click()
    assert Job.objects.filter(pk=job.pk).exists()  # cancelled: nothing deleted
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#job-{job.pk} >> text=Delete").click()
    page.wait_for_selector(f"#job-{job.pk}", state="detached")
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not page.console_errors, page.console_errors


def test_filters_update_the_list_without_reloading(page):
    user = make_user("mona")
    make_job(user, title="Rust Systems Engineer", description_html="<p>Rust and Linux</p>")
    make_job(user, title="Frontend Developer", description_html="<p>React</p>")
    log_in(page, "mona", PASSWORD)
    page.goto("/jobs/")
    page.fill("#id_q", "rust")
    page.wait_for_selector("#results >> text=1 job match your filters")
    assert page.locator("#job-rows > li").count() == 1
    assert "q=rust" in page.url  # the filtered view can be bookmarked and shared
