"""Charts render under the CSP: plotly loads locally, draws, and the console stays clean."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_application, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def iris():
    user = make_user("iris", skills=["Python"], preferred_locations=["Berlin"], experience_level="mid")
    make_application(user, status="interview", title="Backend Engineer", tech_stack=["Python", "Kubernetes"])
    make_application(user, status="applied", title="Data Engineer", tech_stack=["Python", "dbt"])
    make_application(user, status="rejected", title="Platform Engineer", tech_stack=["Go", "Kubernetes"])
    make_job(user, title="Site Reliability Engineer", tech_stack=["Kubernetes", "Terraform"])
    return user


def test_analytics_page_draws_every_chart_without_console_errors(page, iris):
    log_in(page, "iris", PASSWORD)
    page.goto("/insights/analytics/")
    page.wait_for_selector(".js-plotly-plot")
    page.wait_for_function("document.querySelectorAll('.chart.is-drawn').length === 5")
    assert page.locator(".js-plotly-plot").count() == 5
    assert page.locator(".js-plotly-plot .main-svg").count() >= 5
    # Drawn charts fold their tables away; the numbers are one click away.
    assert page.locator("details.chart-data[open]").count() == 0
    assert not page.console_errors, page.console_errors


def test_dashboard_draws_the_pipeline_without_console_errors(page, iris):
    log_in(page, "iris", PASSWORD)  # lands on the dashboard
    page.wait_for_selector("table.funnel svg rect")
    assert page.locator(".js-plotly-plot").count() == 0  # drawn on the server, no plotly.js
    assert page.locator("#main .metric").count() == 5
    assert "Backend Engineer" in page.locator("#main").inner_text()
    assert not page.console_errors, page.console_errors


def test_without_javascript_the_tables_are_there(chromium, live_server, iris):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, "iris", PASSWORD)
    page.goto("/insights/analytics/")
    assert page.locator("details.chart-data[open] table").count() == 5
    assert page.locator(".js-plotly-plot").count() == 0
    context.close()
