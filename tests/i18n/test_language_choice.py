"""Which language a user gets: the one picked in Settings, else the browser's, else English; and the
German formats of dates, numbers and money."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from copilot.accounts.models import Profile, User
from copilot.accounts.services import user_language
from tests.factories import PASSWORD, make_job

pytestmark = pytest.mark.django_db

SETTINGS_FORM = {"skills": "Python", "experience_level": "senior", "target_roles": "", "preferred_locations": "",
                 "remote_preference": "any", "timezone": "Europe/Berlin", "morning_hour": "8", "evening_hour": "20"}


def test_signed_out_pages_follow_the_browser(client):
    german = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5")
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    unknown = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ja")
    assert (german["Content-Language"], english["Content-Language"], unknown["Content-Language"]) == ("de", "en", "en")
    assert '<html lang="de"' in german.content.decode()
    assert "Accept-Language" in german["Vary"]


def test_the_browser_language_stands_until_one_is_picked(alice_client):
    response = alice_client.get("/settings/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Content-Language"] == "de"
    assert "Profil &amp; Einstellungen" in response.content.decode()
    assert 'value="" selected' in response.content.decode()  # "Your browser's language" is the default pick


def test_the_language_picked_in_settings_beats_the_browser_and_is_kept(alice_client, alice, client, django_user_model):
    response = alice_client.post("/settings/", {**SETTINGS_FORM, "language": "de"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).language == "de"
    page = alice_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "de"
    assert "Ihr Profil wurde gespeichert." in page.content.decode()  # the message is already German

    # Another device, a new session: the profile's language, read once and kept in the session.
    client.force_login(alice)
    assert client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "de"

    # Back to the browser's language.
    alice_client.post("/settings/", {**SETTINGS_FORM, "language": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert alice_client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"


def test_an_unknown_language_is_refused_with_a_message(alice_client, alice):
    response = alice_client.post("/settings/", {**SETTINGS_FORM, "language": "xx"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Profile.objects.get(user=alice).language == ""


def test_form_errors_come_in_the_users_language(alice_client):
    response = alice_client.post("/settings/", {**SETTINGS_FORM, "timezone": "Mars/Olympus", "morning_hour": "25"},
                                 HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert "„Mars/Olympus“ ist keine bekannte Zeitzone" in html
    assert "Nichts wurde gespeichert" in html
    assert "kleiner oder gleich 23" in html  # Django's own validators speak German too


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "3 Dec 2026 · 3 Dec · 12,345 · 12.5 · €85,000 · CHF\u00a085,000"),
    ("de", "3. Dez 2026 · 3. Dez · 12.345 · 12,5 · 85.000\u00a0€ · 85.000\u00a0CHF"),
])
def test_dates_numbers_and_money_follow_the_language(language, expected):
    source = ('{% load humanize money %}{{ day|date:"DATE_FORMAT" }} · {{ day|date:"MONTH_DAY_FORMAT" }} · '
              '{{ count|intcomma }} · {{ share|floatformat:1 }} · {{ pay|money:"EUR" }} · {{ pay|money:"CHF" }}')
    with translation.override(language):
        assert render(source, day=dt.date(2026, 12, 3), count=12345, share=12.5, pay=85000) == expected


def test_a_job_page_in_german_shows_german_dates(alice_client, alice):
    job = make_job(alice, posted_date=dt.date(2026, 3, 5))
    html = alice_client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "5. Mär 2026" in html


def test_a_structured_salary_reads_in_the_users_language_and_a_written_one_as_posted(alice_client, alice):
    from decimal import Decimal

    make_job(alice, title="Ranged", salary_text="€60k–70k", salary_min=Decimal("60000"), salary_max=Decimal("70000"),
             salary_currency="EUR", salary_period="year")
    make_job(alice, title="Hourly", salary_min=Decimal("52.50"), salary_currency="USD", salary_period="hour")
    make_job(alice, title="Prose", salary_text="Competitive, plus equity")
    english = alice_client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    german = alice_client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "€60,000 – €70,000 a year" in english and "From $52.50 an hour" in english
    assert "60.000\u00a0€ – 70.000\u00a0€ pro Jahr" in german and "Ab 52,50\u00a0$ pro Stunde" in german
    assert "Competitive, plus equity" in english and "Competitive, plus equity" in german


def test_the_browsers_language_is_remembered_for_mail_at_each_sign_in(client, alice):
    sign_in = {"login": "alice", "password": PASSWORD}
    assert client.post("/accounts/login/", sign_in, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").status_code == 302
    assert Profile.objects.get(user=alice).browser_language == "de"
    assert user_language(User.objects.get(pk=alice.pk)) == "de"
    with CaptureQueriesContext(connection) as queries:  # pages read nothing more for it
        client.get("/settings/", HTTP_ACCEPT_LANGUAGE="de")
    assert not [q for q in queries.captured_queries if "UPDATE" in q["sql"] and "accounts_profile" in q["sql"]]
    client.post("/accounts/logout/")
    client.post("/accounts/login/", sign_in, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")  # another browser
    assert Profile.objects.get(user=alice).browser_language == "en"


def test_a_language_picked_in_settings_beats_the_browsers_for_mail(client, alice):
    Profile.objects.filter(user=alice).update(language="de")
    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert Profile.objects.get(user=alice).browser_language == "en"
    assert user_language(User.objects.get(pk=alice.pk)) == "de"
