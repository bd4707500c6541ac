"""Issue 14's smaller points, looked at in the browser at 1280×800 and 390×844: what a phone shows first, the
search placeholder, and the calendar feed's Copy button."""

import pytest
from django.utils import timezone

from applications.services import update_dates
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_application, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}


@pytest.fixture
def open_page(chromium, live_server):
    contexts = []

    def open_page(viewport, **options):
        context = chromium.new_context(base_url=live_server.url, viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def placeholder_fits(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """input => {
        const style = getComputedStyle(input);
        const context = document.createElement("canvas").getContext("2d");
        context.font = style.font;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return context.measureText(input.placeholder).width <= room;
    }""")


def test_a_phone_shows_what_is_due_and_the_jobs_first(open_page):
    user = make_user("rosa", timezone="Europe/Berlin")
    for n in range(3):
        make_job(user, title=f"Engineer {n}")
    due = make_application(user, status="applied", title="Follow Me Up")
    today = timezone.localdate()
    update_dates(application=due, applied_date=today, follow_up_date=today)

    for viewport in (DESKTOP, PHONE):
        page = open_page(viewport)
        log_in(page, "rosa", PASSWORD)
        urgent, metrics = top(page, ".dash-urgent"), top(page, ".metrics")
        if viewport is PHONE:
            assert urgent < metrics and urgent < viewport["height"]  # follow-ups before the numbers
            assert page.locator(".dash-urgent", has_text="Follow Me Up").is_visible()
        else:
            assert metrics < urgent  # the desktop layout is unchanged

        page.goto("/jobs/")
        assert placeholder_fits(page, "#id_q"), viewport
        details = page.locator("details.filter-more")
        if viewport is PHONE:
            assert details.get_attribute("open") is None and not page.locator("#id_sort").is_visible()
            assert top(page, "#job-rows > li") < viewport["height"]  # a job on the first screen
            page.click("details.filter-more > summary")
            page.select_option("#id_sort", "title")
            page.wait_for_url("**sort=title**")
            page.reload()  # a filter is set: the filters stay open
            assert page.locator("#id_sort").is_visible()
        else:
            assert details.get_attribute("open") is not None and page.locator("#id_sort").is_visible()
            assert not page.locator("details.filter-more > summary").is_visible()


def test_the_calendar_feed_address_is_copied_with_one_click(open_page, live_server):
    make_user("sami")
    page = open_page(PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    log_in(page, "sami", PASSWORD)
    page.goto("/applications/calendar/")
    button = page.get_by_role("button", name="Copy")
    assert button.is_visible()
    button.click()
    page.locator("#feed-url-copied", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#feed-url")
    assert page.input_value("#feed-url").startswith(live_server.url + "/applications/calendar/")
    assert not page.console_errors, page.console_errors
