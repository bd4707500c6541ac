"""Writes to jobs: every create and update goes through here so derived fields stay right."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from copilot.accounts.services import bump_data_version
from jobs.dedup import canonical_url
from jobs.models import Job
from jobs.salary import parse_salary
from jobs.sanitize import clean_html, html_to_text
from jobs.seniority import text_level_of
from jobs.skills import extract_skills, normalize_skills


def fill_derived_fields(job: Job, *, stack_given: bool) -> Job:
    """Sanitise the description, derive its text, parse salary, and extract the stack when none was given."""
    job.description_html = clean_html(job.description_html)
    job.description_text = html_to_text(job.description_html)
    job.canonical_url = canonical_url(job.url) if job.url else ""
    job.text_level = text_level_of(job.requirements, job.description_text)
    if job.salary_text and job.salary_min is None and job.salary_max is None:
        salary = parse_salary(job.salary_text)
        job.salary_min, job.salary_max = salary.min, salary.max
        job.salary_currency = job.salary_currency or salary.currency
        job.salary_period = job.salary_period or salary.period
    if job.salary_min is not None and job.salary_max is not None and job.salary_min > job.salary_max:
        job.salary_min, job.salary_max = job.salary_max, job.salary_min
    if stack_given:
        job.tech_stack = normalize_skills(job.tech_stack)
    else:
        job.tech_stack = extract_skills(" \n".join([job.title, job.requirements, job.description_text]))
    return job


@transaction.atomic
def create_job(*, user, source: str = Job.SOURCE_MANUAL, **fields: Any) -> Job:
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
