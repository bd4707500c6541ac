"""Every htmx form of the app, submitted once with invalid input, shows its message in place; with and without
DEBUG (django-htmx adds a script in DEBUG that replaces the page on error responses). A request that fails for
another reason (the item is gone) says so instead of doing nothing."""

import pytest

from applications.models import Application
from jobs.models import Job
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_application, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REQUIRED = "This field is required."
BAD_STATUS = "That status is not valid; nothing changed."


def unexpected(errors: list[str]) -> list[str]:
    """Console errors other than the lines the browser and htmx log for a 4xx answer (the point here)."""
    return [e for e in errors if "the server responded with a status of 4" not in e
            and "Response Status Error Code 404" not in e]


def tamper(page, select: str) -> None:
    """Turn the selected option into a status the server does not know (a stale or forged page)."""
    page.eval_on_selector(select, "s => { s.options[s.selectedIndex].value = 'hired'; }")


@pytest.fixture(params=[False, True], ids=["production", "debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_every_htmx_form_shows_its_errors_in_place(page, debug, boards):
    user = make_user("olga")
    job = make_job(user, title="Existing Role", company="Keep Co")
    on_board = make_application(user, status="applied", title="Board Role")
    log_in(page, "olga", PASSWORD)

    # Jobs: the inline "Add job" form.
    page.goto("/jobs/")
    page.click("text=Add job")
    page.wait_for_selector("#job-form-panel form")
    page.fill("#job-form-panel input[name=company]", "Nameless Co")
    page.click("#job-form-panel button[type=submit]")
    message = page.locator("#job-form-panel .field-errors", has_text=REQUIRED)
    message.wait_for()
    assert message.is_visible()
    assert page.input_value("#job-form-panel input[name=company]") == "Nameless Co"  # what was typed stays
    assert page.url.endswith("/jobs/") and page.locator("h1", has_text="Jobs").is_visible()

    # Jobs: the inline "Edit" form.
    page.locator(f"#job-{job.pk}").get_by_role("link", name="Edit").click()
    page.wait_for_selector(f"#job-{job.pk} form")
    page.fill(f"#job-{job.pk} input[name=title]", "")
    page.click(f"#job-{job.pk} button[type=submit]")
    page.locator(f"#job-{job.pk} .field-errors", has_text=REQUIRED).wait_for()
    job.refresh_from_db()
    assert job.title == "Existing Role"

    # Applications: the board's move menu and the table's status menu.
    page.goto("/applications/")
    tamper(page, f"#move-{on_board.pk}")
    page.locator(f"#card-{on_board.pk} button[type=submit]").click()
    page.locator(f"#card-{on_board.pk} [role=alert]", has_text=BAD_STATUS).wait_for()
    assert page.locator(".kanban-column").count() == 8  # the board is still whole

    page.goto("/applications/table/")
    tamper(page, f"#status-{on_board.pk}")
    page.dispatch_event(f"#status-{on_board.pk}", "change")
    page.locator(f"#app-{on_board.pk} [role=alert]", has_text=BAD_STATUS).wait_for()
    on_board.refresh_from_db()
    assert on_board.status == "applied"

    # Job sources: the two Preview buttons.
    page.goto("/settings/sources/")
    page.fill("input[name=board-url]", "https://example.com/not-a-board")
    page.locator("#add-board button", has_text="Preview").click()
    page.locator("#preview", has_text="recognise").wait_for()
    page.eval_on_selector("#add-search select[name=search-kind]", "s => { s.options[s.selectedIndex].value = 'x'; }")
    page.locator("#add-search button", has_text="Preview").click()
    page.locator("#preview .field-errors", has_text="Select a valid choice").wait_for()

    # Buttons without input (Track, Delete, Refresh, pause): an item gone meanwhile is said, not ignored.
    page.goto("/jobs/")
    Job.objects.filter(pk=job.pk).delete()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#job-{job.pk}").get_by_role("link", name="Delete").click()
    alert = page.locator("#request-error[role=alert]", has_text="no longer exists")
    alert.wait_for()
    assert alert.is_visible()
    assert not unexpected(page.console_errors), page.console_errors


def test_the_pages_forms_show_their_errors_too(page, debug):
    """The forms without htmx (notes, dates, interviews, settings) answer 400 with the whole page."""
    user = make_user("pia")
    application = make_application(user, status="applied", title="Detail Role")
    log_in(page, "pia", PASSWORD)
    page.goto(f"/applications/{application.pk}/")
    page.locator("form:has(textarea[name=text]) button[type=submit]").click()
    page.locator("form:has(textarea[name=text]) .field-errors", has_text=REQUIRED).wait_for()

    page.fill("input[name=applied_date]", "2026-05-10")
    page.fill("#id_follow_up_date", "2026-05-01")
    page.locator("form:has(#id_follow_up_date) button[type=submit]").click()
    page.locator("form:has(#id_follow_up_date)", has_text="cannot be before").wait_for()

    page.click("text=Add an interview")
    page.locator("form:has(input[name=starts_at]) button[type=submit]").click()
    page.locator("form:has(input[name=starts_at]) .field-errors", has_text=REQUIRED).first.wait_for()
    assert Application.objects.get(pk=application.pk).interviews.count() == 0

    page.goto("/settings/")
    page.fill("input[name=timezone]", "Mars/Olympus")
    page.locator("form:has(input[name=timezone]) button[type=submit]").first.click()
    page.locator("form:has(input[name=timezone]) .field-errors").first.wait_for()
    assert not unexpected(page.console_errors), page.console_errors
