import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_job, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POSTING = (
    "<h3>About Ledgerly</h3><p>Ledgerly is an AI-powered accounting platform.</p>"
    "<h3>What you'll do</h3><ul><li>Design event-driven services in Kotlin on Spring Boot</li>"
    "<li>Tune slow queries in PostgreSQL and publish events on Apache Kafka</li></ul>"
    "<h3>What you bring</h3><ul><li>Kubernetes and Docker in production</li>"
    "<li>Clear written communication in English; you mentor others</li></ul>"
    "<h3>Nice to have</h3><ul><li>Terraform or gRPC</li><li>German</li></ul>"
)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_job_page_shows_the_three_skill_groups_at_any_width(page, width):
    user = make_user("nora")
    job = make_job(user, title="Senior Backend Engineer (Kotlin)", company="Ledgerly", description_html=POSTING)
    log_in(page, "nora", PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(job.get_absolute_url())
    groups = page.locator("section[aria-labelledby=skills-asked]")
    assert groups.get_by_role("list", name="Required skills").get_by_text("Kotlin").is_visible()
    assert groups.get_by_role("list", name="Nice-to-have skills").get_by_text("Terraform").is_visible()
    assert groups.get_by_role("list", name="Soft skills and languages").get_by_text("German").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    assert not page.console_errors, page.console_errors
