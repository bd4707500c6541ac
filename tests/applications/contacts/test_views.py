"""Contacts: create, edit, delete, search, link to applications, log interactions on the timeline."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.contacts.models import Contact, Interaction
from applications.contacts.services import create_contact, log_interaction
from applications.models import Application
from tests.factories import make_application, make_job


@pytest.fixture
def application(alice):
    return make_application(alice, status="applied", title="Staff Engineer", company="Northwind")


def _contact(user, name="Dana Reyes", **fields):
    fields.setdefault("role", "Recruiter")
    fields.setdefault("company", "Northwind")
    return create_contact(user=user, name=name, **fields)


def test_create_a_contact_from_the_list(alice_client, alice):
    response = alice_client.post(reverse("contacts:create"), {
        "name": "  Dana   Reyes ", "role": "Recruiter", "company": "Northwind", "email": "dana@northwind.example",
        "phone": "+49 30 1234567", "linkedin_url": "https://www.linkedin.com/in/dana", "notes": "Met at PyCon"})
    contact = Contact.objects.get(user=alice)
    assert response.status_code == 302 and response["Location"] == contact.get_absolute_url()
    assert contact.name == "Dana Reyes" and contact.email == "dana@northwind.example"
    page = alice_client.get(contact.get_absolute_url()).content.decode()
    assert "Dana Reyes" in page and "Met at PyCon" in page and 'href="https://www.linkedin.com/in/dana"' in page


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "   ", "This field is required"),
    ("email", "not-an-email", "Enter a valid email address"),
    ("linkedin_url", "javascript:alert(1)", "Enter a valid URL"),
])
def test_bad_input_says_why_and_saves_nothing(alice_client, alice, field, value, message):
    data = {"name": "Dana", field: value}
    response = alice_client.post(reverse("contacts:create"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Contact.objects.exists()


def test_edit_and_delete(alice_client, alice, application):
    contact = _contact(alice, application=application)
    log_interaction(user=alice, contact=contact, application=application, kind="call", date=date(2026, 11, 2),
                    note="Phone screen booked")
    log_interaction(user=alice, contact=contact, kind="message", date=date(2026, 11, 3), note="Thanks")
    response = alice_client.post(reverse("contacts:edit", args=[contact.pk]),
                                 {"name": "Dana Reyes-Ortiz", "role": "Head of Talent", "company": "Northwind"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.role) == ("Dana Reyes-Ortiz", "Head of Talent")
    confirm = alice_client.get(reverse("contacts:delete", args=[contact.pk]))
    assert "Delete Dana Reyes-Ortiz?" in confirm.content.decode()
    response = alice_client.post(reverse("contacts:delete", args=[contact.pk]))
    assert response.status_code == 302 and not Contact.objects.exists()
    # The interaction about the application stays on its timeline, without the name; the other is gone.
    (kept,) = Interaction.objects.all()
    assert kept.application == application and kept.contact is None and kept.note == "Phone screen booked"
    assert "Phone screen booked" in alice_client.get(application.get_absolute_url()).content.decode()


def test_new_contact_from_an_application_is_linked_to_it(alice_client, alice, application):
    url = reverse("contacts:create") + f"?application={application.pk}"
    assert "Staff Engineer" in alice_client.get(url).content.decode()
    response = alice_client.post(reverse("contacts:create"), {"name": "Sam Lee", "application": application.pk})
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert list(application.contacts.values_list("name", flat=True)) == ["Sam Lee"]
    assert "Sam Lee" in alice_client.get(application.get_absolute_url()).content.decode()


def test_new_contact_from_a_job_is_linked_to_the_job(alice_client, alice):
    job = make_job(alice, title="Platform Engineer")
    response = alice_client.post(reverse("contacts:create"), {"name": "Kim Park", "job": job.pk})
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert "Kim Park" in alice_client.get(job.get_absolute_url()).content.decode()


def test_link_an_existing_contact_to_a_job_and_remove_it(alice_client, alice, bob):
    job = make_job(alice, title="Platform Engineer")
    contact = _contact(alice)
    _contact(bob, name="Bob's friend")
    page = alice_client.get(job.get_absolute_url()).content.decode()
    assert f'<option value="{contact.pk}">Dana Reyes (Northwind)</option>' in page and "Bob&#x27;s friend" not in page
    response = alice_client.post(reverse("contacts:job_link", args=[job.pk]), {"contact": contact.pk})
    assert response.status_code == 302 and list(job.contacts.all()) == [contact]
    assert "Link a contact" not in alice_client.get(job.get_absolute_url()).content.decode()  # nobody else left
    alice_client.post(reverse("contacts:job_unlink", args=[job.pk]), {"contact": contact.pk})
    assert not job.contacts.exists() and Contact.objects.filter(pk=contact.pk).exists()
    response = alice_client.post(reverse("contacts:job_link", args=[job.pk]), {"contact": "nope"}, follow=True)
    assert "Choose one of your contacts" in response.content.decode() and not job.contacts.exists()


def test_someone_elses_application_or_job_in_the_create_form_is_a_404(bob_client, alice, application):
    assert bob_client.post(reverse("contacts:create"), {"name": "X", "application": application.pk}).status_code == 404
    job = make_job(alice)
    assert bob_client.get(reverse("contacts:create") + f"?job={job.pk}").status_code == 404
    for garbage in ("abc", "²", "9" * 30, "-1"):
        assert bob_client.get(reverse("contacts:create"), {"application": garbage}).status_code == 404
    assert not Contact.objects.exists()


def test_link_and_unlink_an_existing_contact(alice_client, alice, application):
    contact = _contact(alice)
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert f'<option value="{contact.pk}">' in page  # offered in "Add a contact"
    response = alice_client.post(reverse("contacts:application_link", args=[application.pk]), {"contact": contact.pk})
    assert response.status_code == 302 and list(application.contacts.all()) == [contact]
    response = alice_client.post(reverse("contacts:application_unlink", args=[application.pk]), {"contact": contact.pk})
    assert response.status_code == 302 and not application.contacts.exists()
    assert Contact.objects.filter(pk=contact.pk).exists()
    response = alice_client.post(reverse("contacts:application_unlink", args=[application.pk]), {"contact": "x"})
    assert response.status_code == 400 and "not on this application" in response.content.decode()


def test_bob_cannot_link_his_contact_to_alices_application_nor_alices_contact_to_his(bob_client, bob, alice,
                                                                                    application):
    bobs = _contact(bob, name="Bob's friend")
    alices = _contact(alice)
    response = bob_client.post(reverse("contacts:application_link", args=[application.pk]), {"contact": bobs.pk})
    assert response.status_code == 404
    own = make_application(bob, status="applied")
    response = bob_client.post(reverse("contacts:application_link", args=[own.pk]), {"contact": alices.pk})
    assert response.status_code == 400 and not own.contacts.exists()
    response = bob_client.post(reverse("contacts:application_log", args=[own.pk]),
                               {"kind": "call", "date": "2026-11-02", "contact": alices.pk})
    assert response.status_code == 400 and not Interaction.objects.exists()


def test_logging_an_interaction_adds_it_to_the_timeline_and_sets_the_follow_up(alice_client, alice, application):
    contact = _contact(alice)
    today = timezone.localdate()
    response = alice_client.post(reverse("contacts:application_log", args=[application.pk]), {
        "kind": "call", "date": today.isoformat(), "contact": contact.pk, "note": "Talked about the team",
        "follow_up_date": (today + timedelta(days=3)).isoformat()})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.follow_up_date == today + timedelta(days=3)
    (interaction,) = application.interactions.all()
    assert (interaction.kind, interaction.contact, interaction.user) == ("call", contact, alice)
    assert list(application.contacts.all()) == [contact]  # talking about it makes them a contact of it
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert "Talked about the team" in page
    assert "Last interaction:</strong> Call with Dana Reyes" in page
    # The interaction sits after the status moves of the same day, where it was logged.
    assert page.index("Started as") < page.index("Talked about the team")


def test_without_a_follow_up_date_the_reminder_is_kept(alice_client, alice, application):
    before = Application.objects.get(pk=application.pk).follow_up_date
    alice_client.post(reverse("contacts:application_log", args=[application.pk]),
                      {"kind": "email", "date": "2026-11-02", "note": "Sent the portfolio"})
    application.refresh_from_db()
    assert application.follow_up_date == before is not None
    assert application.interactions.get().contact is None


@pytest.mark.parametrize(("data", "message"), [
    ({"kind": "fax", "date": "2026-11-02"}, "Select a valid choice"),
    ({"kind": "call", "date": "9999-01-01"}, "Use a date between 2000 and 2100"),
    ({"kind": "call", "date": "2026-11-02", "follow_up_date": "2026-11-01"}, "cannot be before the conversation"),
])
def test_a_bad_interaction_says_why_and_changes_nothing(alice_client, alice, application, data, message):
    before = Application.objects.get(pk=application.pk).follow_up_date
    response = alice_client.post(reverse("contacts:application_log", args=[application.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    application.refresh_from_db()
    assert application.follow_up_date == before and not Interaction.objects.exists()


def test_timeline_orders_interactions_by_their_day(alice, application):
    from applications.views import detail_context

    log_interaction(user=alice, application=application, kind="meeting", date=date(2026, 1, 5), note="Coffee")
    log_interaction(user=alice, application=application, kind="email", date=date(2026, 1, 9), note="Thanks")
    timeline = detail_context(application, alice)["timeline"]
    notes = [entry.interaction.note for entry in timeline if entry.interaction]
    assert notes == ["Coffee", "Thanks"]
    assert timeline[-1].event is not None  # the moves of today come after January's interactions
    assert detail_context(application, alice)["last_interaction"].note == "Thanks"


def test_log_from_a_contacts_page_about_an_application(alice_client, alice, application):
    contact = _contact(alice)
    response = alice_client.post(reverse("contacts:log", args=[contact.pk]), {
        "kind": "meeting", "date": "2026-11-20", "application": application.pk, "note": "Onsite lunch",
        "follow_up_date": "2026-11-27"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.follow_up_date == date(2026, 11, 27)
    assert "Onsite lunch" in alice_client.get(contact.get_absolute_url()).content.decode()
    response = alice_client.post(reverse("contacts:log", args=[contact.pk]),
                                 {"kind": "call", "date": "2026-11-21", "follow_up_date": "2026-11-27"})
    assert response.status_code == 400 and "Choose the application" in response.content.decode()


def test_delete_an_interaction(alice_client, alice, application):
    interaction = log_interaction(user=alice, application=application, kind="call", date=date(2026, 1, 5))
    response = alice_client.post(reverse("contacts:interaction_delete", args=[interaction.pk]))
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert not Interaction.objects.exists()


def test_search_matches_every_word_across_fields_and_only_mine(alice_client, alice, bob):
    _contact(alice, name="Dana Reyes", role="Recruiter", company="Northwind")
    _contact(alice, name="Sam Lee", role="Engineering Manager", company="Contoso", notes="Knows Dana")
    _contact(alice, name="Kim Park", role="Recruiter", company="Contoso", email="kim@contoso.example")
    _contact(bob, name="Dana Bob", role="Recruiter", company="Northwind")

    def names(q):
        response = alice_client.get(reverse("contacts:list"), {"q": q}, headers={"HX-Request": "true",
                                                                               "HX-Target": "contact-results"})
        assert response.status_code == 200 and "<html" not in response.content.decode()
        return [c.name for c in response.context["contacts"]]

    assert names("") == ["Dana Reyes", "Kim Park", "Sam Lee"]
    assert names("dana") == ["Dana Reyes", "Sam Lee"]
    assert names("recruiter contoso") == ["Kim Park"]
    assert names("kim@contoso") == ["Kim Park"]
    assert names("nobody") == []
    assert "No contact matches “nobody”" in alice_client.get(reverse("contacts:list"), {"q": "nobody"}).content.decode()


def test_list_shows_application_counts_and_last_interaction(alice_client, alice, application):
    contact = _contact(alice, application=application)
    log_interaction(user=alice, contact=contact, kind="call", date=date(2026, 3, 1))
    log_interaction(user=alice, contact=contact, kind="call", date=date(2026, 4, 2))
    page = alice_client.get(reverse("contacts:list"))
    (row,) = page.context["contacts"]
    assert row.application_count == 1 and row.last_interaction == date(2026, 4, 2)
    assert "2 Apr 2026" in page.content.decode()


def test_list_and_pages_query_counts_do_not_grow(alice_client, alice, application, django_assert_max_num_queries):
    _contact(alice, application=application)
    urls = [reverse("contacts:list"), application.get_absolute_url()]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(20) as captured:
            assert alice_client.get(url).status_code == 200
        counts[url] = len(captured.captured_queries)
    for n in range(30):
        contact = _contact(alice, name=f"Person {n}", application=application)
        log_interaction(user=alice, contact=contact, application=application, kind="email", date=date(2026, 2, 1))
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            response = alice_client.get(url)
        assert "Person 29" in response.content.decode()


def test_contact_page_query_count_does_not_grow(alice_client, alice, django_assert_max_num_queries):
    contact = _contact(alice)
    with django_assert_max_num_queries(20) as captured:
        alice_client.get(contact.get_absolute_url())
    for n in range(10):
        app = make_application(alice, status="applied", title=f"Role {n}")
        log_interaction(user=alice, contact=contact, application=app, kind="call", date=date(2026, 2, n + 1))
    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = alice_client.get(contact.get_absolute_url())
    assert "Role 9" in response.content.decode()


def test_contacts_and_interactions_are_exported_and_deleted_with_the_account(alice_client, alice, bob, application):
    import io
    import json
    import zipfile

    from tests.factories import PASSWORD

    contact = _contact(alice, application=application, email="dana@northwind.example")
    log_interaction(user=alice, contact=contact, application=application, kind="call", date=date(2026, 3, 1),
                    note="First call")
    _contact(bob, name="Bob's contact")
    archive = zipfile.ZipFile(io.BytesIO(alice_client.get(reverse("data_rights:export")).content))
    (exported,) = json.loads(archive.read("contacts.json"))
    assert exported["email"] == "dana@northwind.example" and exported["application_ids"] == [application.pk]
    (call,) = json.loads(archive.read("interactions.json"))
    assert (call["note"], call["contact"], call["application"]) == ("First call", contact.pk, application.pk)
    assert "Bob's contact" not in archive.read("contacts.json").decode()
    alice_client.post(reverse("data_rights:delete"), {"password": PASSWORD, "confirm": "on"})
    assert list(Contact.objects.values_list("name", flat=True)) == ["Bob's contact"]
    assert not Interaction.objects.exists()
