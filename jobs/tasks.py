"""django-q2 entry points of the jobs app outside ingestion: thin, take ids, call the services."""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone

from jobs import closing, fetches, scores
from jobs.resumes import services as resumes
from jobs.sources import ingest

logger = logging.getLogger("copilot.jobs")


def run_fetch(fetch_id: int) -> str:
    """An “Add from URL” or board-preview fetch a page is waiting for."""
    return fetches.run_fetch(fetch_id)


def read_resume(resume_id: int) -> str:
    """An uploaded résumé the settings page is waiting for."""
    return resumes.read_resume(resume_id)


def recover_abandoned_work() -> dict[str, Any]:
    """Schedule "recover-jobs-work": end the ingestion runs, fetches and résumé readings whose worker died
    (a scheduled ingestion run is retried once), delete day-old fetches, and queue again score
    recomputations pending for too long."""
    return {"runs": len(ingest.recover_runs()), "fetches": fetches.recover_fetches(),
            "resumes": resumes.recover_resumes(), "rescores": scores.requeue_stale()}


def rescore_user(user_id: int) -> int:
    """Recompute a user's stored match scores after their profile changed (jobs.scores)."""
    return scores.rescore_user(user_id)


def archive_closed_jobs() -> dict[str, Any]:
    """The daily job (schedule "archive-closed-jobs"): hide closed, untracked jobs past each user's period."""
    archived = closing.archive_closed_jobs(now=timezone.now())
    logger.info("archived %d closed jobs", archived, extra={"task": "archive_closed_jobs", "archived": archived})
    return {"archived": archived}
