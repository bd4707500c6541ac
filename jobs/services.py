"""Writes to jobs: every job is built by :func:`fill_derived_fields`, whoever writes it (a form, a CSV
import, the board ingestion), so derived fields follow one set of rules. :func:`reread_job` runs those
rules again on a stored job (``manage.py reread_jobs``); :func:`mark_closed` and :func:`reopen_job` are
the user's hand on a job's open/closed state (the boards' is in :mod:`jobs.closing`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from copilot.accounts.services import bump_data_version
from copilot.dates import is_sensible_date
from copilot.weburl import is_web_url
from jobs.dedup import canonical_url
from jobs.models import ClosedBy, Job, JobOrigin
from jobs.salary import MAX_AMOUNT, parse_salary, reread_salary
from jobs.sanitize import clean_html, html_to_text
from jobs.scores import lock_profile, score_job
from jobs.seniority import text_level_of
from jobs.skills import normalize_skills, read_posting
from jobs.sources import SOURCES

#: Which rules :func:`fill_derived_fields` applies. Raise it with any change to what it derives (skills,
#: seniority, salary, canonical URL): jobs stored under an older number are re-read by
#: ``manage.py reread_jobs --outdated``, which ``bin/run`` runs at every start.
DERIVED_VERSION = 1


def _amount(value: Decimal | None) -> Decimal | None:
    """An amount the salary columns can hold, to the cent; None for what they cannot (negative, huge, NaN)."""
    if value is None:
        return None
    value = value if isinstance(value, Decimal) else Decimal(str(value))
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT:
        return None
    return value.quantize(Decimal("0.01"))


def fill_derived_fields(job: Job, *, stack_given: bool, text: str | None = None, profile: Any = None) -> Job:
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

    Last, the job's match score for its owner is stored (:mod:`jobs.scores`); callers writing many jobs
    of one user pass their ``profile`` (else it is read from ``job.user``, or with one query).
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
    job.derived_version = DERIVED_VERSION
    score_job(job, profile)
    return job


_SKILL_LISTS = ("tech_stack", "preferred_stack", "soft_skills")


def _skills_given(job: Job) -> bool:
    """Whether the job's skill lists were given (any of the three): then they are kept as they are."""
    return any(getattr(job, name) for name in _SKILL_LISTS)


@transaction.atomic
def create_job(*, user, source: str = JobOrigin.MANUAL, **fields: Any) -> Job:
    """A job the user adds (the form, a URL, a CSV row). A stack they give is theirs: re-reading the
    posting later keeps it (``stack_edited``)."""
    job = Job(user=user, source=source, **fields)
    job.stack_edited = _skills_given(job)
    fill_derived_fields(job, stack_given=job.stack_edited, profile=lock_profile(user.pk))
    # Field validation only: the derived values above satisfy the check constraint, and the unique
    # external id is the database's to enforce (constraint checks would cost a query per job).
    job.full_clean(exclude=["user"], validate_constraints=False)
    job.save()
    bump_data_version(user.pk)
    return job


def create_jobs_in_bulk(*, user, rows: Sequence[tuple[str, dict[str, Any]]], batch_size: int = 500) -> list[Job]:
    """:func:`create_job` for many checked rows at once (a large CSV import): (source, fields) each, the same
    derived fields and ``stack_edited``, written with ``bulk_create`` and one data-version bump. The fields
    must have passed the model's field validation already (the import's preview runs it per row), so the
    per-job ``full_clean`` is left out. Call inside a transaction."""
    jobs = []
    profile = lock_profile(user.pk)
    for source, fields in rows:
        job = Job(user=user, source=source, **fields)
        job.stack_edited = _skills_given(job)
        jobs.append(fill_derived_fields(job, stack_given=job.stack_edited, profile=profile))
    Job.objects.bulk_create(jobs, batch_size=batch_size)
    if jobs:
        bump_data_version(user.pk)
    return jobs


@transaction.atomic
def update_job(*, job: Job, **fields: Any) -> Job:
    """Save the user's changes. Skill lists they change become theirs (emptied ones are read again from
    the posting); a salary text they change is read again."""
    if any(name in fields and normalize_skills(fields[name] or []) != list(getattr(job, name) or [])
           for name in _SKILL_LISTS):
        job.stack_edited = any(fields.get(name, getattr(job, name)) for name in _SKILL_LISTS)
    if "salary_text" in fields and fields["salary_text"] != job.salary_text:
        job.salary_min = job.salary_max = None
        job.salary_currency = job.salary_period = ""
    for name, value in fields.items():
        setattr(job, name, value)
    # Lists the user never changed follow the posting: an edited description is read again.
    fill_derived_fields(job, stack_given=job.stack_edited, profile=lock_profile(job.user_id))
    job.save()
    bump_data_version(job.user_id)
    return job


_DERIVED = ("description_html", "description_text", "canonical_url", "text_level", "salary_text", "salary_min",
            "salary_max", "salary_currency", "salary_period", "tech_stack", "preferred_stack", "soft_skills",
            "derived_version", "match_score")


def reread_job(job: Job, profile: Any = None) -> list[str]:
    """Run today's rules (:func:`fill_derived_fields`) on a stored job again; the names of the fields that
    changed (nothing is saved). A stack the user gave is kept; a salary is read again from its text unless
    a board's structured range gave it (:func:`jobs.salary.reread_salary`)."""
    before = {name: getattr(job, name) for name in _DERIVED if hasattr(job, name)}
    job.salary_text, salary = reread_salary(job.salary_text, job.salary_min, job.salary_max, job.salary_currency,
                                            job.salary_period, from_board=job.source in SOURCES)
    job.salary_text = job.salary_text[:200]
    job.salary_min, job.salary_max = salary.min, salary.max
    job.salary_currency, job.salary_period = salary.currency[:3], salary.period
    fill_derived_fields(job, stack_given=job.stack_edited, profile=profile)
    return [name for name, value in before.items() if getattr(job, name) != value]


@transaction.atomic
def mark_closed(*, job: Job) -> Job:
    """The user says the job is closed (filled, withdrawn): it leaves recommendations and the morning brief."""
    if job.closed_at is None:
        job.closed_at, job.closed_by, job.missing_runs = timezone.now(), ClosedBy.USER, 0
        job.save(update_fields=["closed_at", "closed_by", "missing_runs", "updated_at"])
        bump_data_version(job.user_id)
    return job


@transaction.atomic
def reopen_job(*, job: Job) -> Job:
    """Open a closed (or archived) job again. Its board's next runs close it again if it stays unlisted."""
    if job.closed_at is not None or job.archived_at is not None:
        job.closed_at = job.archived_at = None
        job.closed_by, job.missing_runs = "", 0
        job.save(update_fields=["closed_at", "closed_by", "archived_at", "missing_runs", "updated_at"])
        bump_data_version(job.user_id)
    return job


@transaction.atomic
def delete_job(*, job: Job) -> None:
    job.delete()  # applications and their timelines cascade
    bump_data_version(job.user_id)
