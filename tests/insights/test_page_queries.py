"""Every main page costs the same number of queries with 1 row per list as with 30 (issue 15): jobs,
applications, their notes, timelines and interviews all grow, the queries do not. Each page is measured
with the insights cache empty (the first view after a change) and filled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.services import add_note, move_application, schedule_interview, start_application
from insights.cache import cache
from tests.factories import make_job, make_user
from tests.insights.helpers import forget_pages

PROFILE = {"skills": ["Python", "Django", "PostgreSQL"], "preferred_locations": ["Berlin, Germany"],
           "experience_level": "senior", "timezone": "Europe/Berlin"}
STACKS = [["Python", "Django", "PostgreSQL"], ["Go", "Kubernetes"], ["Python", "AWS"], ["React"], []]
# Row 0 alone already fills every list: interested (recommended), remote (the filters), tracked.
FLOWS = [[], ["applied"], ["applied", "interview"], ["applied", "rejected"], ["applied", "interview", "offer"]]

PAGES = {
    "dashboard": "/dashboard/",
    "jobs newest": "/jobs/",
    "jobs oldest": "/jobs/?sort=oldest",
    "jobs company": "/jobs/?sort=company",
    "jobs title": "/jobs/?sort=title",
    "jobs best match": "/jobs/?sort=score",
    "jobs search": "/jobs/?q=engineer+python",
    "jobs filters": "/jobs/?remote=remote&status=any&added=30&source=manual&sort=score",
    "jobs all states": "/jobs/?state=all&status=none",
    "jobs htmx page": "/jobs/?page=1",
    "application table": "/applications/table/",
    "application detail": "/applications/{application}/",
    "job detail": "/jobs/{job}/",
    "recommendations": "/insights/recommendations/?n=50",
    "skill gap": "/insights/skills/",
    "analytics": "/insights/analytics/",
}


def build(rows: int):
    """A user with ``rows`` jobs, each tracked through a varied history with a note, the first
    application with ``rows`` notes and interviews of its own."""
    user = make_user(**PROFILE)
    applications = []
    for i in range(rows):
        job = make_job(user, title=f"Senior Engineer {i}", company=f"Company {i}", tech_stack=STACKS[i % 5],
                       location=["Remote - EU", "Berlin, Germany", "Munich"][i % 3],
                       remote_option=["remote", "hybrid", "onsite"][i % 3])
        application = start_application(user=user, job=job)
        for status in FLOWS[i % len(FLOWS)]:
            application = move_application(application=application, status=status)
        add_note(application=application, text=f"Note {i}")
        applications.append(application)
    first = applications[0]
    for i in range(rows):
        add_note(application=first, text=f"Call {i}")
        schedule_interview(application=first, starts_at=timezone.now() + timedelta(days=i + 1), kind="video")
    return user, first


def page_queries(client, user, first) -> dict[str, tuple[int, int]]:
    """(cold, warm) query counts of every page."""
    client.force_login(user)
    counts = {}
    for name, url in PAGES.items():
        url = url.format(application=first.pk, job=first.job_id)
        headers = {"HX-Request": "true", "HX-Target": "results"} if name == "jobs htmx page" else {}
        client.get(url, headers=headers)  # the first page of a session stores the time zone in it
        runs = []
        for cold in (True, False):
            if cold:
                cache.clear()
            forget_pages()  # rendered each time: a page served from the cache reads 3 rows whatever its size
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, headers=headers)
            assert response.status_code == 200, name
            runs.append(len(queries))
        counts[name] = (runs[0], runs[1])
    return counts


@pytest.fixture
def counts(db, client):
    small = page_queries(client, *build(1))
    client.logout()
    large = page_queries(client, *build(30))
    return small, large


def test_no_page_costs_more_queries_with_30_rows_than_with_1(counts):
    small, large = counts
    grew = {name: (small[name], large[name]) for name in PAGES if large[name] > small[name]}
    assert grew == {}, f"(cold, warm) queries with 1 row and with 30: {grew}"


def test_every_page_stays_within_a_small_query_budget(counts):
    _small, large = counts
    # Warm: the insights pages read their cached figures; nothing needs more than a dozen queries.
    over = {name: queries for name, queries in large.items() if queries[1] > 12}
    assert over == {}
