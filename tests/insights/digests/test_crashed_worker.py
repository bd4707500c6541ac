"""A digest worker killed (SIGKILL) mid-send, in a real process on PostgreSQL: a digest whose send never
started is sent once after recovery; one whose send may have started is recorded "unknown" for the
operator, never sent twice and never silently lost."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from datetime import timedelta

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.db import connection
from django.urls import reverse

from insights.digests import tasks
from insights.digests.sending import send_due_digests
from insights.models import DigestLog
from tests.processes import database_url, silent_database, start_python

from .helpers import job_at, outbox, utc
from .test_smtp import free_port

pytestmark = [pytest.mark.postgresql]

MORNING = utc(2026, 3, 10, 7, 0)  # 08:00 in Berlin (alice)
Status = DigestLog.Status


@pytest.fixture
def news(alice):
    return job_at(alice, utc(2026, 3, 9, 12), "Senior Python Engineer", company="Northwind",
                  tech_stack=["Python", "Django"])


class Stalling:
    """Takes the whole message, then never answers: the worker is killed waiting for "250 OK"."""

    def __init__(self) -> None:
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        await asyncio.sleep(30)
        return "250 Message accepted for delivery"


def worker(user_id: int, port: int):
    """A process sending the morning digests through the SMTP server on ``port``, as a qcluster worker would."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    env.update(DJANGO_SETTINGS_MODULE="copilot.settings_test", DATABASE_URL=database_url(connection))
    code = f"""
from django.test.utils import override_settings
from insights.digests.sending import send_due_digests
from datetime import datetime
mailers = {{"default": {{"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                         "OPTIONS": {{"host": "127.0.0.1", "port": {port}, "timeout": 60}}}}}}
with override_settings(MAILERS=mailers):
    send_due_digests(datetime.fromisoformat("{MORNING.isoformat()}"), user_ids=[{user_id}])
"""
    return start_python(code, env)


def kill_when(process, condition) -> None:
    deadline = time.monotonic() + 8
    while not condition():
        assert process.poll() is None, process.stderr.read() if process.stderr else "worker exited"
        assert time.monotonic() < deadline, "the worker never got there"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=5)


def status_is(wanted: str):
    return lambda: DigestLog.objects.filter(status=wanted).exists()


def test_a_digest_whose_send_never_started_is_sent_once_after_recovery(transactional_db, alice, news):
    with silent_database() as port:  # a mail server that accepts the connection and never greets
        process = worker(alice.pk, port)
        kill_when(process, status_is(Status.PENDING))
    claim = DigestLog.objects.get()
    assert claim.status == Status.PENDING  # what the dead worker left behind

    with time_machine.travel(claim.lease_expires_at + timedelta(seconds=1), tick=False):
        assert tasks.recover_claims() == {"retry": 1, "unknown": 0}
    for minutes in (15, 30, 45, 60):
        send_due_digests(MORNING + timedelta(minutes=minutes))

    assert [message.to for message in outbox()] == [["alice@example.com"]]
    claim.refresh_from_db()
    assert (claim.status, claim.attempts) == (Status.SENT, 2)


def test_a_digest_whose_send_may_have_started_is_recorded_unknown_and_never_resent(transactional_db, alice,
                                                                                   news, admin_client):
    handler = Stalling()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        process = worker(alice.pk, controller.port)
        kill_when(process, lambda: handler.receiving.is_set())
    finally:
        controller.stop()
    claim = DigestLog.objects.get()
    assert claim.status == Status.SENDING

    with time_machine.travel(claim.lease_expires_at - timedelta(seconds=1), tick=False):
        assert tasks.recover_claims() == {"retry": 0, "unknown": 0}  # a live lease is left alone
    with time_machine.travel(claim.lease_expires_at + timedelta(seconds=1), tick=False):
        assert tasks.recover_claims() == {"retry": 0, "unknown": 1}
    for minutes in (15, 30, 45, 60):
        send_due_digests(MORNING + timedelta(minutes=minutes))

    assert outbox() == []
    claim.refresh_from_db()
    assert claim.status == Status.UNKNOWN and "may or may not have gone out" in claim.last_error
    listed = admin_client.get(reverse("admin:insights_digestlog_changelist") + "?status__exact=unknown")
    assert "Unknown (worker died mid-send)" in listed.content.decode()
