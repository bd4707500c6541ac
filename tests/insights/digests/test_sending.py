"""Sending: who is due when, once per day, failures and retries, concurrency, rendering, header safety."""

from __future__ import annotations

import re
import threading
import time
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.utils import timezone

from insights.digests import sending
from insights.digests import tasks as digest_tasks
from insights.digests.sending import MAX_ATTEMPTS, clean_subject, recover_claims, send_due_digests
from insights.models import DigestLog
from tests.factories import make_user

from . import helpers
from .helpers import FLAKY, FlakyBackend, at, job_at, move_at, outbox, track_at, utc

MORNING = utc(2026, 3, 10, 7, 0)  # 08:00 in Berlin (alice)


@pytest.fixture
def alice_has_news(alice):
    return job_at(alice, utc(2026, 3, 9, 12), "Senior Python Engineer", company="Northwind",
                  tech_stack=["Python", "Django"])


@pytest.fixture(autouse=True)
def _reset_flaky():
    FlakyBackend.failures = 0
    yield
    FlakyBackend.failures = 0


# ----------------------------------------------------------------------------------------------- who, when


def test_only_the_user_whose_local_hour_it_is_gets_a_brief(carol, dave):
    for user in (carol, dave):
        job_at(user, utc(2026, 3, 10, 20), f"Go job for {user.username}", tech_stack=["Go"])

    # 23:00 UTC: 08:00 on the 11th in Tokyo, 19:00 on the 10th in New York (EDT).
    result = send_due_digests(utc(2026, 3, 10, 23, 0), kinds=["morning"])
    assert result["sent"] == 1
    assert [m.to for m in outbox()] == [["carol@example.com"]]
    log = DigestLog.objects.get()
    assert (log.user, log.kind, log.local_date, log.status) == (carol, "morning", date(2026, 3, 11), "sent")

    # 12:00 UTC on the 11th: 08:00 in New York, 21:00 in Tokyo.
    send_due_digests(utc(2026, 3, 11, 12, 0), kinds=["morning"])
    assert [m.to for m in outbox()] == [["carol@example.com"], ["dave@example.com"]]
    assert DigestLog.objects.get(user=dave).local_date == date(2026, 3, 11)


def test_every_run_within_the_hour_but_only_one_mail_a_day(alice, alice_has_news):
    for minute in (0, 15, 30, 45):
        send_due_digests(MORNING + timedelta(minutes=minute))
    assert len(outbox()) == 1
    assert DigestLog.objects.filter(user=alice).count() == 1


def test_a_missed_hour_is_not_sent_late(alice, alice_has_news):
    assert send_due_digests(MORNING + timedelta(hours=2))["sent"] == 0
    assert not outbox() and not DigestLog.objects.exists()


def test_switched_off_or_other_hour_gets_nothing(alice, alice_has_news):
    alice.profile.morning_hour = 9
    alice.profile.save()
    send_due_digests(MORNING)
    assert not outbox()
    alice.profile.morning_digest = False
    alice.profile.save()
    send_due_digests(MORNING + timedelta(hours=1))
    assert not outbox()


def test_a_user_without_an_email_address_is_not_claimed(alice, alice_has_news):
    type(alice).objects.filter(pk=alice.pk).update(email="")
    send_due_digests(MORNING)
    assert not outbox() and not DigestLog.objects.exists()


def test_nothing_to_say_is_recorded_as_skipped_and_not_rebuilt(alice):
    assert send_due_digests(MORNING)["skipped"] == 1
    assert DigestLog.objects.get().status == "skipped"
    job_at(alice, MORNING + timedelta(minutes=5), "Arrives later")
    assert send_due_digests(MORNING + timedelta(minutes=15))["taken"] == 1  # today's brief is decided
    assert not outbox()


def test_evening_summary_is_sent_at_the_evening_hour(alice):
    application = track_at(alice, job_at(alice, utc(2026, 3, 1), "Backend Engineer"), utc(2026, 3, 1))
    move_at(application, "applied", utc(2026, 3, 10, 9))
    result = send_due_digests(utc(2026, 3, 10, 19, 0))  # 20:00 in Berlin
    assert result["sent"] == 1
    assert outbox()[0].subject == "Evening summary: applied to Backend Engineer at Acme Widgets"
    assert DigestLog.objects.get().kind == "evening"


def test_the_task_entry_point_sends_due_digests(alice, alice_has_news):
    with at(MORNING):
        result = digest_tasks.send_due_digests()  # chunks run inline in the test cluster
    assert result == {"users": 1, "chunks": 1} and len(outbox()) == 1


def test_the_task_entry_point_hands_out_chunks_and_never_sends_twice(alice, alice_has_news, monkeypatch):
    monkeypatch.setattr(digest_tasks, "CHUNK_SIZE", 1)
    bob = make_user("bob", timezone="Europe/Berlin")
    job_at(bob, MORNING - timedelta(hours=3), "Data Engineer")
    with at(MORNING):
        assert digest_tasks.send_due_digests() == {"users": 2, "chunks": 2}
        assert digest_tasks.send_due_digests() == {"users": 0, "chunks": 0}
    assert sorted(m.to[0] for m in outbox()) == ["alice@example.com", "bob@example.com"]


# ----------------------------------------------------------------------------------------------- the message


def test_message_has_text_and_html_parts_absolute_links_and_unsubscribe_headers(alice, alice_has_news, client):
    send_due_digests(MORNING)
    [message] = outbox()
    assert message.subject == "Morning brief: Senior Python Engineer at Northwind"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL and message.to == ["alice@example.com"]
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    site = settings.SITE_URL.rstrip("/")
    assert f"{site}/jobs/{alice_has_news.pk}/" in message.body and f"{site}/jobs/{alice_has_news.pk}/" in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(href.startswith(site + "/") for href in hrefs)
    [style] = re.findall(r"<style>(.*?)</style>", html, re.S)  # only what cannot be inlined is left
    assert "@media" in style and ".title {" not in style and 'class="title"' in html and 'style="color' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{site}/digests/unsubscribe/") and unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in message.body and unsubscribe[1:-1] in html
    assert client.get(unsubscribe[1:-1].removeprefix(site)).status_code == 200


def test_each_new_match_says_why_it_scored_as_it_did(alice, alice_has_news):
    send_due_digests(MORNING)
    [message] = outbox()
    [(html, _)] = message.alternatives
    why = "Senior role matches your level"
    assert f"- {why}" in message.body
    assert re.search(r'<ul class="why"[^>]*>\s*<li[^>]*>Matches', html) and why in html


def test_dates_and_times_are_shown_in_the_users_zone(alice):
    application = track_at(alice, job_at(alice, utc(2026, 3, 1), "Backend Engineer"), utc(2026, 3, 1), "applied")
    helpers.interview_at(application, utc(2026, 3, 10, 13, 0))
    send_due_digests(MORNING)
    [message] = outbox()
    assert "14:00" in message.body and "interview today" in message.subject
    assert "Tuesday, 10 March 2026" in message.body


@pytest.mark.parametrize(
    "title",
    [
        "Senior Engineer\r\nBcc: victim@example.com",
        "Senior Engineer\nSubject: hijacked",
        "Senior\x07Engineer\x1b[31m\u2028Bcc: x@example.com\u202e",  # no NUL: PostgreSQL refuses it in text
    ],
)
def test_subjects_built_from_job_titles_cannot_inject_headers(alice, title):
    job_at(alice, utc(2026, 3, 9, 12), title, company="Evil\r\nCorp")
    send_due_digests(MORNING)
    [message] = outbox()
    assert not re.search(r"[\x00-\x1f\x7f\u2028\u2029\u202e]", message.subject)
    raw = message.message().as_string()
    headers = raw.split("\n\n", 1)[0]
    assert not re.search(r"^(Bcc|Subject: hijacked)", headers, re.M | re.I)  # folded lines start with a space
    assert headers.count("\nSubject:") + headers.startswith("Subject:") == 1
    assert "Bcc" not in [name for name, _ in message.message().items()]
    assert message.recipients() == ["alice@example.com"]


def test_long_titles_give_a_capped_subject(alice):
    job_at(alice, utc(2026, 3, 9, 12), "Principal " + "Distributed Systems " * 9 + "Engineer")
    send_due_digests(MORNING)
    assert len(outbox()[0].subject) <= sending.SUBJECT_MAX


def test_clean_subject_strips_controls_and_cuts_at_a_word():
    assert clean_subject("a\r\nb\tc\x00d\u2028e\u200bf") == "a b c d e f"
    cut = clean_subject("word " * 50, limit=30)
    assert len(cut) <= 30 and cut.endswith("…") and not cut.endswith(" …")
    assert clean_subject("  Morning   brief ") == "Morning brief"


def test_console_backend_writes_the_mail_to_stdout_when_no_smtp_is_configured(alice, alice_has_news, settings,
                                                                             capsys):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    assert send_due_digests(MORNING)["sent"] == 1
    out = capsys.readouterr().out
    assert "Subject: Morning brief: Senior Python Engineer at Northwind" in out
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in out
    assert DigestLog.objects.get().status == "sent"


# ----------------------------------------------------------------------------------------------- failures


def test_a_failed_send_is_logged_and_retried_once_later(alice, alice_has_news, settings, caplog):
    settings.MAILERS = FLAKY
    FlakyBackend.failures = 1
    with caplog.at_level("WARNING", logger="copilot.digests"):
        assert send_due_digests(MORNING)["failed"] == 1
    log = DigestLog.objects.get()
    assert (log.status, log.attempts) == ("failed", 1) and "SMTPServerDisconnected" in log.last_error
    record = next(r for r in caplog.records if r.getMessage() == "digest send failed")
    assert (record.user_id, record.kind, record.error_type, record.will_retry) == (
        alice.pk, "morning", "SMTPServerDisconnected", True)
    assert not outbox()

    assert send_due_digests(MORNING + timedelta(minutes=5))["retried"] == 0  # too soon
    result = send_due_digests(MORNING + timedelta(minutes=15))
    assert (result["retried"], result["sent"]) == (1, 1)
    log.refresh_from_db()
    assert (log.status, log.attempts, log.last_error) == ("sent", 2, "")
    for minute in (30, 45, 60, 120):
        send_due_digests(MORNING + timedelta(minutes=minute))
    assert len(outbox()) == 1


def test_retries_stop_after_three_attempts(alice, alice_has_news, settings):
    settings.MAILERS = FLAKY
    FlakyBackend.failures = 100
    for minutes in range(0, 24 * 60, 15):
        send_due_digests(MORNING + timedelta(minutes=minutes))
    log = DigestLog.objects.get(kind="morning")
    assert (log.status, log.attempts) == ("failed", MAX_ATTEMPTS)


def test_a_failed_digest_is_not_retried_on_the_next_local_day(alice, alice_has_news, settings):
    settings.MAILERS = FLAKY
    FlakyBackend.failures = 1
    send_due_digests(MORNING)
    FlakyBackend.failures = 0
    assert send_due_digests(utc(2026, 3, 10, 23, 30))["retried"] == 0  # 00:30 on the 11th in Berlin
    assert DigestLog.objects.get(local_date=date(2026, 3, 10)).status == "failed"


def test_a_crash_between_send_and_mark_never_sends_a_second_mail(alice, alice_has_news):
    send_due_digests(MORNING)
    # As if the worker died handing it over: still "sending" when its lease ran out.
    DigestLog.objects.update(status="sending", sent_at=None, lease_expires_at=timezone.now() - timedelta(seconds=1))
    assert recover_claims() == {"retry": 0, "unknown": 1}
    for minute in (15, 30, 45):
        send_due_digests(MORNING + timedelta(minutes=minute))
    assert len(outbox()) == 1
    log = DigestLog.objects.get()
    assert log.status == "unknown" and "may or may not have gone out" in log.last_error


def dies(user, kind, *, now):
    raise SystemExit("the worker is killed while building the digest")


def test_a_claim_whose_worker_died_before_the_send_is_sent_once_after_recovery(alice, alice_has_news, monkeypatch):
    real = sending.compose
    monkeypatch.setattr(sending, "compose", dies)
    with pytest.raises(SystemExit):
        send_due_digests(MORNING)
    monkeypatch.setattr(sending, "compose", real)
    assert DigestLog.objects.get().status == "pending"
    assert send_due_digests(MORNING + timedelta(minutes=15))["sent"] == 0  # its lease still holds it

    assert recover_claims(timezone.now() + DigestLog.LEASE) == {"retry": 1, "unknown": 0}
    for minute in (15, 30, 45):
        send_due_digests(MORNING + timedelta(minutes=minute))
    assert len(outbox()) == 1
    assert DigestLog.objects.get().status == "sent"


def test_a_live_claim_is_left_alone_by_recovery(alice, alice_has_news, monkeypatch):
    monkeypatch.setattr(sending, "compose", dies)
    with pytest.raises(SystemExit):
        send_due_digests(MORNING)
    assert recover_claims() == {"retry": 0, "unknown": 0}
    assert DigestLog.objects.get().status == "pending"


def test_one_users_failure_does_not_stop_the_others(alice, bob, alice_has_news, monkeypatch):
    job_at(bob, utc(2026, 3, 9, 12), "Bob's job")
    bob.profile.timezone = "Europe/Berlin"
    bob.profile.save()
    real = sending.build_digest

    def broken_for_alice(user, kind, *, now):
        if user.pk == alice.pk:
            raise RuntimeError("boom")
        return real(user, kind, now=now)

    monkeypatch.setattr(sending, "build_digest", broken_for_alice)
    result = send_due_digests(MORNING)
    assert (result["sent"], result["failed"]) == (1, 1)
    assert [m.to for m in outbox()] == [["bob@example.com"]]
    assert "RuntimeError: boom" in DigestLog.objects.get(user=alice).last_error


def test_unsubscribing_after_a_failure_cancels_the_retry(alice, alice_has_news, settings):
    settings.MAILERS = FLAKY
    FlakyBackend.failures = 1
    send_due_digests(MORNING)
    type(alice.profile).objects.filter(pk=alice.profile.pk).update(morning_digest=False)
    assert send_due_digests(MORNING + timedelta(minutes=20))["sent"] == 0
    assert DigestLog.objects.get().status == "skipped" and not outbox()


# ----------------------------------------------------------------------------------------------- concurrency


def _run_concurrently(target, n: int = 2) -> list:
    """Start ``n`` threads on ``target`` at the same moment; each has its own database connection.

    SQLite's shared-cache test database reports a table lock at once instead of waiting for it, so a
    worker that hits one runs again, the way django-q retries a failed task (PostgreSQL never needs
    to). Retried or not, the claims must still let exactly one mail out.
    """
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            for attempt in range(10):
                try:
                    results.append(target())
                    break
                except OperationalError:
                    if attempt == 9:
                        raise
                    time.sleep(0.02 * (attempt + 1))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_senders_send_exactly_once():
    users = [make_user(f"user{n}", timezone="Europe/Berlin") for n in range(5)]
    for user in users:
        job_at(user, utc(2026, 3, 9, 12), "Backend Engineer")
    results = _run_concurrently(lambda: send_due_digests(MORNING))
    assert sum(r["sent"] for r in results) == 5
    assert sorted(m.to[0] for m in outbox()) == sorted(u.email for u in users)
    assert DigestLog.objects.filter(status="sent").count() == 5 == DigestLog.objects.count()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_retries_send_exactly_once(settings):
    settings.MAILERS = FLAKY
    user = make_user("retry", timezone="Europe/Berlin")
    job_at(user, utc(2026, 3, 9, 12), "Backend Engineer")
    FlakyBackend.failures = 1
    send_due_digests(MORNING)
    assert DigestLog.objects.get().status == "failed"
    results = _run_concurrently(lambda: send_due_digests(MORNING + timedelta(minutes=15)))
    assert sum(r["sent"] for r in results) == 1
    assert len(outbox()) == 1
    log = DigestLog.objects.get()
    assert (log.status, log.attempts) == ("sent", 2)


@pytest.mark.django_db(transaction=True)
def test_only_one_of_several_simultaneous_claims_wins():
    user = make_user("claimed", timezone="Europe/Berlin")
    results = _run_concurrently(lambda: sending._claim(user.pk, "morning", date(2026, 3, 10), MORNING), n=4)
    assert sum(1 for log in results if log is not None) == 1
    assert DigestLog.objects.count() == 1


def test_job_titles_are_escaped_in_the_html_part(alice):
    job_at(alice, utc(2026, 3, 9, 12), '<script>alert("x")</script><img src=x onerror=alert(1)> Engineer')
    send_due_digests(MORNING)
    [(html, _)] = outbox()[0].alternatives
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
