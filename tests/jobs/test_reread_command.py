"""``manage.py reread_jobs``: every job re-read with today's rules, in batches, with progress; idempotent;
stacks the user gave are kept; each affected user's data version is bumped once."""

from __future__ import annotations

import importlib
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from copilot.accounts.models import Profile
from jobs.models import Job
from jobs.services import DERIVED_VERSION
from tests.factories import make_job

PROSE = "We are proud to rank in the top 20 percent of the Inc 5000 list of fastest-growing companies."


def reread(*args: str) -> str:
    out = StringIO()
    call_command("reread_jobs", *args, stdout=out)
    return out.getvalue()


def outdate(job: Job, **stored) -> Job:
    """As a job stored by older rules: a stale stack, an old rules version, whatever ``stored`` says."""
    Job.objects.filter(pk=job.pk).update(derived_version=0, **{"tech_stack": ["COBOL"], **stored})
    job.refresh_from_db()
    return job


def data_version(user) -> int:
    return Profile.objects.get(user=user).data_version


def test_it_re_reads_every_job_in_batches_and_prints_its_progress(alice):
    for n in range(5):
        outdate(make_job(alice, title=f"Engineer {n}"))
    output = reread("--batch-size", "2")
    lines = output.strip().splitlines()
    assert lines[0].startswith("2/5 jobs (40%) · ") and lines[0].endswith(" jobs/s · 2 changed")
    assert lines[2].startswith("5/5 jobs (100%)")
    assert lines[-1].startswith("Re-read 5 jobs in ") and "5 changed, for 1 user." in lines[-1]
    for job in Job.objects.all():
        assert job.tech_stack == ["Python", "Django", "PostgreSQL"] and job.derived_version == DERIVED_VERSION


def test_a_second_run_changes_nothing(alice):
    outdate(make_job(alice))
    reread()
    version = data_version(alice)
    before = list(Job.objects.values())
    assert "0 changed, for 0 users." in reread()
    assert list(Job.objects.values()) == before
    assert data_version(alice) == version


def test_a_stack_the_user_gave_is_kept(alice):
    typed = make_job(alice, title="Typed stack", tech_stack=["Elixir", "Erlang"])
    assert typed.stack_edited
    outdate(typed, tech_stack=["Elixir", "Erlang"])
    extracted = outdate(make_job(alice, title="Extracted stack"))
    assert not extracted.stack_edited
    reread()
    typed.refresh_from_db()
    extracted.refresh_from_db()
    assert typed.tech_stack == ["Elixir", "Erlang"]
    assert extracted.tech_stack == ["Python", "Django", "PostgreSQL"]


def test_each_affected_users_data_version_is_bumped_once(alice, bob):
    for n in range(5):
        outdate(make_job(alice, title=f"Alice {n}"))
    make_job(bob)  # up to date: nothing changes for bob
    alice_before, bob_before = data_version(alice), data_version(bob)
    reread("--batch-size", "2")
    assert data_version(alice) == alice_before + 1
    assert data_version(bob) == bob_before


def test_outdated_only_leaves_up_to_date_jobs_alone(alice):
    fresh = make_job(alice, title="Fresh")
    Job.objects.filter(pk=fresh.pk).update(tech_stack=["COBOL"])  # current rules version, odd stack
    outdate(make_job(alice, title="Old"))
    output = reread("--outdated")
    assert "Re-read 1 jobs" in output
    assert Job.objects.get(pk=fresh.pk).tech_stack == ["COBOL"]
    assert reread("--outdated").strip() == f"Every job is up to date (rules version {DERIVED_VERSION})."


def test_a_dry_run_counts_and_writes_nothing(alice):
    job = outdate(make_job(alice))
    version = data_version(alice)
    assert "1 would change, for 1 user." in reread("--dry-run")
    assert Job.objects.get(pk=job.pk).tech_stack == ["COBOL"] and data_version(alice) == version


def test_salaries_misread_from_prose_are_dropped_and_structured_ones_kept(alice):
    misread = make_job(alice, title="Prose salary", source="lever", external_id="a")
    outdate(misread, salary_text=PROSE, salary_min=Decimal(20), salary_max=Decimal(20))
    structured = make_job(alice, title="Structured salary", source="lever", external_id="b")
    outdate(structured, salary_text=PROSE, salary_min=Decimal(110000), salary_max=Decimal(135000),
            salary_currency="USD", salary_period="year")
    typed = make_job(alice, title="Typed salary")
    outdate(typed, salary_text="Up to 20% bonus", salary_max=Decimal(20))
    reread()
    misread.refresh_from_db()
    structured.refresh_from_db()
    typed.refresh_from_db()
    assert (misread.salary_text, misread.salary_min, misread.salary_max) == ("", None, None)
    assert (structured.salary_min, structured.salary_max) == (Decimal(110000), Decimal(135000))
    assert structured.salary_text == "$110,000 – $135,000 per year"
    assert (typed.salary_text, typed.salary_max) == ("Up to 20% bonus", None)  # the user's words stay


def test_an_unknown_user_or_a_bad_batch_size_is_an_error(db):
    with pytest.raises(CommandError, match="No user named"):
        reread("--user", "nobody")
    with pytest.raises(CommandError, match="at least 1"):
        reread("--batch-size", "0")


def test_only_the_named_users_jobs_are_re_read(alice, bob):
    outdate(make_job(alice))
    bobs = outdate(make_job(bob))
    reread("--user", "alice")
    assert Job.objects.get(pk=bobs.pk).tech_stack == ["COBOL"]


def test_the_migration_marks_stacks_the_user_may_have_given(alice):
    migration = importlib.import_module("jobs.migrations.0006_job_closed_postings_and_reread_fields")
    typed = make_job(alice, title="Hand-added", tech_stack=["Go"])
    hand_no_stack = make_job(alice, title="Hand-added, stack extracted", description_html="")
    make_job(alice, title="From a board", source="greenhouse", external_id="1")
    edited = make_job(alice, title="From a board, edited since", source="greenhouse", external_id="2")
    Job.objects.filter(pk=edited.pk).update(updated_at=edited.created_at + timedelta(days=2))
    Job.objects.update(stack_edited=False)  # as before the migration

    migration.mark_given_stacks(apps, None)

    assert hand_no_stack.tech_stack == []
    assert set(Job.objects.filter(stack_edited=True).values_list("pk", flat=True)) == {typed.pk, edited.pk}
