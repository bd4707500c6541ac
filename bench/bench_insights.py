"""Benchmark the insights: recommendations, skill gap, and the dashboard/analytics pages.

Run from the project root (a throwaway SQLite database is created in a temp directory; set
BENCH_DATABASE_URL to run against another database, e.g. an empty PostgreSQL one):

    .venv/bin/python bench/bench_insights.py [--runs 7] [--seed 7]

Measures (median of --runs, after one warm-up run):

- recommendations (``compute_recommendations``: scoring every candidate job, full breakdowns for
  the top 50) over 100, 1,000 and 10,000 jobs; plus the "Best match" sort of the jobs list;
- skill gap (``skill_gap_for`` with the cache emptied) over 500, 5,000 and 50,000 jobs;
- page latency through Django's test Client, logged in, for the dashboard, analytics,
  recommendations and skill gap pages with 10,000 jobs and 1,000 applications: with the insights
  cache emptied before each request (cold) and filled (warm), with the query count of each.

Targets: recommendations over 10,000 jobs < 150 ms, skill gap over 50,000 jobs < 500 ms,
pages < 100 ms.
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
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TITLES = [
    "Backend Engineer",
    "Python Developer",
    "Data Engineer",
    "Frontend Engineer",
    "Platform Engineer",
    "Site Reliability Engineer",
    "Full-Stack Developer",
    "Machine Learning Engineer",
    "Software Engineer",
]
LEVELS = ["Senior ", "Junior ", "", "", "Lead ", "Staff ", "Sr. ", "Principal ", "Graduate ", "Head of "]
LOCATIONS = [
    "Berlin, Germany",
    "Munich, Germany",
    "Remote - EU",
    "Remote",
    "London, UK",
    "Amsterdam, Netherlands",
    "Hamburg",
    "New York, NY",
    "Lisbon, Portugal",
    "Zürich, Switzerland",
    "",
    "Berlin (Hybrid)",
    "Warszawa, Poland",
    "Remote (US only)",
    "Portland, OR",
    "Berlin, DE",
]
REMOTE = ["", "remote", "hybrid", "onsite"]
SOURCES = ["manual", "greenhouse", "lever", "remotive", "csv", "url"]
SENTENCES = [
    "We are a small team building tools our customers love.",
    "You will own services end to end, from design to on-call.",
    "We value clear writing, small pull requests and kind reviews.",
    "You bring 5+ years of experience with distributed systems.",
    "This is an entry-level role with a mentor from day one.",
    "You will mentor junior engineers and shape our roadmap.",
    "Our stack is boring on purpose, and we like it that way.",
]


def setup_django() -> str:
    tmp = tempfile.mkdtemp(prefix="copilot-bench-insights-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "copilot.settings"
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("LOG_LEVEL", "warning")
    os.environ.setdefault("ENABLE_SCHEDULER", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


def make_user(username: str):
    from copilot.accounts.models import Profile, User

    user = User.objects.create_user(username=username, email=f"{username}@example.com", password="bench-password-1")
    Profile.objects.create(
        user=user,
        skills=["Python", "Django", "PostgreSQL", "Docker", "Redis", "Git", "Linux", "REST"],
        preferred_locations=["Berlin, Germany", "Remote - EU"],
        experience_level="mid",
        remote_preference="any",
    )
    return user


def make_jobs(user, count: int, rng: random.Random) -> None:
    from django.utils import timezone

    from jobs.models import Job
    from jobs.seniority import text_level_of
    from jobs.skills import skill_names

    names = skill_names()
    popular = [
        "Python",
        "Django",
        "PostgreSQL",
        "Docker",
        "Kubernetes",
        "AWS",
        "TypeScript",
        "React",
        "Go",
        "Terraform",
        "Redis",
        "Kafka",
        "Java",
        "Spring Boot",
        "Node.js",
        "GCP",
        "Linux",
        "SQL",
        "dbt",
        "Airflow",
    ]
    now = timezone.now()
    batch = []
    soft = ["Communication", "English", "German", "Mentoring", "Ownership", "Stakeholder Management", "Leadership"]
    for i in range(count):
        stack = rng.sample(popular, rng.randint(2, 6)) + rng.sample(names, rng.randint(0, 3))
        # As postings read by jobs.skills.read_posting: some of the stack is only nice to have.
        nice = [name for name in rng.sample(popular + names[:200], rng.randint(0, 4)) if name not in stack]
        description = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(8, 20)))
        requirements = rng.choice(["", "At least 3 years of experience with Python.", "Senior-level ownership."])
        batch.append(
            Job(
                user=user,
                company=f"Company {i % 997}",
                title=rng.choice(LEVELS) + rng.choice(TITLES),
                location=rng.choice(LOCATIONS),
                remote_option=rng.choice(REMOTE),
                tech_stack=list(dict.fromkeys(stack)),
                preferred_stack=list(dict.fromkeys(nice)),
                soft_skills=rng.sample(soft, rng.randint(0, 3)),
                description_html=f"<p>{description}</p>",
                description_text=description,
                requirements=requirements,
                text_level=text_level_of(requirements, description),  # as jobs.services stores it
                source=rng.choice(SOURCES),
                created_at=now - timedelta(minutes=i),
            )
        )
        if len(batch) == 5000:
            Job.objects.bulk_create(batch)
            batch = []
    Job.objects.bulk_create(batch)


def make_applications(user, count: int, rng: random.Random) -> None:
    from django.utils import timezone

    from applications.models import Application, Interview, TimelineEvent
    from jobs.models import Job

    flows = [
        ["interested"],
        ["interested", "applied"],
        ["interested", "applied", "interview"],
        ["interested", "applied", "rejected"],
        ["interested", "applied", "interview", "offer"],
        ["interested", "applied", "interview", "rejected"],
        ["interested", "applied", "withdrawn"],
    ]
    now = timezone.now()
    job_ids = list(Job.objects.filter(user=user).order_by("id").values_list("id", flat=True)[:count])
    applications, histories = [], []
    for job_id in job_ids:
        flow = rng.choice(flows)
        started = now - timedelta(days=rng.randint(1, 120))
        applied = (started + timedelta(days=1)).date() if len(flow) > 1 else None
        applications.append(
            Application(
                user=user,
                job_id=job_id,
                status=flow[-1],
                applied_date=applied,
                follow_up_date=(now.date() + timedelta(days=rng.randint(-10, 10))) if flow[-1] == "applied" else None,
            )
        )
        histories.append((flow, started))
    Application.objects.bulk_create(applications)
    events, interviews = [], []
    for application, (flow, started) in zip(applications, histories, strict=True):
        previous = ""
        for step, status in enumerate(flow):
            events.append(
                TimelineEvent(
                    application=application,
                    from_status=previous,
                    to_status=status,
                    created_at=started + timedelta(days=2 * step),
                )
            )
            previous = status
        if flow[-1] == "interview":
            interviews.append(Interview(application=application, starts_at=now + timedelta(days=rng.randint(-3, 10))))
    TimelineEvent.objects.bulk_create(events, batch_size=5000)
    Interview.objects.bulk_create(interviews)


def median_ms(fn, runs: int, before=None) -> float:
    fn()  # warm-up: imports, taxonomy, automaton, connection
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    database = setup_django()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from copilot.accounts.services import get_profile
    from insights.cache import cache
    from insights.recommendations import candidate_jobs, compute_recommendations
    from insights.skillgap import skill_gap_for
    from jobs.matching import annotate_match_score, queryset_totals
    from jobs.models import Job

    rng = random.Random(args.seed)
    print(f"Database: {connection.vendor} ({database.split('://')[0]}); median of {args.runs} runs after a warm-up\n")

    def fmt(ms: float, target: float | None = None) -> str:
        verdict = "" if target is None else ("  ok" if ms < target else f"  OVER {target:.0f} ms target")
        return f"{ms:8.1f} ms{verdict}"

    print("Recommendations (score every candidate job, breakdowns for the top 50)")
    users = {}
    for count in (100, 1_000, 10_000):
        user = users[count] = make_user(f"rec{count}")
        make_jobs(user, count, rng)
        profile = get_profile(user)
        ms = median_ms(lambda u=user, p=profile: compute_recommendations(u, p), args.runs)
        totals_ms = median_ms(lambda u=user, p=profile: queryset_totals(candidate_jobs(u), p), args.runs)
        target = 150 if count == 10_000 else None
        print(f"  {count:>6,} jobs: {fmt(ms, target)}   (scoring query + totals only: {totals_ms:.1f} ms)")

    user = users[10_000]

    def best_match_page(u=user):
        jobs = annotate_match_score(Job.objects.for_user(u), u).order_by("-match_score", "-id")
        return list(jobs[:25]), jobs.count()

    page_ms = median_ms(best_match_page, args.runs)
    print(f"  jobs list sorted by best match, 10,000 jobs (score + count + first page): {fmt(page_ms)}")

    print("\nSkill gap (cache emptied before each run)")
    for count in (500, 5_000, 50_000):
        gap_user = make_user(f"gap{count}")
        make_jobs(gap_user, count, rng)
        ms = median_ms(lambda u=gap_user: skill_gap_for(u, "all"), args.runs, before=cache.clear)
        print(f"  {count:>6,} jobs: {fmt(ms, 500 if count == 50_000 else None)}")

    print("\nPages: 10,000 jobs and 1,000 applications (Django test Client, logged in)")
    make_applications(user, 1_000, rng)
    client = Client()
    client.force_login(user)
    pages = [
        ("dashboard", "/dashboard/"),
        ("analytics", "/insights/analytics/"),
        ("recommendations", "/insights/recommendations/"),
        ("skill gap", "/insights/skills/"),
        ("job detail", f"/jobs/{Job.objects.filter(user=user).values_list('id', flat=True).first()}/"),
    ]
    print(f"  {'page':<16} {'cold (cache empty)':>22} {'warm (cached)':>18} {'queries cold/warm':>19}")
    for name, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

        def get(url=url):
            client.get(url)

        cold = median_ms(get, args.runs, before=cache.clear)
        warm = median_ms(get, args.runs)
        cache.clear()
        with CaptureQueriesContext(connection) as cold_queries:
            get()
        with CaptureQueriesContext(connection) as warm_queries:
            get()
        print(f"  {name:<16} {fmt(cold, 100):>22} {fmt(warm, 100):>18} {len(cold_queries):>10}/{len(warm_queries)}")


if __name__ == "__main__":
    main()
