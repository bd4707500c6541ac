"""manage.py send_digests: --dry-run, --force, --kind, --user."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from insights.models import DigestLog

from .helpers import at, job_at, outbox, utc

MORNING = utc(2026, 3, 10, 7, 0)  # 08:00 in Berlin (alice)
NOON = utc(2026, 3, 10, 11, 0)  # 12:00 in Berlin: nobody's hour


@pytest.fixture
def news(alice, bob):
    job_at(alice, utc(2026, 3, 9, 12), "Senior Python Engineer", company="Northwind")
    job_at(bob, utc(2026, 3, 9, 12), "Data Engineer", company="Elsewhere")


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_what_would_be_sent_and_writes_nothing(news):
    with at(NOON):
        output = run("--dry-run", "--force", "--kind", "morning")
    assert "alice" in output and "would send “Morning brief: Senior Python Engineer at Northwind”" in output
    assert "Dry run: 2 digest(s) would be sent" in output
    assert not DigestLog.objects.exists() and not outbox()


def test_dry_run_without_force_respects_the_hour(news):
    with at(NOON):
        output = run("--dry-run")
    assert "Nothing would be sent now" in output and not DigestLog.objects.exists()


def test_force_ignores_the_hour_but_not_once_per_day(news, alice):
    with at(NOON):
        output = run("--force", "--kind", "morning", "--user", "alice")
        assert "1 sent" in output
        assert "0 sent" in run("--force", "--kind", "morning", "--user", "alice")
        dry = run("--dry-run", "--force", "--kind", "morning", "--user", "alice")
    assert [m.to for m in outbox()] == [["alice@example.com"]]
    assert DigestLog.objects.get().user == alice
    assert "already handled today" in dry


def test_without_force_it_sends_what_is_due_now(news):
    with at(MORNING):
        assert "1 sent" in run("--kind", "morning")  # alice is in Berlin; bob's profile is in UTC (07:00)
    assert [m.to for m in outbox()] == [["alice@example.com"]]


def test_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run("--user", "nobody")
