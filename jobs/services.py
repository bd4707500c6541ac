"""Writes to jobs: every job is built by :func:`fill_derived_fields`, whoever writes it (a form, a CSV
import, the board ingestion), so derived fields follow one set of rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from copilot.accounts.services import bump_data_version
from copilot.dates import is_sensible_date
from copilot.weburl import is_web_url
from jobs.dedup import canonical_url
from jobs.models import Job, JobOrigin
from jobs.salary import MAX_AMOUNT, parse_salary
from jobs.sanitize import clean_html, html_to_text
from jobs.seniority import text_level_of
from jobs.skills import extract_skills, normalize_skills


def _amount(value: Decimal | None) -> Decimal | None:
    """An amount the salary columns can hold, to the cent; None for what they cannot (negative, huge, NaN)."""
    if value is None:
        return None
    value = value if isinstance(value, Decimal) else Decimal(str(value))
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT:
        return None
    return value.quantize(Decimal("0.01"))


def fill_derived_fields(job: Job, *, stack_given: bool, text: str | None = None) -> Job:
    """Sanitise the description, derive its text, parse salary, and extract the stack when none was given.

    ``text`` is the description's text when the caller already derived it from this same HTML (the
    board plugins do, for thousands of postings at a time); otherwise it is derived here.
    """
    job.description_html = clean_html(job.description_html)
    job.description_text = html_to_text(job.description_html) if text is None else text
    # Forms and files refuse other links with a message; this keeps any other writer from storing one.
    job.url = job.url if is_web_url(job.url) else ""
    job.attribution_url = job.attribution_url if is_web_url(job.attribution_url) else ""
    job.canonical_url = canonical_url(job.url)[:2000] if job.url else ""
    job.text_level = text_level_of(job.requirements, job.description_text)
    if job.salary_text and job.salary_min is None and job.salary_max is None:
        salary = parse_salary(job.salary_text)
        job.salary_min, job.salary_max = salary.min, salary.max
        job.salary_currency = job.salary_currency or salary.currency
        job.salary_period = job.salary_period or salary.period
    job.salary_min, job.salary_max = _amount(job.salary_min), _amount(job.salary_max)
    # Forms refuse such dates with a message; a board or a page is not asked again, its date is dropped.
    for name in ("posted_date", "date_applied"):
        if getattr(job, name) is not None and not is_sensible_date(getattr(job, name)):
            setattr(job, name, None)
    if job.salary_min is not None and job.salary_max is not None and job.salary_min > job.salary_max:
        job.salary_min, job.salary_max = job.salary_max, job.salary_min
    if stack_given:
        job.tech_stack = normalize_skills(job.tech_stack)
    else:
        job.tech_stack = extract_skills(" \n".join([job.title, job.requirements, job.description_text]))
    return job


@transaction.atomic
def create_job(*, user, source: str = JobOrigin.MANUAL, **fields: Any) -> Job:
    stack_given = bool(fields.get("tech_stack"))
    job = Job(user=user, source=source, **fields)
    fill_derived_fields(job, stack_given=stack_given)
    # Field validation only: the derived values above satisfy the check constraint, and the unique
    # external id is the database's to enforce (constraint checks would cost a query per job).
    job.full_clean(exclude=["user"], validate_constraints=False)
    job.save()
    bump_data_version(user.pk)
    return job


@transaction.atomic
def update_job(*, job: Job, **fields: Any) -> Job:
    for name, value in fields.items():
        setattr(job, name, value)
    fill_derived_fields(job, stack_given=bool(job.tech_stack))
    job.save()
    bump_data_version(job.user_id)
    return job


@transaction.atomic
def delete_job(*, job: Job) -> None:
    job.delete()  # applications and their timelines cascade
    bump_data_version(job.user_id)
