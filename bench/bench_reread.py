"""Benchmark ``manage.py reread_jobs``: re-read 10,000 stored jobs with today's rules.

Run from the project root (a throwaway SQLite database; BENCH_DATABASE_URL for another one):

    .venv/bin/python bench/bench_reread.py [--jobs 10000] [--users 20] [--batch-size 500]

Stores ``--jobs`` jobs for ``--users`` users as older rules left them (a stale stack, an old rules
version, every third one with a prose "salary" misread as 20), then times a first re-read (everything
changes), a second one (nothing changes: the idempotent case) and ``--outdated`` with nothing outdated.
"""

from __future__ import annotations

import argparse
import random
from decimal import Decimal

from _setup import django_setup

django_setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from copilot.accounts.services import create_user  # noqa: E402
from jobs.models import Job  # noqa: E402
from jobs.reread import jobs_to_reread, reread_jobs  # noqa: E402
from jobs.services import fill_derived_fields  # noqa: E402

STACKS = [["Python", "Django", "PostgreSQL"], ["TypeScript", "React"], ["Go", "Kubernetes"], ["Java", "Kafka"],
          ["SQL", "dbt", "Snowflake"], ["AWS", "Terraform"], ["Rust"]]
PROSE = "We are proud to rank in the top 20 percent of the Inc 5000 list of fastest-growing companies."


def store(jobs: int, users: int, rng: random.Random) -> None:
    owners = [create_user(username=f"bench{n}", email=f"bench{n}@example.com") for n in range(users)]
    batch = []
    for n in range(jobs):
        stack = rng.choice(STACKS)
        html = ("<p>We build logistics software with a small team.</p><h3>Requirements</h3><ul>"
                + "".join(f"<li>3+ years with {skill}</li>" for skill in stack) + "</ul>")
        job = Job(user=owners[n % users], title=f"Engineer {n}", company=f"Company {n % 300}", location="Berlin",
                  description_html=html, source="greenhouse", external_id=str(n))
        fill_derived_fields(job, stack_given=False)
        job.tech_stack, job.derived_version = ["COBOL"], 0
        if n % 3 == 0:
            job.salary_text, job.salary_min, job.salary_max = PROSE, Decimal(20), Decimal(20)
        batch.append(job)
    Job.objects.bulk_create(batch, batch_size=1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    store(args.jobs, args.users, random.Random(args.seed))
    print(f"{args.jobs:,} jobs of {args.users} users stored as older rules left them; database {connection.vendor}")
    for label, outdated in (("first run", False), ("second run", False), ("--outdated, none left", True)):
        with CaptureQueriesContext(connection) as queries:
            progress = reread_jobs(jobs_to_reread(outdated_only=outdated), batch_size=args.batch_size)
        print(f"{label:>22}: {progress.seconds:6.2f}s  {progress.rate:8,.0f} jobs/s  {progress.changed:6,} changed  "
              f"{progress.users:3} users bumped  {len(queries.captured_queries):4} queries")


if __name__ == "__main__":
    main()
