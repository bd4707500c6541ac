"""Every write to applications: status changes always record a timeline event in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import CLOSED_STATUSES, Application, Interview, Note, Status, TimelineEvent
from copilot.accounts.services import bump_data_version
from copilot.dates import add_or_none
from jobs.models import Job

FOLLOW_UP_AFTER = timedelta(days=7)
_BULK_BATCH = 500  # rows per INSERT: under SQLite's and PostgreSQL's parameter limits


def _today() -> date:
    return timezone.localdate()


@transaction.atomic
def start_application(
    *, user, job: Job, status: str = Status.INTERESTED, applied_date: date | None = None, note: str = ""
) -> Application:
    """Create the application for a job (idempotent: an existing one is returned unchanged)."""
    if job.user_id != user.pk:
        raise ValidationError(_("This job belongs to another user."))
    existing = Application.objects.filter(job=job).first()
    if existing is not None:
        return existing
    application = Application.objects.create(user=user, job=job, status=Status.INTERESTED)
    TimelineEvent.objects.create(
        application=application, from_status="", to_status=Status.INTERESTED, note="", created_at=timezone.now()
    )
    if status != Status.INTERESTED:
        application = move_application(application=application, status=status, note=note, applied_date=applied_date)
    bump_data_version(user.pk)
    return application


def start_applications_in_bulk(*, user, items: Sequence[tuple[Job, str, date | None]]) -> list[Application]:
    """:func:`start_application` for many of the user's new jobs at once (a large CSV import), in a few queries:
    the same applications, timeline events (created as interested, then the move), applied and follow-up dates.
    ``items`` are (saved job without an application, status, applied date). Call inside a transaction."""
    now, today = timezone.now(), _today()
    applications: list[Application] = []
    moves: list[str] = []
    dated_jobs: list[Job] = []
    for job, status, applied_date in items:
        if job.user_id != user.pk:
            raise ValidationError(_("This job belongs to another user."))
        if status not in Status.values:
            raise ValidationError(_("“%(status)s” is not a known status.") % {"status": status})
        application = Application(user=user, job=job, status=status, status_changed_at=now)
        if status == Status.APPLIED:
            application.applied_date = applied_date or job.date_applied or today
            if job.date_applied is None:
                job.date_applied = application.applied_date
                dated_jobs.append(job)
            application.follow_up_date = add_or_none(application.applied_date, FOLLOW_UP_AFTER)
        applications.append(application)
        moves.append(status)
    Application.objects.bulk_create(applications, batch_size=_BULK_BATCH)
    events: list[TimelineEvent] = []
    for application, status in zip(applications, moves, strict=True):
        events.append(TimelineEvent(application=application, from_status="", to_status=Status.INTERESTED,
                                    created_at=now))
        if status != Status.INTERESTED:
            events.append(TimelineEvent(application=application, from_status=Status.INTERESTED, to_status=status,
                                        created_at=now))
    TimelineEvent.objects.bulk_create(events, batch_size=_BULK_BATCH)
    if dated_jobs:
        for job in dated_jobs:
            job.updated_at = now
        Job.objects.bulk_update(dated_jobs, ["date_applied", "updated_at"], batch_size=_BULK_BATCH)
    if applications:
        bump_data_version(user.pk)
    return applications


@transaction.atomic
def move_application(
    *, application: Application, status: str, note: str = "", applied_date: date | None = None
) -> Application:
    """Change the status; record the move on the timeline; stamp applied dates and the follow-up."""
    if status not in Status.values:
        raise ValidationError(_("“%(status)s” is not a known status.") % {"status": status})
    # Lock the row so two quick moves cannot both read the same 'from' status.
    application = Application.objects.select_for_update().select_related("job").get(pk=application.pk)
    if application.status == status:
        return application
    now = timezone.now()
    TimelineEvent.objects.create(
        application=application, from_status=application.status, to_status=status, note=note.strip(), created_at=now
    )
    application.status = status
    application.status_changed_at = now
    fields = ["status", "status_changed_at", "updated_at"]
    if status == Status.APPLIED:
        stamped = applied_date or application.applied_date or application.job.date_applied or _today()
        if application.applied_date is None:
            application.applied_date = stamped
            fields.append("applied_date")
        if application.job.date_applied is None:
            application.job.date_applied = application.applied_date
            application.job.save(update_fields=["date_applied", "updated_at"])
        if application.follow_up_date is None:
            # None for an applied date stored before dates were checked, at the very end of the calendar.
            application.follow_up_date = add_or_none(application.applied_date, FOLLOW_UP_AFTER)
            fields.append("follow_up_date")
    if status in CLOSED_STATUSES and application.follow_up_date is not None:
        application.follow_up_date = None
        fields.append("follow_up_date")
    application.save(update_fields=fields)
    bump_data_version(application.user_id)
    return application


@transaction.atomic
def add_note(*, application: Application, text: str) -> Note:
    text = text.strip()
    if not text:
        raise ValidationError(_("A note cannot be empty."))
    application.save(update_fields=["updated_at"])
    bump_data_version(application.user_id)
    return Note.objects.create(application=application, text=text)


@transaction.atomic
def update_dates(*, application: Application, applied_date: date | None, follow_up_date: date | None) -> Application:
    application.applied_date = applied_date
    application.follow_up_date = follow_up_date
    application.save(update_fields=["applied_date", "follow_up_date", "updated_at"])
    if applied_date and application.job.date_applied != applied_date:
        application.job.date_applied = applied_date
        application.job.save(update_fields=["date_applied", "updated_at"])
    bump_data_version(application.user_id)
    return application


#: Statuses an interview moves on to "Interview" when the user accepts the offer to.
BEFORE_INTERVIEW = frozenset({Status.INTERESTED, Status.APPLIED})


@transaction.atomic
def schedule_interview(*, application: Application, move_to_interview: bool = False, clear_follow_up: bool = False,
                       **fields) -> Interview:
    """Add an interview. With ``move_to_interview`` an application not yet there moves to "Interview"; with
    ``clear_follow_up`` a follow-up reminder due by the interview's day is cleared (the interview is the
    answer it waited for). The form does both (the move when the user leaves its box ticked)."""
    interview = Interview(application=application, **fields)
    interview.full_clean(exclude=["application"])
    interview.save()
    if move_to_interview and application.status in BEFORE_INTERVIEW:
        application = move_application(application=application, status=Status.INTERVIEW,
                                       note="Interview scheduled")  # shown translated: AUTOMATIC_NOTES
    interview_day = timezone.localdate(interview.starts_at)
    fields_changed = ["updated_at"]
    if clear_follow_up and application.follow_up_date is not None and application.follow_up_date <= interview_day:
        application.follow_up_date = None
        fields_changed.append("follow_up_date")
    application.save(update_fields=fields_changed)
    bump_data_version(application.user_id)
    return interview


@transaction.atomic
def cancel_interview(*, interview: Interview) -> None:
    application = interview.application
    interview.delete()
    application.save(update_fields=["updated_at"])
    bump_data_version(application.user_id)
