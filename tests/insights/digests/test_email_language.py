"""Mail goes out in the recipient's language: the one picked in Settings (Profile.language), else LANGUAGE_CODE
(a mail has no browser to ask), whatever language the sending process happens to have active."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from insights.digests.sending import send_due_digests
from jobs.alerts.mail import build_message
from jobs.models import JobAlert
from tests.factories import PASSWORD, make_job, make_user

from .helpers import job_at, outbox, utc

MORNING = utc(2026, 3, 10, 7, 0)  # Tuesday, 08:00 in Berlin


def brief_for(language: str, username: str):
    user = make_user(username, skills=["Python", "Django"], timezone="Europe/Berlin", language=language)
    job_at(user, utc(2026, 3, 9, 12), "Senior Python Engineer", company="Northwind", tech_stack=["Python", "Django"])
    job_at(user, utc(2026, 3, 9, 13), "Data Engineer", company="Heron Freight", tech_stack=["Python", "Spark"])
    return user


def sent_to(user):
    [message] = [m for m in outbox() if m.to == [user.email]]
    return message, message.alternatives[0].content


@pytest.mark.django_db
def test_a_german_users_morning_brief_is_german_and_an_english_users_english():
    greta, edward = brief_for("de", "greta"), brief_for("en", "edward")
    with translation.override("de"):  # the worker's own language must not leak into anyone's mail
        assert send_due_digests(MORNING, kinds=["morning"])["sent"] == 2

    message, html = sent_to(greta)
    assert message.subject == "Morgen-Briefing: Senior Python Engineer bei Northwind und 1 weiterer neuer Job"
    assert message.body.startswith("Guten Morgen, greta.\nDienstag, 10. März 2026: 2 neue passende Jobs.\n")
    assert "NEUE PASSENDE JOBS" in message.body
    assert "Morgen-Briefing abbestellen: http" in message.body
    assert 'lang="de"' in html and "Guten Morgen, greta" in html and "Übersicht öffnen" in html
    assert "Good morning" not in message.body + html

    message, html = sent_to(edward)
    assert message.subject == "Morning brief: Senior Python Engineer at Northwind and 1 more new job"
    assert message.body.startswith("Good morning, edward.\nTuesday, 10 March 2026: 2 new matches.\n")
    assert "Unsubscribe from the morning brief: http" in message.body
    assert 'lang="en"' in html and "Good morning, edward" in html and "Open your dashboard" in html
    assert "Guten Morgen" not in message.body + html


@pytest.mark.django_db
def test_without_a_language_picked_the_brief_is_in_the_sites_language():
    user = brief_for("", "nora")
    with translation.override("de"):
        send_due_digests(MORNING, kinds=["morning"])
    message, _html = sent_to(user)
    assert settings.LANGUAGE_CODE == "en"
    assert message.subject.startswith("Morning brief: ")


@pytest.mark.django_db
def test_an_alert_mail_is_in_the_users_language():
    greta = make_user("greta", skills=["Python"], timezone="Europe/Berlin", language="de", alert_email=True)
    alert = JobAlert.objects.create(user=greta, job=make_job(greta, title="Python Engineer", company="Northwind"),
                                    score=91, email=JobAlert.Email.PENDING)
    message = build_message(alert)
    assert message.subject == "Neuer passender Job (91/100): Python Engineer bei Northwind"
    assert "Ein neuer Job aus Ihren Jobbörsen erreicht für Sie 91/100:" in message.body
    assert translation.get_language() == settings.LANGUAGE_CODE  # the override ended with the mail


@pytest.mark.django_db
def test_without_a_language_picked_the_brief_follows_the_browser_last_used(client):
    user = brief_for("", "bruno")
    # Signed in from a German browser, no language picked in Settings.
    client.post("/accounts/login/", {"login": "bruno", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    send_due_digests(MORNING, kinds=["morning"])
    message, html = sent_to(user)
    assert message.subject.startswith("Morgen-Briefing: ") and 'lang="de"' in html
