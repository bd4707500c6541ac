"""Data builders shared by the insights page tests."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import Application
from applications.services import move_application, schedule_interview, start_application
from insights.cache import cache
from tests.factories import make_job

STACKS = [["Python", "Django", "PostgreSQL"], ["Go", "Kubernetes"], ["Python", "AWS"], ["React", "TypeScript"], []]
FLOWS = [[], ["applied"], ["applied", "interview"], ["applied", "rejected"], ["applied", "interview", "offer"]]


def populate(user, count: int, *, prefix: str = "Job") -> list:
    """``count`` jobs with varied stacks; every other one tracked through a varied history, with
    follow-ups due and an interview coming up on some."""
    jobs = []
    for i in range(count):
        job = make_job(
            user,
            title=f"{prefix} {i}",
            company=f"Company {i}",
            tech_stack=STACKS[i % len(STACKS)],
            location=["Berlin, Germany", "Remote - EU", "Munich"][i % 3],
            remote_option=["hybrid", "remote", "onsite"][i % 3],
        )
        jobs.append(job)
        if i % 2:
            application = start_application(user=user, job=job)
            for status in FLOWS[i % len(FLOWS)]:
                application = move_application(application=application, status=status)
            if application.status == "interview":
                schedule_interview(application=application, starts_at=timezone.now() + timedelta(days=2), kind="video")
            if application.status == "applied":
                Application.objects.filter(pk=application.pk).update(follow_up_date=timezone.localdate())
    return jobs


def forget_pages() -> None:
    """Empty the rendered-page cache (copilot.pagecache), so the next GET renders the page."""
    caches["pages"].clear()


def prime(client, url: str) -> None:
    """Open the page once (the first page of a session stores the time zone in it), then empty the caches."""
    client.get(url)
    cache.clear()
    forget_pages()


def count_queries(client, url: str, *, cold: bool = True) -> int:
    """Queries of rendering the page once, with the insights cache empty (``cold``) or filled by a previous
    GET; the rendered-page cache is always emptied (its hits are tested in tests/copilot/test_pagecache.py)."""
    client.get(url)  # the first page of a session also stores the time zone in it
    if cold:
        cache.clear()
    forget_pages()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def assert_same_queries_for_1_and_30_jobs(client, url: str, one_job_user, thirty_jobs_user) -> None:
    """The page costs the same number of queries for a user with 1 job and one with 30."""
    populate(one_job_user, 1)
    populate(thirty_jobs_user, 30)
    client.force_login(one_job_user)
    one = count_queries(client, url)
    client.force_login(thirty_jobs_user)
    assert count_queries(client, url) == one
