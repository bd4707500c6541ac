"""Closed postings leave the advice (recommendations, the morning brief, the skill gap over open jobs)
and the counts say how many jobs closed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from insights.digests.content import build_morning_brief
from insights.recommendations import recommendations_for
from insights.skillgap import skill_gap_for
from jobs.models import ClosedBy, Job
from tests.factories import make_application, make_job

from .digests.helpers import job_at, utc


def close(job) -> Job:
    Job.objects.filter(pk=job.pk).update(closed_at=timezone.now(), closed_by=ClosedBy.BOARD)
    return job


def test_recommendations_leave_out_closed_jobs(alice, alice_client):
    make_job(alice, title="Open Django Role", tech_stack=["Python", "Django"])
    close(make_job(alice, title="Closed Perfect Role", tech_stack=["Python", "Django", "PostgreSQL"]))
    ranking = recommendations_for(alice)
    assert [rec.title for rec in ranking.items] == ["Open Django Role"]
    assert (ranking.candidates, ranking.total_jobs, ranking.closed_jobs) == (1, 2, 1)
    assert "Closed Perfect Role" not in alice_client.get(reverse("insights:recommendations")).content.decode()


def test_when_every_open_job_is_applied_to_the_page_says_how_many_closed(alice, alice_client):
    make_application(alice, title="Applied Role", status="applied")
    close(make_job(alice, title="Closed Role"))
    body = alice_client.get(reverse("insights:recommendations")).content.decode()
    assert "Of your 2 jobs, 1 has closed and you have applied to the others" in body


def test_the_morning_brief_leaves_out_closed_jobs(alice):
    job_at(alice, utc(2026, 3, 9, 12), "Open Role", tech_stack=["Python"])
    close(job_at(alice, utc(2026, 3, 9, 13), "Closed Role", tech_stack=["Python", "Django"]))
    brief = build_morning_brief(alice, now=utc(2026, 3, 10, 7))
    assert [match.title for match in brief.matches] == ["Open Role"]


def test_the_skill_gap_counts_open_jobs_and_tracked_ones_whatever_their_state(alice, alice_client):
    make_job(alice, title="Open", tech_stack=["Go"])
    close(make_job(alice, title="Closed", tech_stack=["Rust"]))
    tracked = make_application(alice, title="Tracked and closed", tech_stack=["Kotlin"]).job
    close(tracked)
    open_gap = skill_gap_for(alice, "all")
    assert open_gap.jobs == 1 and [s.name for s in open_gap.missing] == ["Go"]
    assert [s.name for s in skill_gap_for(alice, "tracked").missing] == ["Kotlin"]
    assert "Closed postings are left out" in alice_client.get(reverse("insights:skill_gap")).content.decode()


def test_the_jobs_metric_says_how_many_closed(alice, alice_client):
    make_job(alice)
    close(make_job(alice))
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert "1 closed" in body
