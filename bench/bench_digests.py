"""Morning briefs for 10,000 users: total and per-user time, and queries per user (constant as data grows).

Run: .venv/bin/python bench/bench_digests.py   (BENCH_DATABASE_URL=postgres://... to use PostgreSQL;
BENCH_USERS=2000 for a quicker run). Also renders and sends (local-memory mailer) the briefs of a
sample of users through ``send_due_digests`` to show the whole path's cost per mail.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections import defaultdict
from datetime import timedelta

from _setup import django_setup

DB = django_setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from applications.models import Application, Interview, TimelineEvent  # noqa: E402
from copilot.accounts.models import Profile, User  # noqa: E402
from insights.digests.content import build_morning_brief  # noqa: E402
from insights.digests.sending import send_due_digests  # noqa: E402
from jobs.models import Job  # noqa: E402

N_USERS = int(os.environ.get("BENCH_USERS", "10000"))
SEND_SAMPLE = 500
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Asia/Kolkata", "Australia/Sydney"]
TITLES = ["Backend Engineer", "Senior Python Developer", "Platform Engineer", "Data Engineer", "SRE",
          "Frontend Developer"]
COMPANIES = ["Northwind", "Lumenfield", "Quillstack", "Harbourlight", "Cobalt Ledger", "Fernway", "Atlas", "Sorrel"]
STACKS = [["Python", "Django", "PostgreSQL"], ["Go", "Kubernetes", "Terraform"], ["React", "TypeScript", "Node.js"],
          ["Java", "Spring Boot", "Kafka"], []]
SKILLS = [["Python", "Django"], ["Go", "Kubernetes"], ["React"], []]


def seed() -> None:
    """User i has 1–6 jobs (all new today), one applied application with a follow-up due, one
    interested, and every third user an interview today: a few rows each, bulk-created."""
    rng = random.Random(7)
    now = timezone.now()
    users = User.objects.bulk_create(
        [User(username=f"user{i}", email=f"user{i}@example.com", password="!") for i in range(N_USERS)],
        batch_size=2000,
    )
    Profile.objects.bulk_create(
        [Profile(user=u, timezone=rng.choice(ZONES), skills=rng.choice(SKILLS), preferred_locations=["Berlin"],
                 experience_level=rng.choice(["junior", "mid", "senior", ""])) for u in users],
        batch_size=2000,
    )
    jobs = []
    for i, user in enumerate(users):
        for n in range(i % 6 + 1):
            jobs.append(Job(user=user, title=f"{rng.choice(TITLES)} {n}", company=rng.choice(COMPANIES),
                            location=rng.choice(["Berlin, Germany", "Remote - EU", "Munich", ""]),
                            remote_option=rng.choice(["remote", "hybrid", "onsite", ""]),
                            tech_stack=rng.choice(STACKS)))
    Job.objects.bulk_create(jobs, batch_size=2000)
    first_jobs: dict[int, list[int]] = defaultdict(list)
    for job_id, user_id in Job.objects.order_by("id").values_list("id", "user_id"):
        first_jobs[user_id].append(job_id)
    applications = []
    today = now.date()
    for user in users:
        ids = first_jobs[user.pk]
        applications.append(Application(user=user, job_id=ids[0], status="applied",
                                        applied_date=today - timedelta(days=7),
                                        follow_up_date=today - timedelta(days=rng.randint(0, 3))))
        if len(ids) > 1:
            applications.append(Application(user=user, job_id=ids[1], status="interested"))
    applications = Application.objects.bulk_create(applications, batch_size=2000)
    TimelineEvent.objects.bulk_create(
        [TimelineEvent(application=a, from_status="", to_status=a.status, created_at=now) for a in applications],
        batch_size=2000,
    )
    Interview.objects.bulk_create(
        [Interview(application=a, starts_at=now + timedelta(hours=1)) for a in applications[::3]], batch_size=2000
    )
    print(f"seeded {N_USERS:,} users, {len(jobs):,} jobs, {len(applications):,} applications")


def main() -> None:
    start = time.perf_counter()
    seed()
    print(f"database: {DB.split('://')[0]}; seeding took {time.perf_counter() - start:.1f} s")
    now = timezone.now() + timedelta(minutes=1)

    users = list(User.objects.select_related("profile").order_by("id"))
    settings.DEBUG = False  # no per-query logging while timing
    samples, briefs = [], 0
    start = time.perf_counter()
    for user in users:
        t0 = time.perf_counter()
        briefs += build_morning_brief(user, now=now) is not None
        samples.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    print(f"built {len(users):,} morning briefs ({briefs:,} with something to say) in {total:.1f} s: "
          f"mean {statistics.mean(samples) * 1000:.2f} ms, median {statistics.median(samples) * 1000:.2f} ms, "
          f"p99 {sorted(samples)[int(len(samples) * .99)] * 1000:.2f} ms per user")

    by_jobs: dict[int, set[int]] = defaultdict(set)
    for user in users[:600]:
        user = User.objects.select_related("profile").get(pk=user.pk)
        with CaptureQueriesContext(connection) as queries:
            build_morning_brief(user, now=now)
        by_jobs[Job.objects.filter(user=user).count()].add(len(queries))
    print("queries per user by number of jobs: "
          + ", ".join(f"{jobs} jobs → {sorted(counts)}" for jobs, counts in sorted(by_jobs.items())))

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    sample = [u.pk for u in users[:SEND_SAMPLE]]
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = send_due_digests(now, kinds=["morning"], force=True, user_ids=sample)
        total = time.perf_counter() - start
    print(f"send_due_digests(force) for {SEND_SAMPLE} users: {result}; {total:.1f} s, "
          f"{total / SEND_SAMPLE * 1000:.1f} ms and {len(queries) / SEND_SAMPLE:.2f} queries per user "
          f"(build + render + inline CSS + claim + mark)")


if __name__ == "__main__":
    main()
