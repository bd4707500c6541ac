"""django-q2 entry points for ingestion: thin, take ids, call ``jobs.sources.ingest``."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django_q.tasks import async_task

from copilot.accounts.models import User
from jobs.models import IngestionRun, SourceSubscription
from jobs.sources import ingest

logger = logging.getLogger("copilot.ingest")


def _summary(runs: list[IngestionRun]) -> dict[str, Any]:
    return {
        "runs": len(runs),
        "added": sum(r.added for r in runs),
        "failed": sum(r.status == IngestionRun.Status.FAILED for r in runs),
        "skipped": sum(r.status == IngestionRun.Status.SKIPPED for r in runs),
    }


def ingest_all() -> dict[str, Any]:
    """The daily job (schedule "daily-ingestion"): one task per user with enabled subscriptions.

    Fanning out keeps each task far inside the worker timeout however many users there are, lets
    several workers share the work, and means one user's slow boards never delay everyone else's.
    """
    if not settings.ENABLE_JOB_SCRAPING:
        logger.info("daily ingestion skipped: ENABLE_JOB_SCRAPING is off", extra={"task": "ingest_all"})
        return {"skipped": True}
    subscribed = SourceSubscription.objects.enabled().order_by("user_id").values_list("user_id", flat=True)
    user_ids = list(subscribed.distinct())
    for user_id in user_ids:
        async_task("jobs.sources.tasks.ingest_user", user_id, IngestionRun.Trigger.SCHEDULE,
                   task_name=f"ingest-user-{user_id}")
    logger.info("daily ingestion queued for %d users", len(user_ids),
                extra={"task": "ingest_all", "users": len(user_ids)})
    return {"users": len(user_ids)}


def ingest_user(user_id: int, trigger: str = IngestionRun.Trigger.USER) -> dict[str, Any]:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        logger.warning("ingest_user: no user %s", user_id, extra={"task": "ingest_user", "user_id": user_id})
        return {"runs": 0}
    return _summary(ingest.run_all(user, trigger=trigger))


def ingest_subscription(subscription_id: int, run_id: int | None = None) -> dict[str, Any]:
    """One subscription; ``run_id`` is the queued run “Refresh now” (or a retry) created for the page to poll.

    A run that is not queued any more is left alone: a broker hands a dead worker's task out again,
    and by then the run was recovered (or retried as another run)."""
    run = None
    if run_id:
        run = ingest.take_queued_run(run_id)
        if run is None:
            logger.info("ingest_subscription: run %s is not queued any more; nothing to do", run_id,
                        extra={"task": "ingest_subscription", "run_id": run_id})
            return {"runs": 0}
    subscription = SourceSubscription.objects.select_related("user", "user__profile").filter(pk=subscription_id).first()
    if subscription is None:
        if run is not None and run.is_active:
            run.status, run.error = IngestionRun.Status.FAILED, gettext("The subscription was deleted.")
            run.finished_at, run.lease_expires_at = timezone.now(), None
            run.save(update_fields=["status", "error", "finished_at", "lease_expires_at"])
        logger.warning("ingest_subscription: no subscription %s", subscription_id,
                       extra={"task": "ingest_subscription", "subscription_id": subscription_id})
        return {"runs": 0}
    trigger = run.trigger if run is not None else IngestionRun.Trigger.USER
    force = trigger == IngestionRun.Trigger.ADMIN  # an operator's “Run now” ignores the board's interval
    return _summary([ingest.run_subscription(subscription, run=run, trigger=trigger, force=force)])
