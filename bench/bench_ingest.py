"""Benchmark the ingestion write path: dedup against a user's jobs + one bulk write.

Run from the project root (uses a throwaway SQLite database in a temporary directory):

    .venv/bin/python bench/bench_ingest.py [--existing 5000] [--postings 10000] [--seed 7]

Creates a user with ``--existing`` jobs, generates ``--postings`` normalised postings (about 20%
duplicates of existing jobs — same URL with tracking parameters, same company with a legal
suffix, same board id — and about 5% duplicates inside the batch), then feeds them to
``jobs.sources.ingest.store_postings`` (what ``run_subscription`` calls after fetching and filtering,
inside one transaction) and prints the time and the number of queries. A second pass over the
same postings shows a re-run adds nothing.

Some "new" postings have no location: duplicate detection takes a missing place as unknown, so a
posting with no place and no remote flag matches the user's job with the same company and title
wherever it is, and fewer postings than generated as "new" are added.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

COMPANIES = [
    "Northwind Analytics", "Bluefin Health", "Acme Logistics", "Kestrel Robotics", "Lumen Pay", "Harbor & Pine",
    "Quanta Retail", "Orbital Media", "Greenfield Energy", "Atlas Insurance", "Brightpath Learning",
    "Cobalt Security", "Juniper Travel", "Meridian Bank", "Nimbus Games", "Tidewater Labs", "Copperfield",
    "Saltmarsh", "Fernwood Audio", "Quillmark", "Elbwerk Studio", "Kranich Mobility", "Lindenhof Software",
]
SUFFIXES = ["GmbH", "Inc.", "Ltd", "LLC", "S.A.", "B.V."]
ROLES = ["Backend Engineer", "Frontend Developer", "Data Engineer", "Site Reliability Engineer", "Product Designer",
         "Machine Learning Engineer", "Mobile Developer", "QA Engineer", "Security Engineer", "Data Analyst",
         "Platform Engineer", "Solutions Architect", "Engineering Manager", "Support Specialist"]
TEAMS = ["Payments", "Search", "Growth", "Checkout", "Identity", "Billing", "Maps", "Messaging", "Analytics",
         "Onboarding", "Risk", "Pricing", "Logistics", "Catalog", "Notifications", "Infrastructure", "Ads",
         "Content", "Fraud", "Reporting", "Scheduling", "Inventory", "Compliance", "Partnerships"]
LEVELS = ["Junior", "", "Senior", "Staff", "Lead", "Principal"]
CITIES = ["Berlin, Germany", "London, UK", "Austin, TX", "Toronto, ON", "Lisbon, Portugal", "Amsterdam",
          "Munich, Germany", "Dublin, Ireland", "Paris, France", "Warsaw, Poland", ""]
STACKS = [["Python", "Django", "PostgreSQL"], ["TypeScript", "React"], ["Go", "Kubernetes"], ["Java", "Kafka"],
          ["SQL", "dbt", "Snowflake"], ["AWS", "Terraform"], ["Figma"], ["Rust"], []]
PARAGRAPH = ("<p>We are a {size}-person team building {what}. You will own services end to end, work closely with "
             "product and design, review code, mentor colleagues and help us ship safely every day.</p>")
WHAT = ["payments infrastructure", "logistics software", "a learning platform", "developer tools", "health records"]


def _setup(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "copilot.settings"
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("LOG_LEVEL", "warning")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _title(rng: random.Random, index: int) -> str:
    level = LEVELS[index % len(LEVELS)]
    team = TEAMS[(index // len(LEVELS)) % len(TEAMS)]
    role = ROLES[(index // (len(LEVELS) * len(TEAMS))) % len(ROLES)]
    return " ".join(part for part in (level, role, f"({team})") if part)


def _description(rng: random.Random) -> tuple[str, str]:
    html = "".join(PARAGRAPH.format(size=rng.randint(10, 900), what=rng.choice(WHAT)) for _ in range(rng.randint(3, 8)))
    html += "<ul>" + "".join(f"<li>Experience with {s}</li>" for s in rng.choice(STACKS)) + "</ul>"
    text = html.replace("<p>", "").replace("</p>", "\n\n").replace("<ul>", "").replace("</ul>", "")
    text = text.replace("<li>", "").replace("</li>", "\n")
    return html, text


def _identity(index: int) -> dict[str, str]:
    """A distinct (company, title, location, url, id) per index."""
    company = COMPANIES[index % len(COMPANIES)]
    slot = index // len(COMPANIES)
    location = CITIES[slot % len(CITIES)]
    title = _title(random.Random(index), slot // len(CITIES))
    slug = company.lower().replace(" ", "-").replace("&", "and")
    return {"company": company, "title": title, "location": location, "external_id": f"gh-{index}",
            "url": f"https://job-boards.greenhouse.io/{slug}/jobs/{index}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--existing", type=int, default=5_000)
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        started = time.perf_counter()
        _setup(str(Path(tmp) / "bench.sqlite3"))
        print(f"migrated a throwaway SQLite database in {time.perf_counter() - started:.1f}s")
        run(args)


def run(args: argparse.Namespace) -> None:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from copilot.accounts.services import create_user
    from jobs.dedup import canonical_url
    from jobs.models import Job
    from jobs.salary import parse_salary
    from jobs.sources import Posting
    from jobs.sources.ingest import store_postings

    rng = random.Random(args.seed)
    user = create_user(username="bench", email="bench@example.com")

    # --- the user's existing jobs: half from this board (with ids), half added by hand
    existing = []
    for index in range(args.existing):
        ident = _identity(index)
        from_board = index % 2 == 0
        existing.append(Job(
            user=user, title=ident["title"], company=ident["company"], location=ident["location"],
            url=ident["url"], canonical_url=canonical_url(ident["url"]),
            source="greenhouse" if from_board else "manual", external_id=ident["external_id"] if from_board else "",
        ))
    Job.objects.bulk_create(existing, batch_size=1000)

    # --- the fetched postings
    postings: list[Posting] = []
    kinds = {"new": 0, "dup-existing": 0, "dup-batch": 0}
    posted = datetime(2026, 3, 1, tzinfo=UTC)
    next_new = args.existing
    salary_text = "€60,000 – €80,000 per year"
    salary = parse_salary(salary_text)  # as the plugins hand postings over: text and parsed numbers
    for n in range(args.postings):
        roll = rng.random()
        html, text = _description(rng)
        if roll < 0.20:  # a job the user already has, seen differently
            ident = _identity(rng.randrange(args.existing))
            variant = rng.randrange(3)
            if variant == 0:
                ident["url"] += f"?gh_src={rng.randrange(10**6)}&utm_source=linkedin"
                ident["external_id"] = f"other-{n}"
            elif variant == 1:
                ident["company"] += " " + rng.choice(SUFFIXES)
                ident["url"] = f"https://careers.example.com/{n}"
                ident["external_id"] = f"other-{n}"
            else:
                ident["url"] = f"https://careers.example.com/{n}"  # same board id only
            kinds["dup-existing"] += 1
        elif roll < 0.25 and postings:  # the same posting twice in one batch (aggregators do this)
            earlier = rng.choice(postings)
            ident = {"company": earlier.company.upper(), "title": earlier.title, "location": earlier.location,
                     "url": earlier.url + "?ref=feed", "external_id": f"again-{n}"}
            kinds["dup-batch"] += 1
        else:
            ident = _identity(next_new)
            next_new += 1
            kinds["new"] += 1
        stack = rng.choice(STACKS)
        postings.append(Posting(
            source="greenhouse", external_id=ident["external_id"], title=ident["title"], company=ident["company"],
            location=ident["location"], remote_option=rng.choice(["remote", "hybrid", "onsite", ""]),
            job_type="full_time", description_html=html, description_text=text,
            url=ident["url"], **({"salary_text": salary_text, "salary_min": salary.min, "salary_max": salary.max,
                                  "salary_currency": salary.currency, "salary_period": salary.period}
                                 if n % 3 == 0 else {}),
            posted_at=posted + timedelta(minutes=n), tech_stack=list(stack),
        ))

    print(f"user has {Job.objects.filter(user=user).count():,} jobs; {len(postings):,} postings generated "
          f"(~{kinds['new']:,} new, {kinds['dup-existing']:,} duplicates of existing jobs, "
          f"{kinds['dup-batch']:,} repeated within the batch)")

    # Duplicate detection reads places through jobs.locations, whose gazetteer loads once per process (as a
    # worker does on its first run); timed apart so the figure below is the steady state.
    from jobs.locations import load_gazetteer

    started = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer loaded once per process in {time.perf_counter() - started:.2f}s (not in the figures below)")

    for label in ("first run", "re-run"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            with transaction.atomic():
                result = store_postings(user_id=user.pk, source="greenhouse", postings=postings)
            elapsed = time.perf_counter() - started
        print(f"{label:>9}: {elapsed:6.2f}s  {len(queries):3d} queries  added {result.added:,}  "
              f"duplicates {result.duplicates:,}  ({len(postings) / elapsed:,.0f} postings/s)")
    print(f"user now has {Job.objects.filter(user=user).count():,} jobs")


if __name__ == "__main__":
    main()
