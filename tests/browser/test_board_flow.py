import pytest
from playwright.sync_api import expect

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
    expect(page.locator("#count-interview")).to_have_text("1")  # the server has answered the move
    expect(page.locator("#board-status")).to_contain_text("Moved “Drag Me Engineer” from Applied to Interview")
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


def test_keyboard_move_keeps_focus_on_the_moved_card_and_announces_it(page):
    user = make_user("kira")
    application = make_application(user, status="applied", title="Focus Keeper", company="Steady")
    make_application(user, status="interview", title="Already There")
    log_in(page, "kira", PASSWORD)
    page.goto("/applications/")
    page.focus(f"#move-{application.pk}")
    page.select_option(f"#move-{application.pk}", "interview")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"move-button-{application.pk}"
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#list-interview > #card-{application.pk}')
    expect(page.locator(f"#move-button-{application.pk}")).to_be_focused()
    status = page.locator("#board-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "Moved “Focus Keeper” from Applied to Interview. Interview has 2."
    assert page.locator("#count-interview").inner_text() == "2"
    assert page.locator("#count-applied").inner_text() == "0"
    # The card is the first of its new column, and can move on again from there.
    assert page.locator("#list-interview > .kanban-card").first.get_attribute("id") == f"card-{application.pk}"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == f"move-{application.pk}"
    page.select_option(f"#move-{application.pk}", "offer")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#list-offer > #card-{application.pk}')
    expect(page.locator(f"#move-button-{application.pk}")).to_be_focused()
    application.refresh_from_db()
    assert application.status == "offer"
    assert not page.console_errors, page.console_errors


def test_show_more_and_folded_columns_load_in_place_and_their_cards_move(page):
    from tests.applications.test_board import add_applications

    user = make_user("lena")
    older = add_applications(user, "applied", 25)
    rejected = add_applications(user, "rejected", 2)
    log_in(page, "lena", PASSWORD)
    page.goto("/applications/")
    assert page.locator("#list-applied > .kanban-card").count() == 20
    assert page.locator("#list-rejected > .kanban-card").count() == 0
    assert page.locator("#count-rejected").inner_text() == "2"

    page.locator("#more-applied a").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#card-{older[-1].pk}")
    # Focus moves to the first card that was loaded, not back to the top of the page.
    expect(page.locator(f"#card-{older[20].pk} .kanban-title")).to_be_focused()
    assert page.locator("#list-applied > .kanban-card").count() == 25
    assert page.locator("#more-applied").count() == 0

    # A newly loaded card moves with the keyboard menu, into a folded column.
    last = older[-1]
    page.select_option(f"#move-{last.pk}", "withdrawn")
    page.locator(f"#move-button-{last.pk}").press("Enter")
    page.wait_for_selector(f"#list-withdrawn > #card-{last.pk}")
    assert page.locator("#count-applied").inner_text() == "24"
    assert page.locator("#count-withdrawn").inner_text() == "1"

    page.locator("#expand-rejected").click()
    page.wait_for_selector(f"#list-rejected > #card-{rejected[0].pk}")
    assert page.locator("#list-rejected > .kanban-card").count() == 2
    expect(page.locator("#expand-rejected")).to_have_attribute("aria-expanded", "true")

    # And a card loaded from a folded column drags back to an open one.
    drag(page, page.locator(f"#card-{rejected[1].pk} .kanban-company"), page.locator("#list-interview"))
    page.wait_for_selector(f"#list-interview > #card-{rejected[1].pk}")
    expect(page.locator("#count-rejected")).to_have_text("1")
    assert page.locator("#count-interview").inner_text() == "1"
    # Folding the column again leaves its count and puts focus back on "Show cards".
    page.locator("#expand-rejected").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#expand-rejected")).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#expand-rejected")).to_be_focused()
    assert page.locator("#list-rejected > .kanban-card").count() == 0
    page.reload()
    assert page.locator(f"#list-interview > #card-{rejected[1].pk}").count() == 1
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_every_column_header_and_count_is_visible_or_reachable(page, viewport):
    user = make_user("mona")
    for status in ["interested", "applied", "interview", "offer", "rejected", "accepted", "declined", "withdrawn"]:
        make_application(user, status=status, title=f"{status.title()} role")
    page.set_viewport_size(viewport)
    log_in(page, "mona", PASSWORD)
    page.goto("/applications/")
    board = page.locator(".kanban")
    box = board.bounding_box()
    for status in ["interested", "applied", "interview", "offer", "rejected", "accepted", "declined", "withdrawn"]:
        head = page.locator(f"#col-{status}")
        count = page.locator(f"#count-{status}")
        assert count.inner_text() == "1", status
        if viewport["width"] >= 1280:
            # Everything is in view at once: no column hides past the right edge.
            for element in (head, count):
                edge = element.bounding_box()
                assert edge["x"] >= box["x"] and edge["x"] + edge["width"] <= box["x"] + box["width"] + 1, status
                assert edge["x"] + edge["width"] <= viewport["width"], status
        else:
            # On a phone the board scrolls sideways; a visible link per column (with its count) brings it in view.
            link = page.locator(f'.kanban-jump a[href="#column-{status}"]')
            assert link.is_visible() and link.inner_text().endswith("1"), status
            link.click()
            page.wait_for_timeout(100)
            edge = head.bounding_box()
            assert edge["x"] >= 0 and edge["x"] + edge["width"] <= viewport["width"] + 1, status
    if viewport["width"] >= 1280:
        assert page.evaluate("(() => { const b = document.querySelector('.kanban'); "
                             "return b.scrollWidth <= b.clientWidth + 1; })()")
    else:
        assert page.evaluate("(() => { const b = document.querySelector('.kanban'); "
                             "return b.scrollWidth > b.clientWidth; })()")


def test_the_table_on_a_phone_stacks_each_row_with_every_column_named(page):
    user = make_user("nina")
    make_application(user, status="applied", title="Stacked Role", company="Narrow Screens")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "nina", PASSWORD)
    page.goto("/applications/table/")
    row = page.locator("tbody tr").first
    for label in ["Company", "Status", "Applied", "Follow up", "Updated"]:
        cell = row.locator(f'td[data-label="{label}"]')
        box = cell.bounding_box()
        assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 390, label
        shown = page.evaluate("(cell) => getComputedStyle(cell, '::before').content", cell.element_handle())
        assert shown == f'"{label}"', label
    assert page.evaluate("document.documentElement.scrollWidth <= 390")
