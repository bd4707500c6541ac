"""Applications board at 10, 1,000 and 10,000 applications for one user: time, queries and page weight.

Run: .venv/bin/python bench/bench_board.py   (BENCH_DATABASE_URL=postgres://... to use PostgreSQL)
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

from applications.models import Application, Status  # noqa: E402
from copilot.accounts.services import create_user  # noqa: E402
from jobs.models import Job  # noqa: E402

SIZES = [10, 1_000, 10_000]


def grow_to(user, total: int, rng: random.Random) -> None:
    have = Application.objects.filter(user=user).count()
    jobs = Job.objects.bulk_create(
        [Job(user=user, title=f"Engineer {n}", company=f"Company {n % 300}", location="Berlin, Germany")
         for n in range(have, total)], batch_size=1000)
    Application.objects.bulk_create(
        [Application(user=user, job=job, status=rng.choice(Status.values)) for job in jobs], batch_size=1000)


def timed(client: Client, url: str, runs: int = 15) -> tuple[float, float, int, int]:
    client.get(url)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        size = len(client.get(url).content)
    return statistics.median(samples), max(samples), len(queries), size


def main() -> None:
    user = create_user(username="bench", email="bench@example.com", password="bench-password-123")
    client = Client()
    client.force_login(user)
    rng = random.Random(7)
    print(f"database: {DB.split('://')[0]}")
    for total in SIZES:
        grow_to(user, total, rng)
        for label, url in [("board", "/applications/"), ("closed column", "/applications/column/rejected/")]:
            median, worst, queries, size = timed(client, url)
            print(f"{total:>6,} applications  {label:14s} median {median:6.1f} ms  max {worst:6.1f} ms  "
                  f"queries {queries:2d}  {size / 1024:6.1f} KiB")


if __name__ == "__main__":
    main()
