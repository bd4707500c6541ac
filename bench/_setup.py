"""Shared set-up for benchmark scripts: a throwaway SQLite database (or BENCH_DATABASE_URL), migrated."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def django_setup(*, migrate: bool = True) -> str:
    """Configure Django; ``migrate=False`` for scripts that never touch the database."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix="copilot-bench-")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copilot.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("LOG_LEVEL", "warning")
    import django

    django.setup()
    from django.core.management import call_command

    if migrate:
        call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


N_JOBS = 10_000
COMPANIES = ["Northwind", "Lumenfield", "Quillstack", "Harbourlight", "Cobalt Ledger", "Fernway", "Atlas", "Sorrel"]
TITLES = ["Backend Engineer", "Python Developer", "Platform Engineer", "Data Engineer", "SRE", "Frontend Developer"]
STACKS = ["Python, Django, PostgreSQL", "Go, Kubernetes, Terraform", "React, TypeScript, Node.js",
          "Java, Spring Boot, Kafka"]


def seed_jobs(user, n_jobs: int = N_JOBS) -> None:
    """The same 10,000 jobs for every list benchmark (jobs page, API), after :func:`django_setup`."""
    import random

    from jobs.models import Job
    from jobs.services import fill_derived_fields

    rng = random.Random(7)
    jobs = []
    for n in range(n_jobs):
        job = Job(
            user=user, title=f"{rng.choice(TITLES)} {n}", company=rng.choice(COMPANIES), location="Berlin, Germany",
            remote_option=rng.choice(["remote", "hybrid", "onsite"]),
            source=rng.choice(["manual", "greenhouse", "lever"]),
            description_html=f"<p>We build with {rng.choice(STACKS)}. Team of {rng.randint(3, 30)}.</p>" * 5,
        )
        jobs.append(fill_derived_fields(job, stack_given=False))
    Job.objects.bulk_create(jobs, batch_size=1000)
