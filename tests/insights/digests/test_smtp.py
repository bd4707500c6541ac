"""A real SMTP round trip against a local aiosmtpd server; a refused connection; the retry once it is up."""

from __future__ import annotations

import email
import re
import socket
from datetime import timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings

from insights.digests.sending import send_due_digests
from insights.models import DigestLog

from .helpers import job_at, utc

MORNING = utc(2026, 3, 10, 7, 0)  # 08:00 in Berlin (alice)


class Sink:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_mailers(port: int) -> dict:
    return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5}}}


def start_server(port: int) -> tuple[Controller, Sink]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, sink


@pytest.fixture
def smtp_server():
    port = free_port()
    controller, sink = start_server(port)
    yield port, sink
    controller.stop()


@pytest.fixture
def news(alice):
    return job_at(alice, utc(2026, 3, 9, 12), "Senior Python Engineer", company="Northwind",
                  tech_stack=["Python", "Django", "PostgreSQL"])


def test_a_digest_goes_through_a_real_smtp_server(alice, news, smtp_server, settings):
    port, sink = smtp_server
    settings.MAILERS = smtp_mailers(port)

    assert send_due_digests(MORNING)["sent"] == 1

    [envelope] = sink.envelopes
    assert envelope.rcpt_tos == ["alice@example.com"]
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "Morning brief: Senior Python Engineer at Northwind"
    assert message["From"] == django_settings.DEFAULT_FROM_EMAIL and message["To"] == "alice@example.com"
    site = django_settings.SITE_URL.rstrip("/")
    assert re.fullmatch(rf"<{re.escape(site)}/digests/unsubscribe/[^>\s]+/>", message["List-Unsubscribe"])
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert f"{site}/jobs/{news.pk}/" in text and f'href="{site}/jobs/{news.pk}/"' in html
    assert all(href.startswith(site + "/") for href in re.findall(r'href="([^"]+)"', html))
    assert DigestLog.objects.get().status == "sent"


def test_a_refused_connection_is_logged_then_retried_once_the_server_is_up(alice, news, settings, caplog):
    port = free_port()  # nobody listens here yet
    settings.MAILERS = smtp_mailers(port)

    with caplog.at_level("WARNING", logger="copilot.digests"):
        assert send_due_digests(MORNING)["failed"] == 1
    log = DigestLog.objects.get()
    assert log.status == "failed" and "ConnectionRefusedError" in log.last_error
    [record] = [r for r in caplog.records if r.getMessage() == "digest send failed"]
    assert (record.user_id, record.kind, record.local_date, record.attempt) == (alice.pk, "morning", "2026-03-10", 1)

    controller, sink = start_server(port)
    try:
        assert send_due_digests(MORNING + timedelta(minutes=15))["sent"] == 1
        for minutes in (30, 45, 60):
            send_due_digests(MORNING + timedelta(minutes=minutes))
    finally:
        controller.stop()
    assert len(sink.envelopes) == 1
    log.refresh_from_db()
    assert (log.status, log.attempts) == ("sent", 2)


def test_a_server_that_rejects_the_message_marks_it_failed(alice, news, settings):
    class Rejecting(Sink):
        async def handle_DATA(self, server, session, envelope):
            return "554 Transaction failed: spam"

    port = free_port()
    controller = Controller(Rejecting(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = smtp_mailers(port)
    try:
        assert send_due_digests(MORNING)["failed"] == 1
    finally:
        controller.stop()
    assert "SMTPDataError" in DigestLog.objects.get().last_error
