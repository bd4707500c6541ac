"""A Greenhouse-shaped board (own text) whose postings fit alice's profile more or less well."""

from __future__ import annotations

import html

from jobs.models import SourceSubscription
from jobs.sources.ingest import run_subscription
from tests.jobs.sources.helpers import BOARDS, make_subscription

POSTINGS = [
    ("Senior Python Engineer", "Berlin, Germany", "Python, Django and PostgreSQL services for our freight platform."),
    ("Senior Backend Engineer (Django)", "Berlin, Germany", "Django and PostgreSQL; Python; Kafka and Kubernetes."),
    ("Data Engineer", "Berlin, Germany", "Python pipelines with Apache Spark, Scala, Airflow and Snowflake."),
    ("Python Developer", "Sydney, Australia", "On-site in Sydney: Python, Go and AWS Lambda."),
    ("Junior Python Developer", "Lisbon, Portugal", "Python and Flask for our internal tools."),
]


def board(postings=POSTINGS, *, first_id: int = 9100) -> dict:
    jobs = [{
        "id": str(first_id + n), "title": title, "company_name": "Heron Freight",
        "absolute_url": f"https://job-boards.greenhouse.io/heron-freight/jobs/{first_id + n}",
        "location": {"name": location}, "updated_at": "2026-11-30T09:00:00+01:00",
        "first_published": "2026-11-29T09:00:00+01:00",
        "content": html.escape(f"<p>{text}</p><h3>Requirements</h3><ul><li>{text}</li></ul>"),
    } for n, (title, location, text) in enumerate(postings)]
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


def ingest(stub, user, postings=POSTINGS, *, first_id: int = 9100):
    """Serve the board and run the user's subscription to it once (as the daily ingestion does)."""
    stub.add(BOARDS["greenhouse"][0], board(postings, first_id=first_id))
    subscription = SourceSubscription.objects.filter(user=user, kind="greenhouse").first()
    return run_subscription(subscription or make_subscription(user, "greenhouse"), force=True)
