"""Live alerts and the clipper: recording a run's alerts, the bell every open page polls, reading a clipped page.

Run: .venv/bin/python bench/bench_alerts.py   (BENCH_DATABASE_URL=postgres://... to use PostgreSQL)
"""

from __future__ import annotations

import random
import statistics
import time

from _setup import django_setup

DB = django_setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from copilot.accounts.models import Profile  # noqa: E402
from copilot.accounts.services import create_user  # noqa: E402
from jobs.alerts.services import record_run_alerts  # noqa: E402
from jobs.importing.clipper import read_clipped_page  # noqa: E402
from jobs.locations import parse_preferences  # noqa: E402
from jobs.models import Job, JobAlert, SourceSubscription  # noqa: E402
from jobs.services import fill_derived_fields  # noqa: E402

OLD_JOBS, NEW_JOBS = 10_000, 500
TITLES = ["Backend Engineer", "Python Developer", "Platform Engineer", "Data Engineer", "SRE", "Frontend Developer"]
STACKS = ["Python, Django, PostgreSQL", "Go, Kubernetes, Terraform", "React, TypeScript, Node.js",
          "Java, Spring Boot, Kafka"]


def jobs(user, n: int, rng: random.Random, **fields) -> list[Job]:
    return [fill_derived_fields(Job(
        user=user, title=f"{rng.choice(TITLES)} {i}", company=f"Company {rng.randint(1, 400)}",
        location=rng.choice(["Berlin, Germany", "Munich, Germany", "Remote - EU", "London, UK"]),
        remote_option=rng.choice(["remote", "hybrid", "onsite"]),
        description_html=f"<p>We build with {rng.choice(STACKS)}.</p>", **fields), stack_given=False)
        for i in range(n)]


def median_ms(action, runs: int = 20) -> float:
    action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    rng = random.Random(11)
    user = create_user(username="bench", email="bench@example.com", password="bench-password-123")
    Profile.objects.filter(user=user).update(skills=["Python", "Django", "PostgreSQL", "Kubernetes"],
                                             preferred_locations=["Berlin, Germany"], experience_level="mid",
                                             alert_min_score=60)
    user.refresh_from_db()
    Job.objects.bulk_create(jobs(user, OLD_JOBS, rng), batch_size=1000)
    subscription = SourceSubscription.objects.create(user=user, kind="greenhouse", params={"board": "bench"})
    since = timezone.now()
    Job.objects.bulk_create(jobs(user, NEW_JOBS, rng, source="greenhouse", subscription=subscription), batch_size=500)
    print(f"database: {DB.split('://')[0]}; {OLD_JOBS:,} jobs, then a run adding {NEW_JOBS}")

    start = time.perf_counter()
    parse_preferences(["Berlin, Germany"])  # the gazetteer's one-off load per process, timed apart
    print(f"gazetteer load: {(time.perf_counter() - start) * 1000:.0f} ms (once per process)")
    for attempt in ("first", "again, alerts deleted"):
        JobAlert.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            alerts = record_run_alerts(user=user, subscription_id=subscription.pk, since=since)
            elapsed = (time.perf_counter() - start) * 1000
        print(f"record_run_alerts ({attempt}): {elapsed:.1f} ms, {len(queries)} queries, "
              f"{len(alerts)} of {NEW_JOBS} new jobs alerted")

    client = Client()
    client.force_login(user)
    queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        assert client.get("/alerts/bell/").status_code == 200
    unseen = JobAlert.objects.filter(user=user, seen_at__isnull=True).count()
    print(f"bell poll ({unseen} unseen): median {median_ms(lambda: client.get('/alerts/bell/')):.1f} ms, "
          f"{len(queries)} queries")
    JobAlert.objects.update(seen_at=timezone.now())
    print(f"bell poll (nothing new): median {median_ms(lambda: client.get('/alerts/bell/')):.1f} ms")

    paragraph = "<p>We build logistics software with Python, Django and PostgreSQL on Kubernetes. " * 4 + "</p>"
    for size in (200_000, 1_000_000):
        page = ("<html><head><title>Backend Engineer</title></head><body><nav>Home Jobs</nav><main><h1>Backend "
                "Engineer</h1>" + paragraph * (size // len(paragraph)) + "</main></body></html>")[:size]
        ms = median_ms(lambda page=page: read_clipped_page(url="https://example.com/job", title="", html=page), 5)
        print(f"read_clipped_page, {len(page) / 1e6:.1f} M characters without JSON-LD: median {ms:.0f} ms")


if __name__ == "__main__":
    main()
