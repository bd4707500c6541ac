"""django-q2 entry points of the jobs app outside ingestion: thin, take ids, call the services."""

from __future__ import annotations

from typing import Any

from jobs import fetches
from jobs.sources import ingest


def run_fetch(fetch_id: int) -> str:
    """An “Add from URL” or board-preview fetch a page is waiting for."""
    return fetches.run_fetch(fetch_id)


def recover_abandoned_work() -> dict[str, Any]:
    """Schedule "recover-jobs-work": end the ingestion runs and fetches whose worker died (a scheduled
    ingestion run is retried once) and delete day-old fetches."""
    return {"runs": len(ingest.recover_runs()), "fetches": fetches.recover_fetches()}
