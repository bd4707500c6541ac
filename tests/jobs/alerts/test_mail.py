"""Mailing alerts: at most DAILY_CAP a local day, the best first, each alert at most once, through a real SMTP
server for the round trip."""

import email
from datetime import datetime, timedelta
from email import policy
from zoneinfo import ZoneInfo

import pytest

from jobs.alerts.mail import DAILY_CAP, send_alert_emails
from jobs.models import JobAlert
from tests.factories import make_job
from tests.insights.digests.test_smtp import smtp_mailers, smtp_server  # noqa: F401  (smtp_server: a fixture)

BERLIN = ZoneInfo("Europe/Berlin")
EVENING = datetime(2026, 12, 2, 21, 0, tzinfo=BERLIN)


@pytest.fixture
def opted_in(alice):
    alice.profile.alert_email = True
    alice.profile.save()
    return alice


def pending(user, scores: list[int]) -> list[JobAlert]:
    return [JobAlert.objects.create(user=user, job=make_job(user, title=f"Python Engineer {n}", company=f"Co {n}"),
                                    score=score, email=JobAlert.Email.PENDING) for n, score in enumerate(scores)]


def states(user) -> dict[int, str]:
    return dict(JobAlert.objects.filter(user=user).values_list("score", "email"))


def test_at_most_the_daily_cap_is_mailed_best_scores_first(opted_in, mailoutbox):
    pending(opted_in, [91, 97, 93, 99, 95])
    assert send_alert_emails(opted_in.pk, now=EVENING) == {"sent": DAILY_CAP, "failed": 0}
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["New match (99/100)", "New match (97/100)",
                                                            "New match (95/100)"]
    assert states(opted_in) == {99: "sent", 97: "sent", 95: "sent", 93: "over_cap", 91: "over_cap"}
    # Later the same local day: new alerts are over the cap too.
    pending(opted_in, [98])
    assert send_alert_emails(opted_in.pk, now=EVENING + timedelta(hours=2, minutes=30))["sent"] == 0
    assert states(opted_in)[98] == "over_cap" and len(mailoutbox) == DAILY_CAP


def test_the_cap_counts_the_users_local_day(opted_in, mailoutbox):
    pending(opted_in, [90, 91, 92])
    send_alert_emails(opted_in.pk, now=EVENING)  # 21:00 in Berlin
    pending(opted_in, [93])
    # 00:30 the next day in Berlin (still the same day in UTC): a new day's cap.
    assert send_alert_emails(opted_in.pk, now=datetime(2026, 12, 3, 0, 30, tzinfo=BERLIN))["sent"] == 1
    assert len(mailoutbox) == 4


def test_each_alert_is_mailed_once_however_often_the_task_runs(opted_in, mailoutbox):
    pending(opted_in, [95])
    for _ in range(3):
        send_alert_emails(opted_in.pk, now=EVENING)
    assert len(mailoutbox) == 1


def test_an_alert_a_dead_worker_claimed_is_never_mailed_again(opted_in, mailoutbox):
    [alert] = pending(opted_in, [95])
    JobAlert.objects.filter(pk=alert.pk).update(email=JobAlert.Email.SENDING, emailed_at=EVENING)
    send_alert_emails(opted_in.pk, now=EVENING + timedelta(hours=1))
    assert not mailoutbox


def test_switching_email_off_before_the_task_runs_sends_nothing(opted_in, mailoutbox):
    pending(opted_in, [95])
    opted_in.profile.alert_email = False
    opted_in.profile.save()
    send_alert_emails(opted_in.pk, now=EVENING)
    assert not mailoutbox and states(opted_in) == {95: "none"}


def test_a_refused_mail_is_failed_and_not_retried(opted_in, settings):
    settings.MAILERS = smtp_mailers(9)  # nothing listens on port 9 of the loopback
    pending(opted_in, [95])
    assert send_alert_emails(opted_in.pk, now=EVENING) == {"sent": 0, "failed": 1}
    assert states(opted_in) == {95: "failed"}
    assert send_alert_emails(opted_in.pk, now=EVENING) == {"sent": 0, "failed": 0}


def test_an_alert_goes_through_a_real_smtp_server(opted_in, smtp_server, settings):  # noqa: F811
    port, sink = smtp_server
    settings.MAILERS = smtp_mailers(port)
    job = make_job(opted_in, title="Staff Python Engineer\r\nBcc: someone@evil.example", company="Northwind",
                   description_html="<p>Python, Django and PostgreSQL.</p>")
    JobAlert.objects.create(user=opted_in, job=job, score=96, email=JobAlert.Email.PENDING)
    assert send_alert_emails(opted_in.pk, now=EVENING)["sent"] == 1
    [envelope] = sink.envelopes
    assert envelope.rcpt_tos == ["alice@example.com"]
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["Subject"].startswith("New match (96/100): Staff Python Engineer Bcc:")  # one line
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f"/jobs/{job.pk}/" in text and f"/jobs/{job.pk}/" in html
    assert "Python" in text and "at most 3 emails a day" in text
