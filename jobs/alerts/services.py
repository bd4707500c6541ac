"""Record alerts for newly ingested jobs and mark them seen (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from copilot.accounts.services import get_profile
from jobs.matching import queryset_totals
from jobs.models import Job, JobAlert

SHOWN = 8  # alerts listed under the bell; the badge counts them all


def record_alerts(*, user: Any, jobs: Any) -> list[JobAlert]:
    """Alerts for those of ``jobs`` (a queryset of the user's jobs) scoring at or above the user's threshold;
    jobs that have one already are skipped. Queues the email task when some should be mailed."""
    profile = get_profile(user)
    if not profile.live_alerts:
        return []
    totals = queryset_totals(jobs.filter(alert__isnull=True), profile)
    mail = profile.alert_email and bool(user.email)
    alerts = [
        JobAlert(user=user, job_id=job_id, score=score,
                 email=JobAlert.Email.PENDING if mail and score >= profile.alert_email_min_score
                 else JobAlert.Email.NONE)
        for job_id, score in sorted(totals.items()) if score >= profile.alert_min_score
    ]
    if not alerts:
        return []
    with transaction.atomic():
        JobAlert.objects.bulk_create(alerts, ignore_conflicts=True)  # a concurrent call recorded it: fine
        if any(alert.email == JobAlert.Email.PENDING for alert in alerts):
            transaction.on_commit(lambda: async_task("jobs.alerts.tasks.send_alert_emails", user.pk,
                                                     task_name=f"alert-mail-{user.pk}"))
    return alerts


def record_run_alerts(*, user: Any, subscription_id: int, since: datetime | None) -> list[JobAlert]:
    """Alerts for the jobs one ingestion run of ``subscription_id`` added (created since it started)."""
    jobs = Job.objects.for_user(user).filter(subscription_id=subscription_id)
    return record_alerts(user=user, jobs=jobs if since is None else jobs.filter(created_at__gte=since))


@dataclass(frozen=True)
class Bell:
    """What the navigation shows: the unseen count and the latest unseen alerts with their jobs."""

    unseen: int
    latest: list[JobAlert]
    min_score: int
    enabled: bool

    @property
    def more(self) -> int:
        """Unseen alerts beyond the listed ones."""
        return self.unseen - len(self.latest)


def bell_for(user: Any) -> Bell:
    profile = get_profile(user)
    latest = list(JobAlert.objects.for_user(user).unseen().select_related("job")[:SHOWN + 1])
    unseen = len(latest) if len(latest) <= SHOWN else JobAlert.objects.for_user(user).unseen().count()
    return Bell(unseen=unseen, latest=latest[:SHOWN], min_score=profile.alert_min_score, enabled=profile.live_alerts)


def mark_seen(*, user: Any, alert: JobAlert | None = None) -> int:
    """Mark one alert, or all of the user's unseen alerts, seen; how many changed."""
    alerts = JobAlert.objects.for_user(user).unseen()
    if alert is not None:
        alerts = alerts.filter(pk=alert.pk)
    return alerts.update(seen_at=timezone.now())
