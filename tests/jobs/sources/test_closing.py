"""Postings that closed: a followed board stops listing a job; after two successful runs without it, the
job is closed. Runs go through jobs.sources.ingest.run_subscription against the local stub boards."""

from __future__ import annotations

import copy
from datetime import timedelta

import time_machine
from django.utils import timezone

from copilot.accounts.models import Profile
from jobs.closing import archive_closed_jobs
from jobs.models import ClosedBy, IngestionRun, Job
from jobs.services import mark_closed
from jobs.sources.ingest import run_subscription, update_subscription
from tests.factories import make_application
from tests.jobs.sources.helpers import fixture_json, make_subscription, serve
from tests.stubserver import StubResponse

Status = IngestionRun.Status
DESIGNER = "7301003"  # the third posting of the Greenhouse fixture, "Product Designer"


def greenhouse_without(*ids: str) -> dict:
    payload = copy.deepcopy(fixture_json("greenhouse"))
    payload["jobs"] = [job for job in payload["jobs"] if str(job["id"]) not in ids]
    payload["meta"]["total"] = len(payload["jobs"])
    return payload


def run(boards, subscription, payload=None):
    serve(boards, "greenhouse", payload)
    return run_subscription(subscription, force=True)


def designer(user) -> Job:
    return Job.objects.get(user=user, source="greenhouse", external_id=DESIGNER)


def data_version(user) -> int:
    return Profile.objects.get(user=user).data_version


def test_a_job_missing_from_two_successful_runs_is_closed_with_the_date(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    assert run(boards, subscription).added == 3
    assert designer(bob).subscription_id == subscription.pk

    run(boards, subscription, greenhouse_without(DESIGNER))
    once = designer(bob)
    assert (once.closed_at, once.missing_runs) == (None, 1)  # one answer without it closes nothing

    before = data_version(bob)
    with time_machine.travel("2026-06-01 04:00 +00:00", tick=False):
        run(boards, subscription, greenhouse_without(DESIGNER))
    closed = designer(bob)
    assert closed.closed_at.isoformat() == "2026-06-01T04:00:00+00:00"
    assert closed.closed_by == ClosedBy.BOARD
    assert Job.objects.filter(user=bob, closed_at__isnull=True).count() == 2
    assert data_version(bob) > before


def test_a_failed_run_counts_nothing(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    run(boards, subscription, greenhouse_without(DESIGNER))
    failed = run(boards, subscription, StubResponse(500, {"Content-Type": "text/plain"}, b"boom"))
    assert failed.status == Status.FAILED
    assert (designer(bob).closed_at, designer(bob).missing_runs) == (None, 1)
    run(boards, subscription, greenhouse_without(DESIGNER))
    assert designer(bob).closed_by == ClosedBy.BOARD


def test_a_flaky_answer_between_two_good_ones_closes_nothing(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    run(boards, subscription, greenhouse_without("7301001", "7301002", DESIGNER))  # an empty board, once
    run(boards, subscription)
    run(boards, subscription, greenhouse_without(DESIGNER))
    assert not Job.objects.filter(user=bob, closed_at__isnull=False).exists()
    assert designer(bob).missing_runs == 1


def test_an_answer_with_unreadable_items_counts_no_job_as_missing(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    partial = greenhouse_without(DESIGNER)
    partial["jobs"].append({"id": 7301999, "title": None})  # an item we cannot read: it may be the designer
    for _ in range(3):
        assert run(boards, subscription, partial).status == Status.SUCCEEDED
    assert (designer(bob).closed_at, designer(bob).missing_runs) == (None, 0)


def test_a_job_listed_again_is_reopened(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    run(boards, subscription, greenhouse_without(DESIGNER))
    run(boards, subscription, greenhouse_without(DESIGNER))
    assert designer(bob).closed_at is not None
    run(boards, subscription)
    reopened = designer(bob)
    assert (reopened.closed_at, reopened.closed_by, reopened.missing_runs) == (None, "", 0)


def test_a_job_the_user_closed_stays_closed_when_its_board_still_lists_it(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    mark_closed(job=designer(bob))
    run(boards, subscription)
    assert designer(bob).closed_by == ClosedBy.USER


def test_searches_on_aggregators_close_nothing(boards, bob):
    serve(boards, "remotive")
    subscription = make_subscription(bob, "remotive")
    run_subscription(subscription, force=True)
    stored = Job.objects.filter(user=bob, source="remotive").count()
    boards.add("/api/remote-jobs", {"job-count": 0, "jobs": []})
    for _ in range(3):
        assert run_subscription(subscription, force=True).status == Status.SUCCEEDED
    assert Job.objects.filter(user=bob, source="remotive", closed_at__isnull=True).count() == stored > 0


def test_jobs_stored_before_this_release_are_claimed_by_the_first_run_that_lists_them(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    Job.objects.filter(user=bob).update(subscription=None)  # as stored before jobs knew their board
    run(boards, subscription)
    assert Job.objects.filter(user=bob, subscription=subscription).count() == 3
    run(boards, subscription, greenhouse_without(DESIGNER))
    run(boards, subscription, greenhouse_without(DESIGNER))
    assert designer(bob).closed_at is not None


def test_a_job_no_run_ever_listed_is_never_closed_by_a_board(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    Job.objects.filter(user=bob).update(subscription=None)
    for _ in range(3):  # nothing says the designer was ever on this board
        run(boards, subscription, greenhouse_without(DESIGNER))
    assert designer(bob).closed_at is None


def test_following_another_board_forgets_the_old_boards_jobs(boards, bob):
    subscription = make_subscription(bob, "greenhouse")
    run(boards, subscription)
    update_subscription(subscription=subscription, params={"board": "other-board"}, label="")
    boards.add("/v1/boards/other-board/jobs", {"jobs": [], "meta": {"total": 0}})
    for _ in range(2):
        run_subscription(subscription, force=True)
    assert not Job.objects.filter(user=bob, closed_at__isnull=False).exists()
    assert not Job.objects.filter(user=bob, subscription=subscription).exists()


# --------------------------------------------------------------------------- archiving


def closed_job(user, *, days_ago: int, tracked: bool = False) -> Job:
    from tests.factories import make_job

    job = make_job(user, title=f"Closed {days_ago} days ago{' (tracked)' if tracked else ''}")
    if tracked:
        make_application(user, job)
    Job.objects.filter(pk=job.pk).update(closed_at=timezone.now() - timedelta(days=days_ago), closed_by=ClosedBy.BOARD)
    return job


def test_untracked_closed_jobs_are_archived_after_the_users_period_and_tracked_ones_kept(db, alice, bob):
    Profile.objects.filter(user=bob).update(archive_closed_after_days=7)
    alice_recent, alice_old = closed_job(alice, days_ago=20), closed_job(alice, days_ago=31)
    alice_tracked = closed_job(alice, days_ago=400, tracked=True)
    bob_old = closed_job(bob, days_ago=8)
    before = data_version(alice)

    assert archive_closed_jobs(now=timezone.now()) == 2

    archived = set(Job.objects.filter(archived_at__isnull=False).values_list("pk", flat=True))
    assert archived == {alice_old.pk, bob_old.pk}
    assert alice_recent.pk not in archived and alice_tracked.pk not in archived
    assert data_version(alice) > before


def test_the_daily_task_archives_when_the_period_has_passed(db, alice):
    from jobs.tasks import archive_closed_jobs as task

    job = closed_job(alice, days_ago=0)
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert task() == {"archived": 0}
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert task() == {"archived": 1}
    job.refresh_from_db()
    assert job.archived_at is not None and job.closed_at is not None  # kept, only hidden
