"""Writes to jobs: every job is built by :func:`fill_derived_fields`, whoever writes it (a form, a CSV
import, the board ingestion), so derived fields follow one set of rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from copilot.accounts.services import bump_data_version
from jobs.dedup import canonical_url
from jobs.models import Job, JobOrigin
from jobs.salary import parse_salary
from jobs.sanitize import clean_html, html_to_text
from jobs.seniority import text_level_of
from jobs.skills import normalize_skills, read_posting

_MAX_AMOUNT = Decimal("9999999999.99")  # Job.salary_*: max_digits=12, decimal_places=2


def _amount(value: Decimal | None) -> Decimal | None:
    """An amount the salary columns can hold, to the cent; None for what they cannot (negative, huge, NaN)."""
    if value is None:
        return None
    value = value if isinstance(value, Decimal) else Decimal(str(value))
    if not value.is_finite() or value < 0 or value > _MAX_AMOUNT:
        return None
    return value.quantize(Decimal("0.01"))


def fill_derived_fields(job: Job, *, stack_given: bool, text: str | None = None) -> Job:
    """Sanitise the description, derive its text, parse salary, and read the skills when not given.

    The skills are three lists: ``tech_stack`` (the tech skills the job requires), ``preferred_stack``
    (the nice-to-have ones) and ``soft_skills`` (soft skills and spoken languages). With
    ``stack_given`` (the user typed them, a CSV row holds them, or a board plugin read the posting
    already) they are kept as given, cleaned (:func:`jobs.skills.normalize_skills`; a skill required
    is not also nice to have). Otherwise all three are read from the posting
    (:func:`jobs.skills.read_posting` over the title, the description and the requirements, knowing
    the company).

    ``text`` is the description's text when the caller already derived it from this same HTML (the
    board plugins do, for thousands of postings at a time); otherwise it is derived here.
    """
    job.description_html = clean_html(job.description_html)
    job.description_text = html_to_text(job.description_html) if text is None else text
    job.canonical_url = canonical_url(job.url)[:2000] if job.url else ""
    job.text_level = text_level_of(job.requirements, job.description_text)
    if job.salary_text and job.salary_min is None and job.salary_max is None:
        salary = parse_salary(job.salary_text)
        job.salary_min, job.salary_max = salary.min, salary.max
        job.salary_currency = job.salary_currency or salary.currency
        job.salary_period = job.salary_period or salary.period
    job.salary_min, job.salary_max = _amount(job.salary_min), _amount(job.salary_max)
    if job.salary_min is not None and job.salary_max is not None and job.salary_min > job.salary_max:
        job.salary_min, job.salary_max = job.salary_max, job.salary_min
    if stack_given:
        required, preferred, soft = job.tech_stack or [], job.preferred_stack or [], job.soft_skills or []
    else:
        posting = job.description_text
        if job.requirements.strip():
            posting = f"{posting}\n\nRequirements\n\n{job.requirements}"
        read = read_posting(title=job.title, text=posting, company=job.company)
        required, preferred, soft = list(read.required), list(read.preferred), list(read.soft)
    job.tech_stack = normalize_skills(required)
    taken = {name.casefold() for name in job.tech_stack}
    job.preferred_stack = [name for name in normalize_skills(preferred) if name.casefold() not in taken]
    job.soft_skills = normalize_skills(soft)
    return job


def _skills_given(job: Job) -> bool:
    """Whether the job's skill lists were given (any of the three): then they are kept as they are."""
    return bool(job.tech_stack or job.preferred_stack or job.soft_skills)


@transaction.atomic
def create_job(*, user, source: str = JobOrigin.MANUAL, **fields: Any) -> Job:
    job = Job(user=user, source=source, **fields)
    fill_derived_fields(job, stack_given=_skills_given(job))
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
    fill_derived_fields(job, stack_given=_skills_given(job))
    job.save()
    bump_data_version(job.user_id)
    return job


@transaction.atomic
def delete_job(*, job: Job) -> None:
    job.delete()  # applications and their timelines cascade
    bump_data_version(job.user_id)
