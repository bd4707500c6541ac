"""manage.py ingest: all, --user, --subscription, --dry-run, and the summary table."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobs.models import IngestionRun, Job
from tests.jobs.sources.helpers import make_subscription, only_loopback, serve  # noqa: F401  (autouse)
from tests.stubserver import StubResponse


def ingest(*args: str) -> str:
    out = StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_it_runs_everything_and_prints_a_table(boards, alice, bob):
    serve(boards, "greenhouse")
    serve(boards, "lever", StubResponse(500))
    make_subscription(alice, "greenhouse")
    make_subscription(bob, "greenhouse", label="Nimbus for Bob")
    make_subscription(bob, "lever")

    output = ingest()

    lines = output.splitlines()
    assert lines[0].split() == ["id", "user", "source", "subscription", "status", "fetched", "filtered", "added",
                                "dupes", "error"]
    assert set(lines[1]) == {"-", " "}
    alice_row = next(line for line in lines if " alice " in line)
    assert alice_row.split()[1:] == ["alice", "greenhouse", "nimbus-labs", "succeeded", "3", "2", "1", "0"]
    bob_row = next(line for line in lines if "Nimbus for Bob" in line)
    assert bob_row.split()[-5:] == ["succeeded", "3", "0", "3", "0"]
    assert "failed" in next(line for line in lines if " lever " in line) and "HTTP 500" in output
    assert "3 subscription(s), 4 job(s) added, 1 failed." in output
    assert set(IngestionRun.objects.values_list("trigger", flat=True)) == {"command"}


def test_it_runs_one_users_subscriptions(boards, alice, bob):
    serve(boards, "greenhouse")
    make_subscription(alice, "greenhouse")
    make_subscription(bob, "greenhouse")
    output = ingest("--user", "bob")
    assert " bob " in output and " alice " not in output
    assert set(Job.objects.values_list("user__username", flat=True)) == {"bob"}


def test_it_runs_one_subscription(boards, bob):
    serve(boards, "greenhouse")
    serve(boards, "remotive")
    make_subscription(bob, "greenhouse")
    remotive = make_subscription(bob, "remotive")
    output = ingest("--subscription", str(remotive.pk))
    assert "remotive" in output and "greenhouse" not in output
    assert set(Job.objects.values_list("source", flat=True)) == {"remotive"}


def test_dry_run_fetches_and_reports_without_writing(boards, bob):
    serve(boards, "greenhouse")
    make_subscription(bob, "greenhouse")
    output = ingest("--dry-run")
    assert "would add" in output and "dry-run" in output
    assert "1 subscription(s), 3 job(s) would be added, 0 failed." in output
    assert not Job.objects.exists() and not IngestionRun.objects.exists()
    assert boards.hits("/v1/boards/nimbus-labs/jobs") == 1


def test_the_boards_interval_holds_unless_forced(boards, bob):
    serve(boards, "greenhouse")
    make_subscription(bob, "greenhouse")
    ingest()
    assert "skipped" in ingest() and "Too soon" in ingest()
    assert "succeeded" in ingest("--force")
    assert boards.hits("/v1/boards/nimbus-labs/jobs") == 2


def test_unknown_user_or_subscription_is_an_error(db):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        ingest("--user", "nobody")
    with pytest.raises(CommandError, match="No subscription with id 42"):
        ingest("--subscription", "42")


def test_nothing_to_do(db):
    assert ingest() == "No enabled subscriptions to fetch.\n"
