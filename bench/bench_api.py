"""JSON API latency with 10,000 jobs for one user, called with a personal access token.

Run: .venv/bin/python bench/bench_api.py   (BENCH_DATABASE_URL=postgres://... to use PostgreSQL)
"""

from __future__ import annotations

import json
import os
import statistics
import time

from _setup import N_JOBS, django_setup, seed_jobs

os.environ.setdefault("API_RATE_LIMIT", "100000")  # the benchmark is one very busy script
DB = django_setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from api.tokens import create_token  # noqa: E402
from copilot.accounts.services import create_user  # noqa: E402
from jobs.models import Job  # noqa: E402


def timed(client: Client, method: str, url: str, headers: dict, body: dict | None = None,
          runs: int = 15) -> tuple[float, float, int]:
    def call():
        data = json.dumps(body) if body is not None else None
        response = getattr(client, method)(url, data, content_type="application/json", headers=headers)
        assert response.status_code in (200, 201), (url, response.status_code, response.content[:200])

    call()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    return statistics.median(samples), max(samples), len(queries)


def main() -> None:
    user = create_user(username="bench", email="bench@example.com", password="bench-password-123")
    user.profile.skills = ["Python", "Django", "PostgreSQL", "Kubernetes"]
    user.profile.save()
    start = time.perf_counter()
    seed_jobs(user)
    print(f"database: {DB.split('://')[0]}; seeded {N_JOBS:,} jobs in {time.perf_counter() - start:.1f} s")
    headers = {"Authorization": f"Bearer {create_token(user=user, name='bench', scope='write').secret}"}
    client = Client()
    job_id = Job.objects.filter(user=user).values_list("id", flat=True).first()
    for label, method, url, body in [
        ("GET /jobs (newest, 25)", "get", "/api/v1/jobs", None),
        ("GET /jobs?page=200", "get", "/api/v1/jobs?page=200", None),
        ("GET /jobs?page_size=100", "get", "/api/v1/jobs?page_size=100", None),
        ("GET /jobs?q=python", "get", "/api/v1/jobs?q=python", None),
        ("GET /jobs?sort=score", "get", "/api/v1/jobs?sort=score", None),
        ("GET /jobs/{id} (with match)", "get", f"/api/v1/jobs/{job_id}", None),
        ("PATCH /jobs/{id}", "patch", f"/api/v1/jobs/{job_id}", {"location": "Hamburg, Germany"}),
        ("POST /jobs", "post", "/api/v1/jobs", {"title": "Bench Engineer", "company": "Bench",
                                                 "description_html": "<p>Python and Go</p>"}),
        ("GET /recommendations (cached)", "get", "/api/v1/recommendations?n=50", None),
        ("GET /skill-gap (cached)", "get", "/api/v1/skill-gap", None),
        ("GET /analytics/summary (cached)", "get", "/api/v1/analytics/summary", None),
        ("GET /openapi.json", "get", "/api/v1/openapi.json", None),
    ]:
        median, worst, queries = timed(client, method, url, headers, body)
        print(f"{label:34s} median {median:6.1f} ms  max {worst:6.1f} ms  queries {queries}")


if __name__ == "__main__":
    main()
