"""django-q2 entry points for jobs outside ingestion: thin, call ``jobs.closing``."""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone

from jobs import closing

logger = logging.getLogger("copilot.jobs")


def archive_closed_jobs() -> dict[str, Any]:
    """The daily job (schedule "archive-closed-jobs"): hide closed, untracked jobs past each user's period."""
    archived = closing.archive_closed_jobs(now=timezone.now())
    logger.info("archived %d closed jobs", archived, extra={"task": "archive_closed_jobs", "archived": archived})
    return {"archived": archived}
