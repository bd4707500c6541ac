"""The clipper in a real browser: a posting on another origin, the bookmarklet from the instructions page, the
popup on the app's origin, review and save."""

from urllib.parse import unquote

import pytest

from jobs.models import Job
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_user
from tests.jobs.importing.clip_pages import WITH_JSON_LD, WITHOUT_JSON_LD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clip_a_posting_with_and_one_without_structured_data(page, stub_server, live_server):
    user = make_user("nina")
    log_in(page, "nina", PASSWORD)
    page.goto("/jobs/clipper/")
    code = unquote(page.locator("a.bookmarklet").get_attribute("href").removeprefix("javascript:"))
    stub_server.html("/jobs/7", WITH_JSON_LD)
    stub_server.html("/careers/embedded-rust", WITHOUT_JSON_LD)
    popup_errors: list[str] = []

    for path, title, company in (("/jobs/7", "Staff Data Engineer", "Heron Analytics"),
                                 ("/careers/embedded-rust", "Embedded Rust Developer", "Kestrel Robotics")):
        posting_url = stub_server.url(path)
        page.goto(posting_url)  # 127.0.0.1:<port>: another origin than the app's localhost:<port>
        with page.expect_popup() as opened:
            page.evaluate(code)  # what clicking the bookmark does
        popup = opened.value
        popup.on("pageerror", lambda error: popup_errors.append(str(error)))
        popup.wait_for_selector("h1:has-text('Check and save this job')")
        assert popup.url == f"{live_server.url}/jobs/clip/"
        assert popup.input_value("input[name=title]") == title
        assert popup.input_value("input[name=company]") == company
        assert popup.input_value("input[name=url]") == posting_url
        popup.click("button:has-text('Save job')")
        popup.wait_for_selector(f"h1:has-text('{title}')")
        popup.close()

    jobs = {job.title: job for job in Job.objects.filter(user=user)}
    assert set(jobs) == {"Staff Data Engineer", "Embedded Rust Developer"}
    assert {job.source for job in jobs.values()} == {"clipper"}
    assert "Apache Spark" in jobs["Staff Data Engineer"].tech_stack
    assert "firmware in Rust" in jobs["Embedded Rust Developer"].description_html
    assert "steal" not in jobs["Embedded Rust Developer"].description_html
    assert not popup_errors, popup_errors  # the posting page's own errors (its scripts, its favicon) are not ours


def test_clipping_the_same_job_again_warns_before_saving(page, stub_server):
    make_user("omar")
    log_in(page, "omar", PASSWORD)
    page.goto("/jobs/clipper/")
    code = unquote(page.locator("a.bookmarklet").get_attribute("href").removeprefix("javascript:"))
    stub_server.html("/jobs/7", WITH_JSON_LD)
    for attempt in range(2):
        page.goto(stub_server.url("/jobs/7"))
        with page.expect_popup() as opened:
            page.evaluate(code)
        popup = opened.value
        popup.wait_for_selector("h1:has-text('Check and save this job')")
        assert popup.locator(".duplicate-warning").count() == attempt
        popup.click("button:has-text('Save anyway')" if attempt else "button:has-text('Save job')")
        popup.wait_for_selector("h1:has-text('Staff Data Engineer')")
        popup.close()


def test_the_popup_opened_on_its_own_says_how_to_use_it(page):
    make_user("pia")
    log_in(page, "pia", PASSWORD)
    page.goto("/jobs/clip/")
    page.wait_for_selector("#clip-no-opener:visible")
    assert not page.console_errors, page.console_errors


def test_a_page_claiming_another_sites_address_is_not_read(page, stub_server, live_server):
    make_user("quinn")
    log_in(page, "quinn", PASSWORD)
    stub_server.html("/evil", "<html><body><p>Nothing to see</p></body></html>")
    page.goto(stub_server.url("/evil"))
    forged = """app => { const w = window.open(app + '/jobs/clip/', '_blank');
        addEventListener('message', e => { if (e.source === w) w.postMessage({type: 'copilot-clip',
            url: 'https://jobs.example.com/1', title: 'x', html: '<main><h1>Forged</h1></main>'}, app); }); }"""
    with page.expect_popup() as opened:
        page.evaluate(forged, live_server.url)
    popup = opened.value
    popup.wait_for_selector("#clip-wrong-origin:visible")
    assert popup.url == f"{live_server.url}/jobs/clip/"  # nothing was posted
    assert not Job.objects.exists()
