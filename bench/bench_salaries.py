"""Benchmark the salary insights page over 10,000 jobs of one user.

    .venv/bin/python bench/bench_salaries.py [--jobs 10000] [--runs 5]

Measures (median of --runs): ``salary_insights`` over the rows alone (normalise, family, level,
place, distributions), then the salaries page and a job's position panel through the test Client,
with the insights cache emptied before each request (cold) and filled (warm); their query counts are
pinned by tests/insights/salaries/test_views.py.
The gazetteer's one-off load per process is timed apart. A throwaway SQLite database is used.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TITLES = ["Backend Engineer", "Senior Python Developer", "Frontend Engineer", "Data Scientist", "DevOps Engineer",
          "Engineering Manager", "Full-Stack Developer", "Junior Backend Developer", "QA Engineer", "Product Manager"]
PLACES = ["Berlin, Germany", "Munich", "Remote - EU", "London, UK", "Amsterdam", "New York, NY", "Warsaw",
          "Remote", "Paris, France", "Zurich, Switzerland"] + [f"City {n}" for n in range(40)]
SALARIES = [("EUR", "year", 50000, 90000), ("USD", "year", 90000, 160000), ("GBP", "year", 45000, 80000),
            ("EUR", "day", 400, 800), ("EUR", "hour", 40, 90), ("EUR", "month", 4000, 7000)]


def setup_django() -> None:
    tmp = tempfile.mkdtemp(prefix="copilot-bench-salaries-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.update(DJANGO_SETTINGS_MODULE="copilot.settings", DEBUG="1", LOG_LEVEL="warning", ENABLE_SCHEDULER="0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.core.cache import caches
    from django.test import Client

    from copilot.accounts.models import Profile, User
    from insights.salaries.analysis import FIELDS, salary_insights
    from insights.salaries.rates import load_table
    from jobs.locations import load_gazetteer
    from jobs.models import Job

    start = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer load (once per process): {(time.perf_counter() - start) * 1000:.0f} ms")
    rng = random.Random(7)
    user = User.objects.create_user("bench", password="bench-password-123")
    Profile.objects.create(user=user, target_roles=["Backend Engineer"], experience_level="senior")
    jobs = []
    for n in range(args.jobs):
        currency, period, low, high = rng.choice(SALARIES)
        stated = rng.random() < 0.6
        jobs.append(Job(user=user, title=rng.choice(TITLES), company=f"Company {n % 700}", location=rng.choice(PLACES),
                        remote_option=rng.choice(["", "remote", "hybrid", "onsite"]),
                        salary_min=Decimal(low) if stated else None, salary_max=Decimal(high) if stated else None,
                        salary_currency=currency if stated else "", salary_period=period if stated else ""))
    Job.objects.bulk_create(jobs, batch_size=2000)
    rows = list(Job.objects.filter(user=user).values(*FIELDS))
    table = load_table()
    pure = median_ms(lambda: salary_insights(rows, table, target_roles=["Backend Engineer"], target_level="senior"),
                     args.runs)
    print(f"salary_insights over {args.jobs:,} rows: {pure:.0f} ms")
    client = Client()
    client.force_login(user)
    job_id = Job.objects.filter(user=user, salary_min__isnull=False).values_list("id", flat=True).first()
    pages = (("salaries page", "/insights/salaries/"), ("job position panel", f"/insights/salaries/job/{job_id}/"))
    for label, url in pages:
        client.get(url)

        def cold(url=url):
            caches["insights"].clear()
            assert client.get(url).status_code == 200

        def warm(url=url):
            assert client.get(url).status_code == 200

        print(f"{label}: cold {median_ms(cold, args.runs):.0f} ms, "
              f"warm {median_ms(warm, args.runs):.0f} ms")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
