from datetime import timedelta

import pytest
from django.utils import timezone

from applications.contacts.models import Contact
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_application, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_a_contact_to_an_application_and_log_a_call(page):
    user = make_user("nora", timezone="Europe/Berlin")
    application = make_application(user, status="applied", title="Contact Flow Engineer", company="Peopleco")
    log_in(page, "nora", PASSWORD)
    page.goto(f"/applications/{application.pk}/")
    page.get_by_text("Add a contact").click()
    page.get_by_role("link", name="New contact…").click()
    page.fill("input[name=name]", "Ada Recruiter")
    page.fill("input[name=role]", "Talent Partner")
    page.fill("input[name=email]", "ada@peopleco.example")
    page.get_by_role("button", name="Save contact").click()
    page.wait_for_url(f"**/applications/{application.pk}/")
    assert page.locator("#contacts").get_by_text("Ada Recruiter").count() == 1
    assert page.get_by_text("No interaction logged yet.").count() == 1

    follow_up = timezone.localdate() + timedelta(days=4)
    page.get_by_text("Log an interaction").click()
    page.select_option("#interaction_kind", "call")
    page.select_option("#interaction_contact", label="Ada Recruiter")
    page.fill("#interaction_note", "Intro call, next: tech interview")
    page.fill("#interaction_follow_up_date", follow_up.isoformat())
    page.get_by_role("button", name="Log interaction").click()
    page.wait_for_url(f"**/applications/{application.pk}/")
    timeline = page.locator(".timeline")
    assert timeline.get_by_text("Intro call, next: tech interview").count() == 1
    assert page.get_by_text("Last interaction:").count() == 1
    assert page.locator("#id_follow_up_date").input_value() == follow_up.isoformat()
    application.refresh_from_db()
    assert application.follow_up_date == follow_up
    assert Contact.objects.get(user=user).interactions.count() == 1
    assert not page.console_errors, page.console_errors
