"""Data builders and a flaky mail backend for the digest tests."""

from __future__ import annotations

import smtplib
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from applications.services import move_application, schedule_interview, start_application
from tests.factories import make_job


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@contextmanager
def at(moment: datetime):
    with time_machine.travel(moment, tick=False):
        yield


def job_at(user, when: datetime, title: str, **fields):
    with at(when):
        return make_job(user, title=title, **fields)


def track_at(user, job, when: datetime, status: str = "interested"):
    with at(when):
        return start_application(user=user, job=job, status=status)


def move_at(application, status: str, when: datetime):
    with at(when):
        return move_application(application=application, status=status)


def interview_at(application, starts_at: datetime, **fields):
    return schedule_interview(application=application, starts_at=starts_at, **{"kind": "video", **fields})


class FlakyBackend(LocmemBackend):
    """Locmem outbox that first fails ``failures`` times, the way an SMTP server that hangs up does."""

    failures = 0
    lock = threading.Lock()

    def send_messages(self, messages):
        with FlakyBackend.lock:
            if FlakyBackend.failures:
                FlakyBackend.failures -= 1
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


FLAKY = {"default": {"BACKEND": "tests.insights.digests.helpers.FlakyBackend"}}


def outbox() -> list:
    return getattr(mail, "outbox", [])
