"""Jobs list page latency with 10,000 jobs for one user.

Run: .venv/bin/python bench/bench_jobs.py   (BENCH_DATABASE_URL=postgres://... to use PostgreSQL)
"""

from __future__ import annotations

import statistics
import time

from _setup import N_JOBS, django_setup, seed_jobs

DB = django_setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from copilot.accounts.services import create_user  # noqa: E402


def timed(client: Client, url: str, runs: int = 15, headers: dict | None = None) -> tuple[float, float, int]:
    client.get(url, headers=headers)  # warm up templates and connections
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url, headers=headers)
    return statistics.median(samples), max(samples), len(queries)


def main() -> None:
    user = create_user(username="bench", email="bench@example.com", password="bench-password-123")
    start = time.perf_counter()
    seed_jobs(user)
    print(f"database: {DB.split('://')[0]}; seeded {N_JOBS:,} jobs in {time.perf_counter() - start:.1f} s")
    client = Client()
    client.force_login(user)
    htmx = {"HX-Request": "true", "HX-Target": "results"}
    for label, url, headers in [
        ("jobs list, newest", "/jobs/", None),
        ("jobs list, page 200", "/jobs/?page=200", None),
        ("jobs list, search 'python'", "/jobs/?q=python", None),
        ("jobs list, filter remote + sort company", "/jobs/?remote=remote&sort=company", None),
        ("jobs list, htmx results partial 'kafka'", "/jobs/?q=kafka", htmx),
    ]:
        median, worst, queries = timed(client, url, headers=headers)
        print(f"{label:45s} median {median:6.1f} ms  max {worst:6.1f} ms  queries {queries}")


if __name__ == "__main__":
    main()
