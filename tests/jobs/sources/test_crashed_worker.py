"""A worker killed (SIGKILL) in the middle of an ingestion run, in a real process on PostgreSQL: the run
is not left "running" for ever, its board's clock is released, the user can refresh again as soon as
the lease runs out, and a scheduled run is retried once."""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from jobs import tasks as jobs_tasks
from jobs.models import IngestionRun, Job
from jobs.sources import SOURCES, tasks
from tests.jobs.sources.helpers import BOARDS, fixture_json, make_subscription
from tests.processes import database_url, start_python
from tests.stubserver import StubResponse, StubServer

pytestmark = [pytest.mark.postgresql]

Status = IngestionRun.Status
BOARD_PATH = BOARDS["greenhouse"][0]


@pytest.fixture
def hanging_board():
    """The first fetch hangs (the worker is killed meanwhile); later ones answer at once."""
    with StubServer() as stub:
        json_type = {"Content-Type": "application/json"}
        stub.add(BOARD_PATH, [StubResponse(200, json_type, b"{}", delay=30),
                              StubResponse(200, json_type, fixture_json("greenhouse"))])
        yield stub


@pytest.fixture
def boards_at(settings, hanging_board):
    settings.JOB_BOARD_BASE_URLS = dict.fromkeys(SOURCES, hanging_board.base_url)
    settings.ENABLE_JOB_SCRAPING = True
    return hanging_board


def worker(call: str, board: StubServer):
    """A process running ``call`` (a task function) against the test database, as a qcluster worker would."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_CURRENT_TEST",)}
    env.update(DJANGO_SETTINGS_MODULE="copilot.settings_test", DATABASE_URL=database_url(connection),
               JOB_BOARD_BASE_URLS=json.dumps(dict.fromkeys(SOURCES, board.base_url)))
    return start_python(f"from jobs.sources import tasks\ntasks.{call}\n", env)


def kill_when(process, board: StubServer, condition) -> None:
    """SIGKILL the worker once it is inside the fetch (the board was asked) and ``condition()`` holds."""
    deadline = time.monotonic() + 8
    while not (board.hits(BOARD_PATH) >= 1 and condition()):
        assert process.poll() is None, process.stderr.read() if process.stderr else "worker exited"
        assert time.monotonic() < deadline, "the worker never reached the fetch"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=5)


def test_a_refresh_whose_worker_died_can_be_refreshed_again_once_its_lease_runs_out(
        transactional_db, alice, client, boards_at):
    client.force_login(alice)
    subscription = make_subscription(alice, "greenhouse")
    run = IngestionRun.objects.create(subscription=subscription, user=alice, source="greenhouse",
                                      trigger=IngestionRun.Trigger.USER, status=Status.QUEUED)
    process = worker(f"ingest_subscription({subscription.pk}, {run.pk})", boards_at)
    kill_when(process, boards_at, lambda: IngestionRun.objects.get(pk=run.pk).status == Status.RUNNING)

    run.refresh_from_db()
    assert run.status == Status.RUNNING  # what the dead worker left behind
    with time_machine.travel(run.lease_expires_at + timedelta(seconds=1), tick=False):
        page = client.get(reverse("sources:list"))
        assert "No worker finished this run" in page.content.decode()
        assert page.context["subscriptions"][0].refreshable  # “Refresh now” can be pressed again

        client.post(reverse("sources:refresh", args=[subscription.pk]))  # the task runs inline in tests

    run.refresh_from_db()
    assert run.status == Status.FAILED and "The worker running this stopped before it finished" in run.error
    retry = IngestionRun.objects.exclude(pk=run.pk).get()
    assert (retry.status, retry.trigger) == (Status.SUCCEEDED, IngestionRun.Trigger.USER)
    assert Job.objects.filter(user=alice).count() == retry.added > 0


def test_a_scheduled_run_whose_worker_died_is_retried_once_by_the_recovery_task(transactional_db, alice, boards_at):
    subscription = make_subscription(alice, "greenhouse")
    process = worker(f"ingest_user({alice.pk}, 'schedule')", boards_at)
    kill_when(process, boards_at, lambda: IngestionRun.objects.filter(status=Status.RUNNING).exists())

    crashed = IngestionRun.objects.get()
    assert crashed.status == Status.RUNNING
    with time_machine.travel(crashed.lease_expires_at - timedelta(seconds=1), tick=False):
        assert jobs_tasks.recover_abandoned_work()["runs"] == 0  # a live lease is left alone
    with time_machine.travel(crashed.lease_expires_at + timedelta(seconds=1), tick=False):
        assert jobs_tasks.recover_abandoned_work()["runs"] == 1  # the schedule's sweep; the retry runs inline

    crashed.refresh_from_db()
    assert crashed.status == Status.FAILED and "It is being tried again." in crashed.error
    retry = IngestionRun.objects.exclude(pk=crashed.pk).get()
    assert (retry.status, retry.attempt, retry.trigger) == (Status.SUCCEEDED, 2, IngestionRun.Trigger.SCHEDULE)
    assert retry.subscription_id == subscription.pk and retry.added > 0
    assert jobs_tasks.recover_abandoned_work()["runs"] == 0


def test_a_task_handed_out_again_after_the_crash_leaves_the_recovered_run_alone(transactional_db, alice, boards_at):
    """The database broker gives a dead worker's task to another worker (Q_CLUSTER retry): by then the
    run was recovered, and the second delivery must not run it behind the user's back."""
    subscription = make_subscription(alice, "greenhouse")
    run = IngestionRun.objects.create(subscription=subscription, user=alice, source="greenhouse",
                                      trigger=IngestionRun.Trigger.USER, status=Status.QUEUED)
    process = worker(f"ingest_subscription({subscription.pk}, {run.pk})", boards_at)
    kill_when(process, boards_at, lambda: IngestionRun.objects.get(pk=run.pk).status == Status.RUNNING)
    run.refresh_from_db()
    with time_machine.travel(run.lease_expires_at + timedelta(seconds=1), tick=False):
        jobs_tasks.recover_abandoned_work()

    assert tasks.ingest_subscription(subscription.pk, run.pk) == {"runs": 0}
    assert boards_at.hits(BOARD_PATH) == 1 and not Job.objects.exists()
