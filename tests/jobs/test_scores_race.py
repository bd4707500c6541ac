"""Stored scores never drift from what the job page explains when a job is edited, or a board adds jobs,
while a worker recomputes the user's scores (jobs.scores.lock_profile): on PostgreSQL, with two
connections, the writer that comes second waits for the first and reads what it wrote."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connections
from django.db.models import F

from copilot.accounts.models import Profile
from jobs import reread, scores
from jobs.matching import job_total
from jobs.models import Job
from jobs.services import update_job
from jobs.sources import Posting, ingest
from jobs.sources.ingest import store_postings
from tests.factories import make_job

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def explained(job: Job) -> int:
    job = Job.objects.get(pk=job.pk)
    return job_total(job, Profile.objects.get(user_id=job.user_id))


def in_thread(target) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run():
        try:
            target()
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def pause_after(monkeypatch, module, name: str) -> tuple[threading.Event, threading.Event]:
    """Make ``module.name`` stop after it ran, until released: (it has run, release)."""
    has_run, release = threading.Event(), threading.Event()
    original = getattr(module, name)

    def run_then_wait(*args, **kwargs):
        result = original(*args, **kwargs)
        has_run.set()
        release.wait(10)
        return result

    monkeypatch.setattr(module, name, run_then_wait)
    return has_run, release


def recomputation_paused_after_reading(monkeypatch, user_id: int):
    """Start rescore_user in a thread that stops once it has read the jobs, until released."""
    has_read, release = pause_after(monkeypatch, scores, "queryset_totals")
    thread, errors = in_thread(lambda: scores.rescore_user(user_id))
    assert has_read.wait(10)
    return thread, errors, release


def test_a_job_edited_during_a_recomputation_keeps_the_score_of_its_new_fields(alice, monkeypatch):
    job = make_job(alice, title="Engineer", tech_stack=["COBOL"], location="Tokyo", remote_option="onsite")
    Profile.objects.filter(user=alice).update(skills=["Python", "Django", "PostgreSQL", "Rust"])
    old_fields_score = explained(Job.objects.get(pk=job.pk))
    worker, worker_errors, release = recomputation_paused_after_reading(monkeypatch, alice.pk)

    edit, edit_errors = in_thread(lambda: update_job(job=Job.objects.get(pk=job.pk), tech_stack=["Python", "Django"],
                                                     location="Berlin, Germany", remote_option="remote"))
    time.sleep(0.5)  # the edit waits for the recomputation's lock (without it, it would commit now)
    release.set()
    for thread in (worker, edit):
        thread.join(20)
    assert not worker_errors and not edit_errors, (worker_errors, edit_errors)
    stored = Job.objects.get(pk=job.pk)
    assert stored.tech_stack == ["Python", "Django"]
    assert stored.match_score == explained(stored) != old_fields_score


def test_jobs_a_board_adds_while_the_profile_changes_get_the_new_profiles_score(alice, monkeypatch):
    make_job(alice, title="Engineer", tech_stack=["Go"])
    scored, release = pause_after(monkeypatch, ingest, "job_from_posting")  # scored with the profile it read
    posting = Posting(source="greenhouse", external_id="r-1", title="Backend Engineer", company="Globex",
                      location="Berlin, Germany", tech_stack=("Rust", "Django"))
    board, board_errors = in_thread(lambda: store_postings(user_id=alice.pk, source="greenhouse", postings=[posting]))
    assert scored.wait(10)

    def profile_change():  # as Settings does: save, then recompute every score
        Profile.objects.filter(user=alice).update(skills=["Rust", "Django"], match_version=F("match_version") + 1)
        scores.rescore_user(alice.pk)

    change, change_errors = in_thread(profile_change)
    time.sleep(0.5)  # the change waits for the board's lock (without it, it would commit and rescore now)
    release.set()
    for thread in (board, change):
        thread.join(20)
    assert not board_errors and not change_errors, (board_errors, change_errors)
    added = Job.objects.get(user=alice, external_id="r-1")
    assert added.match_score == explained(added)
    assert Profile.objects.get(user=alice).skills == ["Rust", "Django"]


def test_a_job_edited_while_jobs_are_re_read_keeps_its_edit_and_its_score(alice, monkeypatch):
    job = make_job(alice, title="Engineer", description_html="<p>We write COBOL.</p>", location="Tokyo")
    Job.objects.filter(pk=job.pk).update(derived_version=0, tech_stack=["Fortran"])  # stored by older rules
    started, release = pause_after(monkeypatch, reread, "reread_job")
    worker, worker_errors = in_thread(lambda: reread.reread_jobs(reread.jobs_to_reread(user_id=alice.pk)))
    assert started.wait(10)
    edit, edit_errors = in_thread(lambda: update_job(job=Job.objects.get(pk=job.pk),
                                                     description_html="<p>Python, Django and PostgreSQL.</p>",
                                                     location="Berlin, Germany"))
    time.sleep(0.5)  # the edit waits for the re-read's lock (without it, it would commit now)
    release.set()
    for thread in (worker, edit):
        thread.join(20)
    assert not worker_errors and not edit_errors, (worker_errors, edit_errors)
    stored = Job.objects.get(pk=job.pk)
    assert "Django" in stored.description_text and "Django" in stored.tech_stack and "COBOL" not in stored.tech_stack
    assert stored.match_score == explained(stored)
