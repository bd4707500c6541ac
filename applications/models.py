from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copilot.dates import validate_sensible_date


class Status(models.TextChoices):
    INTERESTED = "interested", pgettext_lazy("application status", "Interested")
    APPLIED = "applied", pgettext_lazy("application status", "Applied")
    INTERVIEW = "interview", pgettext_lazy("application status", "Interview")
    OFFER = "offer", pgettext_lazy("application status", "Offer")
    REJECTED = "rejected", pgettext_lazy("application status", "Rejected")
    ACCEPTED = "accepted", pgettext_lazy("application status", "Accepted")
    DECLINED = "declined", pgettext_lazy("application status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


CLOSED_STATUSES = frozenset({Status.REJECTED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN})
ACTIVE_STATUSES = frozenset(Status) - CLOSED_STATUSES
# Statuses that mean the employer answered: used for the response rate.
RESPONDED_STATUSES = frozenset({Status.INTERVIEW, Status.OFFER, Status.REJECTED, Status.ACCEPTED, Status.DECLINED})


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user) -> ApplicationQuerySet:
        return self.filter(user=user)

    def active(self) -> ApplicationQuerySet:
        return self.exclude(status__in=CLOSED_STATUSES)


class Application(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="application")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INTERESTED, db_index=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    applied_date = models.DateField(null=True, blank=True, validators=[validate_sensible_date])
    follow_up_date = models.DateField(null=True, blank=True, db_index=True, validators=[validate_sensible_date])
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    # Not stored: what a board card shows, set per request by applications.queries.annotate_card.
    days_in_stage: int
    next_due: tuple[date, str] | None
    is_overdue: bool

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["user", "status"], name="application_user_status"),
            # A board column's page: one user's cards of one status, most recently moved first.
            models.Index(fields=["user", "status", "-status_changed_at", "-id"], name="application_board_column"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=[s.value for s in Status]),
                                   name="application_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.job} — {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


#: Notes the app itself writes on the timeline: stored in English (as the API gives them), shown in the
#: reader's language. A note someone typed is shown as it is.
AUTOMATIC_NOTES = {"Interview scheduled": _("Interview scheduled")}


class TimelineEvent(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"

    @property
    def shown_note(self) -> str:
        """The note in the reader's language when the app wrote it (see :data:`AUTOMATIC_NOTES`)."""
        return str(AUTOMATIC_NOTES.get(self.note, self.note))


class Note(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="dated_notes")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note on {self.application_id} at {self.created_at:%Y-%m-%d %H:%M}"


class InterviewKind(models.TextChoices):
    PHONE = "phone", _("Phone screen")
    VIDEO = "video", _("Video call")
    # Translators: an interview held at the employer's office.
    ONSITE = "onsite", pgettext_lazy("interview kind", "On-site")
    TECHNICAL = "technical", pgettext_lazy("interview kind", "Technical")
    TAKE_HOME = "take_home", _("Take-home review")
    FINAL = "final", _("Final round")
    OTHER = "other", pgettext_lazy("interview kind", "Other")


class Interview(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    starts_at = models.DateTimeField(db_index=True, validators=[validate_sensible_date])
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    kind = models.CharField(max_length=12, choices=InterviewKind.choices, default=InterviewKind.VIDEO)
    location = models.CharField(max_length=300, blank=True, help_text=_("Address or meeting link."))
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.application.job} at {self.starts_at:%Y-%m-%d %H:%M}"


class CSVImportQuerySet(models.QuerySet):
    def for_user(self, user) -> CSVImportQuerySet:
        """The only way views reach imports: always scoped to their owner."""
        return self.filter(user=user)


class CSVImport(models.Model):
    """A large CSV import, checked and then imported by a django-q2 worker while the page shows progress.

    Small files keep the one-request preview and confirm (``applications.spreadsheets.views``). A large one is
    stored here with its text; ``applications.spreadsheets.background`` checks it (the preview, which keeps the
    valid rows in ``rows``), and after the user confirms, imports them in batches. Each batch commits its jobs
    together with ``done`` (how many of the chosen rows are handled), so a worker that dies loses nothing: the
    sweep hands the import to another worker, which carries on after ``done`` and never creates a row twice.
    The worker holds a lease (``lease_token``, ``lease_expires_at``) like an ingestion run; a batch commits only
    under its own token."""

    class Phase(models.TextChoices):
        # The preview: parse, validate, find duplicates.
        CHECKING = "checking", pgettext_lazy("CSV import phase", "Checking")
        CHECKED = "checked", pgettext_lazy("CSV import phase", "Checked")  # waiting for the user to confirm
        IMPORTING = "importing", pgettext_lazy("CSV import phase", "Importing")
        DONE = "done", pgettext_lazy("CSV import phase", "Imported")
        FAILED = "failed", pgettext_lazy("CSV import phase", "Failed")

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("CSV import state", "Queued")
        RUNNING = "running", pgettext_lazy("CSV import state", "Running")
        IDLE = "idle", pgettext_lazy("CSV import state", "Idle")  # checked, done or failed: nothing for a worker to do

    LEASE = timedelta(minutes=2)  # a batch of rows takes well under a second; the lease is renewed per batch
    MAX_ATTEMPTS = 3  # a worker dying this often on one file: stop, say so
    QUEUE_WAIT = timedelta(minutes=2)
    KEEP = timedelta(days=7)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="csv_imports")
    file_name = models.CharField(max_length=200, blank=True)
    csv_text = models.TextField(help_text="The decoded file; cleared once it is checked.")
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.CHECKING)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0, help_text="Rows to check, then rows chosen to import.")
    done = models.PositiveIntegerField(default=0, help_text="Rows checked, then rows handled (committed).")
    created = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True, help_text="The preview: counts, problems and a sample.")
    rows = models.JSONField(default=list, blank=True, help_text="The rows the check found valid, as checked; "
                                                                "cleared once the import is done.")
    error = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True,
                                help_text="The uploading page's language: the worker writes the summary in it.")
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_token = models.CharField(max_length=32, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = CSVImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "lease_expires_at"], name="csvimport_state_lease")]

    def __str__(self) -> str:
        return f"CSV import {self.pk} ({self.phase}, {self.state})"

    @property
    def is_working(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def late_duplicates(self) -> int:
        """New at the check, but already among the user's jobs when their batch was imported."""
        return max(self.summary.get("new", 0) - self.created, 0) if self.phase == self.Phase.DONE else 0

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0
