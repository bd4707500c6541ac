"""Insights keeps one table: the digest log (what was mailed to whom, once per user, kind and local day)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestKind(models.TextChoices):
    MORNING = "morning", _("Morning brief")
    EVENING = "evening", _("Evening summary")


class DigestStatus(models.TextChoices):
    PENDING = "pending", "Pending"  # claimed; being built, not handed to the mailer yet
    SENDING = "sending", "Sending"  # being handed to the mailer: from here it may have gone out
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"
    UNKNOWN = "unknown", "Unknown (worker died mid-send)"


class DigestLog(models.Model):
    """One digest of one kind for one user on one local day: the row *is* the claim to send it.

    Created (status ``pending``) before the mail is built, so the unique constraint decides which
    worker sends; a failed send is re-claimed with a conditional ``update()`` (see
    ``insights.digests.sending``). The worker holds the claim for ``LEASE``: a row still ``pending``
    after it (the worker died before the send) is retried; one still ``sending`` may have gone out
    and becomes ``unknown`` for the operator.
    """

    #: Far longer than building and sending one digest takes (the SMTP timeout is 15 s).
    LEASE = timedelta(minutes=5)

    Kind = DigestKind
    Status = DigestStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_logs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    local_date = models.DateField(help_text="The day in the user's time zone the digest is for.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempted_at = models.DateTimeField(null=True, blank=True, help_text="When the last attempt was claimed.")
    sent_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True,
                                            help_text="While pending or sending: when the claim counts as abandoned.")

    class Meta:
        ordering = ["-local_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "local_date"], name="digestlog_once_per_user_kind_day"),
            models.CheckConstraint(condition=models.Q(kind__in=DigestKind.values), name="digestlog_kind_valid"),
            models.CheckConstraint(condition=models.Q(status__in=DigestStatus.values), name="digestlog_status_valid"),
        ]
        indexes = [models.Index(fields=["status", "local_date"], name="digestlog_status_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user_id} on {self.local_date} ({self.status})"
