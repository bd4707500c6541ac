import pytest

from applications.models import Application, TimelineEvent
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_application, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def drag(page, source, target) -> None:
    """Drag with real mouse moves (Sortable listens to pointer events)."""
    box, goal = source.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(box["x"] + (goal["x"] + goal["width"] / 2 - box["x"]) * step / 20,
                        box["y"] + (goal["y"] + 30 - box["y"]) * step / 20)
    page.mouse.up()


def test_dragging_a_card_to_another_column_persists_after_reload(page):
    user = make_user("hana")
    application = make_application(user, status="applied", title="Drag Me Engineer", company="Dragco")
    log_in(page, "hana", PASSWORD)
    page.goto("/applications/")
    card = page.locator(f"#card-{application.pk}")
    drag(page, card.locator(".kanban-company"), page.locator('.kanban-list[data-status="interview"]'))
    page.wait_for_selector(f'.kanban-list[data-status="interview"] #card-{application.pk}')
    page.wait_for_load_state("networkidle")
    page.reload()
    assert page.locator(f'.kanban-list[data-status="interview"] #card-{application.pk}').count() == 1
    application.refresh_from_db()
    assert application.status == "interview"
    assert TimelineEvent.objects.filter(application=application, to_status="interview").count() == 1
    assert not page.console_errors, page.console_errors


def test_moving_with_the_keyboard_menu(page):
    user = make_user("ivan")
    application = make_application(user, status="interested", title="Keyboard Role")
    log_in(page, "ivan", PASSWORD)
    page.goto("/applications/")
    page.select_option(f"#move-{application.pk}", "applied")
    page.locator(f"#card-{application.pk} button[type=submit]").press("Enter")
    page.wait_for_selector(f'.kanban-list[data-status="applied"] #card-{application.pk}')
    application.refresh_from_db()
    assert application.status == "applied" and application.applied_date is not None


def test_track_from_the_job_list_then_see_it_on_the_board(page):
    user = make_user("jade")
    job = make_job(user, title="Trackable Job")
    log_in(page, "jade", PASSWORD)
    page.goto("/jobs/")
    page.locator(f"#job-{job.pk} button", has_text="Track").click()
    page.wait_for_selector(f"#job-{job.pk} >> text=Interested")
    assert Application.objects.get(job=job).status == "interested"
    page.goto("/applications/")
    assert page.locator('.kanban-list[data-status="interested"]', has_text="Trackable Job").count() == 1
