"""jobs.sources.tasks: thin django-q2 entry points, the daily schedule and the ENABLE_JOB_SCRAPING switch."""

from __future__ import annotations

import logging

from django.core.management import call_command
from django_q.models import Schedule
from django_q.tasks import async_task

from jobs.models import IngestionRun, Job
from jobs.sources import tasks
from tests.jobs.sources.helpers import make_subscription, only_loopback, serve  # noqa: F401  (autouse)


def test_the_daily_ingestion_schedule_is_installed(db):
    call_command("install_schedules")
    schedule = Schedule.objects.get(name="daily-ingestion")
    assert (schedule.func, schedule.schedule_type, schedule.cron) == ("jobs.sources.tasks.ingest_all", Schedule.CRON,
                                                                      "0 4 * * *")


def test_ingest_all_runs_everyones_subscriptions(boards, alice, bob):
    serve(boards, "greenhouse")
    make_subscription(alice, "greenhouse")
    make_subscription(bob, "greenhouse")
    assert tasks.ingest_all() == {"users": 2}  # one task per user; the test cluster runs them inline
    runs = IngestionRun.objects.all()
    assert sorted(runs.values_list("user_id", flat=True)) == sorted([alice.pk, bob.pk])
    assert sum(run.added for run in runs) == 4  # alice's profile keeps 1 of 3
    assert set(runs.values_list("trigger", flat=True)) == {"schedule"}


def test_ingest_all_is_skipped_with_a_log_line_when_scraping_is_off(boards, bob, settings, caplog):
    settings.ENABLE_JOB_SCRAPING = False
    make_subscription(bob, "greenhouse")
    with caplog.at_level(logging.INFO, logger="copilot.ingest"):
        assert tasks.ingest_all() == {"skipped": True}
    assert "daily ingestion skipped: ENABLE_JOB_SCRAPING is off" in caplog.text
    assert not IngestionRun.objects.exists() and not boards.requests


def test_ingest_user_runs_only_that_users_subscriptions(boards, alice, bob):
    serve(boards, "greenhouse")
    make_subscription(alice, "greenhouse")
    make_subscription(bob, "greenhouse")
    assert tasks.ingest_user(bob.pk)["runs"] == 1
    assert list(IngestionRun.objects.values_list("user_id", flat=True)) == [bob.pk]
    assert tasks.ingest_user(999_999) == {"runs": 0}


def test_ingest_subscription_fills_the_queued_run(boards, bob):
    serve(boards, "greenhouse")
    subscription = make_subscription(bob, "greenhouse")
    run = IngestionRun.objects.create(subscription=subscription, user=bob, source="greenhouse", trigger="user")
    assert tasks.ingest_subscription(subscription.pk, run.pk)["added"] == 3
    run.refresh_from_db()
    assert (run.status, run.added, run.trigger) == ("succeeded", 3, "user")
    assert IngestionRun.objects.count() == 1


def test_ingest_subscription_of_a_deleted_subscription_closes_its_run(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run = IngestionRun.objects.create(subscription=subscription, user=bob, source="greenhouse")
    subscription_id = subscription.pk
    subscription.delete()
    assert tasks.ingest_subscription(subscription_id, run.pk) == {"runs": 0}
    run.refresh_from_db()
    assert run.status == "failed" and "deleted" in run.error


def test_it_runs_through_django_q(boards, bob):
    """Q_CLUSTER sync=True in tests: async_task runs the task inline, as a worker would."""
    serve(boards, "greenhouse")
    make_subscription(bob, "greenhouse")
    async_task("jobs.sources.tasks.ingest_user", bob.pk)
    assert Job.objects.filter(user=bob, source="greenhouse").count() == 3
