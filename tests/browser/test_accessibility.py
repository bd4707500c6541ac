"""axe-core on every page of tests/browser/pages.py, signed out and signed in with the demo data.

No page may have a serious or critical violation (nor, while we are there, a console error). Failures
list every page's problems at once, with the rule, its help text and the first offending elements, so one
run shows all there is to fix.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.pages import EMPTY_ACCOUNT, SIGNED_IN, SIGNED_OUT, AppPage, demo_objects
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:4])
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']} — {targets}")
    return found


def check(page, pages: list[AppPage], demo) -> dict[str, list[str]]:
    problems = {}
    for app_page in pages:
        page.set_viewport_size({"width": 1280, "height": 800})
        response = page.goto(app_page.url(demo))
        assert response is not None and response.status == app_page.status, (app_page.name, response)
        page.wait_for_load_state("networkidle")
        if app_page.prepare:
            app_page.prepare(page)
        if app_page.status == 200 and page.console_errors:  # an error page logs its own status, rightly
            problems[f"{app_page.name}: console"] = list(page.console_errors)
        page.console_errors.clear()
        for viewport in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
            page.set_viewport_size(viewport)
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)))")
            if found := blocking_violations(page):
                problems[f"{app_page.name} ({app_page.url(demo)}) at {viewport['width']} px"] = found
    return problems


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())


def test_signed_out_pages_have_no_serious_accessibility_violations(page):
    demo = demo_objects()
    problems = check(page, SIGNED_OUT, demo)
    assert not problems, report(problems)


def test_signed_in_pages_have_no_serious_accessibility_violations(page):
    demo = demo_objects()
    log_in(page, demo.username, demo.password)
    problems = check(page, SIGNED_IN, demo)
    assert not problems, report(problems)


def test_a_new_accounts_empty_pages_have_no_serious_accessibility_violations(page):
    make_user("newcomer")
    log_in(page, "newcomer", PASSWORD)
    problems = check(page, EMPTY_ACCOUNT, None)
    assert not problems, report(problems)


def test_the_check_finds_a_violation_when_there_is_one(page):
    page.set_content("<html><body><main><img src='x.png'><button></button></main></body></html>")
    found = blocking_violations(page)
    assert any("image-alt" in line for line in found) and any("button-name" in line for line in found)
