from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse

from copilot.dates import validate_sensible_date


class Status(models.TextChoices):
    INTERESTED = "interested", "Interested"
    APPLIED = "applied", "Applied"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    REJECTED = "rejected", "Rejected"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


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


class Note(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="dated_notes")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note on {self.application_id} at {self.created_at:%Y-%m-%d %H:%M}"


class InterviewKind(models.TextChoices):
    PHONE = "phone", "Phone screen"
    VIDEO = "video", "Video call"
    ONSITE = "onsite", "On-site"
    TECHNICAL = "technical", "Technical"
    TAKE_HOME = "take_home", "Take-home review"
    FINAL = "final", "Final round"
    OTHER = "other", "Other"


class Interview(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    starts_at = models.DateTimeField(db_index=True, validators=[validate_sensible_date])
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    kind = models.CharField(max_length=12, choices=InterviewKind.choices, default=InterviewKind.VIDEO)
    location = models.CharField(max_length=300, blank=True, help_text="Address or meeting link.")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.application.job} at {self.starts_at:%Y-%m-%d %H:%M}"
