"""Benchmark the CSV import (applications/spreadsheets/): preview and import of 5,000 and 10,000 rows.

Run from the project root (a throwaway SQLite database; BENCH_DATABASE_URL for another one):

    .venv/bin/python bench/bench_import.py [--rows 5000 10000] [--existing 2000]

For each size a fresh user who already has ``--existing`` jobs imports a file of our own format: a
third of the rows with an application (applied, interviewing or interested), half with a stack given
(the others are read from the title), one row in 50 a duplicate of an existing job and one in 100
invalid. Times what the worker does for a large file (``applications.spreadsheets.background.run``): the
check (parse, validate, duplicates: the preview, with its progress) and, after the confirm, the import in
batches of bulk inserts; with their query counts. ``--compare`` also times the one-request path small files
keep (``preview_import`` + ``apply_import``, one row at a time), which is what every import did before.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import time

from _setup import django_setup

django_setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from applications.models import Application  # noqa: E402
from applications.spreadsheets import background, csv_io  # noqa: E402
from copilot.accounts.services import create_user  # noqa: E402
from jobs.models import Job  # noqa: E402
from jobs.services import fill_derived_fields  # noqa: E402

STACKS = ["Python; Django; PostgreSQL", "TypeScript; React", "Go; Kubernetes", "Java; Kafka", "SQL; dbt", ""]
TITLES = ["Backend Engineer", "Data Engineer", "Frontend Developer", "Platform Engineer", "Site Reliability Engineer",
          "Senior Python Developer", "Machine Learning Engineer"]
PLACES = ["Berlin", "Munich, Germany", "Remote", "London", "Amsterdam, NL", "Warsaw"]
STATUSES = ["", "", "", "applied", "interview", "interested"]


def make_user(name: str, existing: int, rng: random.Random):
    user = create_user(username=name, email=f"{name}@example.com")
    jobs = []
    for n in range(existing):
        job = Job(user=user, title=f"{rng.choice(TITLES)} {n}", company=f"Existing {n % 200}",
                  location=rng.choice(PLACES), source="manual")
        fill_derived_fields(job, stack_given=False)
        jobs.append(job)
    Job.objects.bulk_create(jobs, batch_size=1000)
    return user


def make_csv(rows: int, existing: int, rng: random.Random) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(csv_io.EXPORT_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for n in range(rows):
        status = rng.choice(STATUSES)
        row = {"title": f"{rng.choice(TITLES)} {n}", "company": f"Company {n % 700}", "location": rng.choice(PLACES),
               "remote_option": rng.choice(["", "remote", "hybrid", "onsite"]), "job_type": "full_time",
               "url": f"https://jobs.example.com/{n}", "salary_text": rng.choice(["", "€60,000 – €75,000"]),
               "tech_stack": rng.choice(STACKS), "source": "csv", "posted_date": "2026-10-01",
               "status": status, "date_applied": "2026-10-15" if status in ("applied", "interview") else ""}
        if n % 50 == 49 and existing:  # the same job as one the user has
            row.update(title=f"{TITLES[0]} {n}", company=f"Existing {n % 200}", url="")
            row["title"] = Job.objects.filter(company=row["company"]).values_list("title", flat=True).first()
            row["location"] = Job.objects.filter(title=row["title"]).values_list("location", flat=True).first()
        if n % 100 == 99:
            row["posted_date"] = "yesterday"
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5_000, 10_000])
    parser.add_argument("--existing", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--compare", action="store_true", help="also time the one-request path, row by row")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"database {connection.vendor}")
    # What a long-lived worker has done once already: the place gazetteer and the skills automaton load.
    started = time.perf_counter()
    warm = make_user("warmup", 10, rng)
    csv_import = background.queue_check(user=warm, file_name="warm.csv", text=make_csv(300, 10, rng).decode())
    background.run(csv_import.pk)
    csv_import.refresh_from_db()
    background.start_import(csv_import)
    background.run(csv_import.pk)
    print(f"warm-up (one-off loads of a fresh process, 300 rows): {time.perf_counter() - started:.2f} s")
    for rows in args.rows:
        user = make_user(f"bench{rows}", args.existing, rng)
        data = make_csv(rows, args.existing, rng)
        text = data.decode("utf-8")
        connection.queries_log.clear()  # the capture counts by the log's length, which is capped
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            csv_import = background.queue_check(user=user, file_name="bench.csv", text=text)
            background.run(csv_import.pk)  # what the worker does: the preview, with its progress
            check_s = time.perf_counter() - started
        check_queries = len(queries)
        csv_import.refresh_from_db()
        summary = csv_import.summary
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            background.start_import(csv_import)
            background.run(csv_import.pk)  # the import, batch by batch
            import_s = time.perf_counter() - started
        csv_import.refresh_from_db()
        made = Job.objects.filter(user=user).count() - args.existing
        apps = Application.objects.filter(user=user).count()
        assert csv_import.phase == "done" and made == csv_import.created == summary["new"], csv_import.error
        print(f"{rows:>6,} rows ({len(data) / 1e6:.1f} MB): check (preview) {check_s:.2f} s, {check_queries} queries "
              f"({summary['new']:,} new, {summary['duplicates']} duplicates, {summary['errors']} errors); "
              f"import {import_s:.2f} s, {len(queries)} queries ({made:,} jobs, {apps:,} applications); "
              f"total {check_s + import_s:.2f} s")
        if args.compare:  # the one-request path small files keep, on a copy of the same user and file
            other = make_user(f"inline{rows}", args.existing, rng)
            started = time.perf_counter()
            preview = csv_io.preview_import(other, data)
            csv_io.apply_import(other, data, lines=set(preview.importable_lines))
            elapsed = time.perf_counter() - started
            print(f"        one request (preview_import + apply_import, row by row): {elapsed:.2f} s")

if __name__ == "__main__":
    main()
