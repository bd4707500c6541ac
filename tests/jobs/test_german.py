"""The job pages in German: labels, messages, the match score's reasons and the notes of a read posting,
with machine numbers left as they are where a browser reads them (the match meters)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from jobs.fetches import NO_WORKER
from jobs.importing.clipper import bookmarklet_url
from jobs.importing.jsonld import parse_job_posting
from jobs.locations import location_match, parse_job_location, parse_location
from jobs.models import BackgroundFetch, ClosedBy
from jobs.services import mark_closed
from tests.factories import make_job

DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request leaves its language active in the thread: later tests expect English."""
    yield
    translation.activate("en")


def test_the_list_speaks_german_with_plurals(alice, alice_client):
    make_job(alice, title="Data Engineer", tech_stack=["Python"])
    mark_closed(job=make_job(alice, title="Old Role"))
    html = alice_client.get(reverse("jobs:list"), **DE).content.decode()
    assert "<h1>Jobs</h1>" in html and "Job hinzufügen" in html and "Filter und Sortierung" in html
    assert "Neueste zuerst" in html and "Beste Übereinstimmung" in html and "Letzte 7 Tage" in html
    assert "1 Job" in html and "1 geschlossener Job</a> nicht angezeigt" in html
    assert "Verfolgen" in html and "Vor Ort" in html
    html = alice_client.get(reverse("jobs:list"), {"q": "Engineer", "source": "manual"}, **DE).content.decode()
    assert "1 Job entspricht Ihren Filtern" in html


def test_the_detail_page_explains_the_match_in_german_and_keeps_machine_numbers(alice, alice_client):
    job = make_job(alice, title="Backend Engineer", location="Munich, Germany", remote_option="hybrid",
                   tech_stack=["Python", "Go", "Kubernetes"])
    html = alice_client.get(job.get_absolute_url(), **DE).content.decode()
    assert "Ihre Übereinstimmung" in html and "Gefragte Skills" in html and "Als geschlossen markieren" in html
    assert "Trifft 1 von 3 Skills: Python; fehlend: Go, Kubernetes" in html
    assert "(hybride Rolle)" in html
    values = re.findall(r'<meter class="match-meter"[^>]* value="([^"]*)"', html)
    assert len(values) == 3 and all(re.fullmatch(r"\d\.\d{3}", value) for value in values), values


def test_a_closed_job_says_who_closed_it_in_german(alice, alice_client):
    job = mark_closed(job=make_job(alice))
    assert job.closed_by == ClosedBy.USER
    html = alice_client.get(job.get_absolute_url(), **DE).content.decode()
    assert "<strong>Diese Stellenanzeige ist geschlossen</strong> – von Ihnen am" in html
    assert "Wieder öffnen" in html


def test_the_form_labels_errors_and_messages_are_german(alice, alice_client):
    html = alice_client.get(reverse("jobs:create"), **DE).content.decode()
    assert "Link zur Stellenanzeige" in html and "Tech-Stack (erforderlich)" in html and "– Bitte auswählen –" in html
    response = alice_client.post(reverse("jobs:create"), {"title": "x" * 201, "company": "Acme"}, **DE)
    assert "Das ist zu lang: höchstens 200 Zeichen, es sind aber 201. Bitte kürzen Sie es." in response.content.decode()
    response = alice_client.post(reverse("jobs:create"), {"title": "Data Engineer", "company": "Acme"}, follow=True,
                                 **DE)
    assert [str(m) for m in response.context["messages"]] == ["„Data Engineer“ bei Acme gespeichert."]


def test_the_duplicate_warning_is_german(alice, alice_client):
    make_job(alice, title="Backend Engineer", company="Acme", url="https://example.com/jobs/1")
    response = alice_client.post(reverse("jobs:create"), {"title": "Other", "company": "Beta",
                                                          "url": "https://example.com/jobs/1"}, **DE)
    assert "Sie haben diesen Job bereits mit demselben Link" in response.content.decode()


def test_a_failed_read_is_explained_in_german(alice, alice_client):
    fetch = BackgroundFetch.objects.create(user=alice, kind=BackgroundFetch.Kind.POSTING, status="failed",
                                           request={"url": "https://example.com/x"}, error=NO_WORKER)
    html = alice_client.get(reverse("jobs:add_from_url_result", args=[fetch.pk]), **DE).content.decode()
    assert "Wir konnten diese Seite nicht lesen: Kein Hintergrundprozess hat dies übernommen." in html


def test_the_notes_of_a_read_page_follow_the_language():
    page = "<html><head><title>Dev</title><meta property='og:site_name' content='Kestrel'></head></html>"
    with translation.override("de"):
        notes = parse_job_posting(page, url="https://example.com/j").notes
    assert any(note.startswith("Das Unternehmen wurde aus dem Namen der Website erraten") for note in notes)
    assert any(note.startswith("Nicht gefunden: ") for note in notes)
    assert any(note.startswith("The company was guessed") for note in parse_job_posting(page, url="u").notes)


def test_the_bookmarklet_warns_in_the_readers_language():
    with translation.override("de"):
        assert "Erlauben%20Sie%20Pop-ups" in bookmarklet_url("https://jobs.example.com")
    assert "allow%20pop-ups" in bookmarklet_url("https://jobs.example.com")


def test_a_place_reason_is_remembered_per_language():
    preference, job = parse_location("Berlin, Germany"), parse_job_location("Munich, Germany", "")
    with translation.override("de"):
        german = location_match(preference, job, remote_ok=False).reason
    english = location_match(preference, job, remote_ok=False).reason
    assert "keiner Ihrer bevorzugten Orte" in german and "not one of your preferred locations" in english
