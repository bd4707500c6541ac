"""The applications pages, messages, calendar and CSV import in German (issue 17), English staying the default."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from applications.models import CSVImport, TimelineEvent
from applications.services import move_application, schedule_interview
from applications.spreadsheets import csv_io
from copilot.accounts.services import get_profile
from tests.applications.test_csv_import_background import LARGE, checked_import, rows, status_url
from tests.applications.test_spreadsheets import ours
from tests.factories import make_application

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture
def application(alice):
    return make_application(alice, status="applied", title="Staff Engineer", company="Northwind")


def test_the_board_speaks_german(alice_client, application):
    html = alice_client.get(reverse("applications:board"), **GERMAN).content.decode()
    assert "<h1>Bewerbungen</h1>" in html
    assert ">Beworben</span>" in html and ">Interessiert</span>" in html  # the status labels
    assert "0 Tage in dieser Phase" in html
    assert "Verschieben" in html and "Applied" not in html


def test_the_table_and_contacts_speak_german(alice_client, application):
    table = alice_client.get(reverse("applications:table"), **GERMAN).content.decode()
    assert "Alle Status" in table and '<option value="applied" selected>Beworben</option>' in table
    assert alice_client.get(reverse("contacts:list"), **GERMAN).content.decode().count("Noch keine Kontakte.") == 1


def test_a_move_is_announced_and_kept_on_the_timeline_in_the_readers_language(alice_client, application):
    response = alice_client.post(reverse("applications:move", args=[application.pk]),
                                 {"status": "offer", "return": "card"}, HTTP_HX_REQUEST="true", **GERMAN)
    assert "„Staff Engineer“ von Beworben nach Angebot verschoben. Angebot hat jetzt 1." in response.content.decode()
    html = alice_client.get(reverse("applications:detail", args=[application.pk]), **GERMAN).content.decode()
    assert "Begonnen als" in html and ">Angebot</span>" in html


def test_the_note_the_app_writes_on_the_timeline_is_shown_in_the_readers_language(alice_client, application):
    schedule_interview(application=application, starts_at=timezone.now() + timedelta(days=2), duration_minutes=45,
                       kind="video", move_to_interview=True)
    move_application(application=application, status="offer", note="Interview scheduled, then an offer")
    event = TimelineEvent.objects.get(to_status="interview")
    assert event.note == "Interview scheduled"  # stored as it always was (the API gives it as it is)
    url = reverse("applications:detail", args=[application.pk])
    german = alice_client.get(url, **GERMAN).content.decode()
    assert '<p class="timeline-note">Vorstellungsgespräch geplant</p>' in german
    assert "Interview scheduled, then an offer" in german  # what someone typed stays as typed
    assert "Videocall" in german and "45 Min." in german
    english = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<p class="timeline-note">Interview scheduled</p>' in english


def test_flash_messages_are_german(alice_client, application):
    response = alice_client.post(reverse("applications:note_add", args=[application.pk]), {"text": "Hi"},
                                 follow=True, **GERMAN)
    assert "Notiz hinzugefügt." in response.content.decode()


def test_the_calendar_feed_speaks_the_language_picked_in_settings(client, alice, application):
    schedule_interview(application=application, starts_at=timezone.now() + timedelta(days=2), duration_minutes=45,
                       kind="phone")
    url = reverse("applications:calendar_feed", args=[get_profile(alice).calendar_token])
    event = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Phone screen: Staff Engineer at Northwind"
    profile = get_profile(alice)
    profile.language = "de"
    profile.save(update_fields=["language"])
    calendar = Calendar.from_ical(client.get(url).content)
    assert str(calendar.walk("VEVENT")[0]["summary"]) == "Telefoninterview: Staff Engineer bei Northwind"
    assert str(calendar["x-wr-calname"]) == "Vorstellungsgespräche — alice"


def test_a_german_file_may_name_statuses_in_german_or_english_and_its_problems_are_german(alice):
    data = ours({"title": "A", "company": "X", "status": "Beworben"}, {"title": "B", "company": "X", "status": "Offer"},
                {"title": "C", "company": "X", "status": "interview"}, {"title": "", "company": "X"},
                {"title": "E", "company": "X", "status": "Maybe"})
    with translation.override("de"):
        preview = csv_io.preview_import(alice, data)
        assert [(row.status, row.status_label) for row in preview.rows[:3]] == [
            ("applied", "Beworben"), ("offer", "Angebot"), ("interview", "Interview")]
        assert preview.rows[3].errors == ["title: erforderlich."]
        assert preview.rows[4].errors[0].startswith("status „Maybe“ ist keiner dieser Werte: interested, applied")
    english = csv_io.preview_import(alice, data)
    assert [row.status for row in english.rows[1:3]] == ["offer", "interview"]  # a German label is a German one
    assert english.rows[3].errors == ["title: required."]


def test_the_worker_writes_a_large_files_summary_in_the_uploaders_language(
        alice_client, alice, django_capture_on_commit_callbacks):
    alice_client.defaults.update(GERMAN)
    bad = [{"title": "", "company": "Nobody"}]
    csv_import = checked_import(alice_client, ours(*rows(LARGE), *bad), django_capture_on_commit_callbacks)
    assert csv_import.language == "de"
    assert csv_import.summary["format_label"] == "Career-Co-Pilot-Export"
    assert csv_import.summary["problems"][0]["errors"] == ["title: erforderlich."]
    html = alice_client.get(status_url(csv_import)).content.decode()
    assert "Vor dem Import prüfen" in html and f"{LARGE} neu, 0 bereits bekannt, 1 mit Problemen" in html


def test_a_crash_stored_in_english_is_shown_in_the_readers_language(alice_client, alice):
    from applications.spreadsheets.background import CRASHED

    csv_import = CSVImport.objects.create(user=alice, file_name="x.csv", csv_text="", phase="failed", state="idle",
                                          error=CRASHED)
    html = alice_client.get(status_url(csv_import), **GERMAN).content.decode()
    assert "Beim Import dieser Datei ist etwas schiefgegangen." in html
