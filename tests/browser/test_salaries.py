import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_salary_charts_draw_under_the_csp_and_a_job_shows_its_position(page):
    user = make_user("sal", target_roles=["Backend Engineer"], experience_level="senior")
    jobs = [make_job(user, title="Senior Backend Engineer", salary_text=f"€{amount},000 a year")
            for amount in (60, 70, 80, 90)]
    make_job(user, title="Senior Backend Engineer")  # no salary
    log_in(page, "sal", PASSWORD)
    page.goto("/insights/salaries/")
    page.wait_for_selector(".chart.is-drawn")
    assert page.locator(".chart.is-drawn").count() == 5  # the target and four distributions
    assert "1</strong> states no salary" in page.content()
    page.goto(jobs[3].get_absolute_url())
    panel = page.locator("#salary-position")
    panel.wait_for()
    assert "pays more than 100 % of 3 comparable jobs" in " ".join(panel.inner_text().split())
    assert not page.console_errors, page.console_errors
