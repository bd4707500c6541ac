"""Fetches a page waits for, run by a worker: “Add from URL” and board previews (``BackgroundFetch``).

:func:`queue_fetch` is the web side: it stores the request and returns at once. :func:`run_fetch` is the
worker side: it fetches within ``BackgroundFetch.DEADLINE`` and stores the result as JSON for the page that
polls it. :func:`recover_fetches` ends the fetches whose worker died and deletes old ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_q.tasks import async_task

from copilot.http import FetchError
from jobs.importing.jsonld import PostingDraft, fetch_posting
from jobs.models import BackgroundFetch
from jobs.sources import ingest

logger = logging.getLogger("copilot.fetches")

Status = BackgroundFetch.Status
Kind = BackgroundFetch.Kind
_ERROR_MAX = 2000


# Stored in English for every user at once; the page shows them translated (``gettext(fetch.error)``).
CRASHED = gettext_noop("Something went wrong while reading it. Please try again.")
WORKER_STOPPED = gettext_noop("The background worker stopped while reading it. Please try again.")
NO_WORKER = gettext_noop("No background worker picked this up. Please try again later.")


def queue_fetch(*, user: Any, kind: str, request: dict[str, Any]) -> BackgroundFetch:
    """Store what to fetch and hand it to a worker once the row is committed."""
    with transaction.atomic():
        fetch = BackgroundFetch.objects.create(user=user, kind=kind, request=request)
        transaction.on_commit(lambda: async_task("jobs.tasks.run_fetch", fetch.pk,
                                                 task_name=f"fetch-{kind}-{fetch.pk}"))
    return fetch


def run_fetch(fetch_id: int) -> str:
    """Run a queued fetch and store its outcome; the status it ends in ("gone": not queued any more,
    e.g. recovered after its worker died, or a second delivery of the same task)."""
    now = timezone.now()
    taken = BackgroundFetch.objects.filter(pk=fetch_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, lease_expires_at=now + BackgroundFetch.LEASE)
    if not taken:
        return "gone"
    fetch = BackgroundFetch.objects.select_related("user").get(pk=fetch_id)
    # What is stored for the page to show (notes, reasons) is written in the language of the page that asked.
    with translation.override(fetch.request.get("language") or None):
        try:
            result = _RUNNERS[fetch.kind](fetch)
        except FetchError as error:  # the readable reason: timeouts, refusals, HTTP errors (never an address)
            return _finish(fetch, Status.FAILED, error=str(error))
        except Exception:  # a bug: the page still gets an answer
            logger.exception("background fetch crashed", extra={"fetch_id": fetch.pk, "kind": fetch.kind})
            return _finish(fetch, Status.FAILED, error=CRASHED)
    return _finish(fetch, Status.SUCCEEDED, result=result)


def _finish(fetch: BackgroundFetch, status: str, *, result: dict | None = None, error: str = "") -> str:
    BackgroundFetch.objects.filter(pk=fetch.pk, status=Status.RUNNING).update(
        status=status, result=result or {}, error=error[:_ERROR_MAX], finished_at=timezone.now(),
        lease_expires_at=None)
    return status


def recover_fetches(now: datetime | None = None) -> int:
    """End the fetches no worker will finish (the page then says so), and delete the ones a day old."""
    now = now or timezone.now()
    ended = BackgroundFetch.objects.filter(status=Status.RUNNING, lease_expires_at__lt=now).update(
        status=Status.FAILED, finished_at=now, lease_expires_at=None,
        error=WORKER_STOPPED)
    ended += BackgroundFetch.objects.filter(status=Status.QUEUED,
                                            created_at__lt=now - BackgroundFetch.QUEUE_WAIT).update(
        status=Status.FAILED, finished_at=now,
        error=NO_WORKER)
    BackgroundFetch.objects.filter(created_at__lt=now - BackgroundFetch.KEEP).delete()
    return ended


# --------------------------------------------------------------------------- add from URL


def _read_posting(fetch: BackgroundFetch) -> dict[str, Any]:
    return fetch_posting(fetch.request["url"], deadline=BackgroundFetch.DEADLINE).to_json()


def posting_draft(fetch: BackgroundFetch) -> PostingDraft:
    return PostingDraft.from_json(fetch.result)


# --------------------------------------------------------------------------- board previews


@dataclass(frozen=True)
class PreviewResult:
    """What the preview fragment shows, as stored: counts, and the first postings as plain dicts."""

    fetched: int = 0
    kept: int = 0
    duplicates: int = 0
    new: int = 0
    over_limit: int = 0
    error: str = ""
    sample: list[tuple[dict[str, Any], bool]] = field(default_factory=list)  # (posting, already saved)


_SHOWN = ("title", "company", "location", "url", "remote_option", "tech_stack", "attribution_text")


def _preview(fetch: BackgroundFetch) -> dict[str, Any]:
    request = fetch.request
    preview = ingest.preview(user=fetch.user, kind=request["kind"], params=request["params"],
                             deadline=BackgroundFetch.DEADLINE)
    return {
        "fetched": preview.fetched, "kept": preview.kept, "duplicates": preview.duplicates, "new": preview.new,
        "over_limit": preview.over_limit, "error": preview.error,
        "sample": [{**{name: getattr(posting, name) for name in _SHOWN}, "saved": saved}
                   for posting, saved in preview.sample],
    }


def preview_result(fetch: BackgroundFetch) -> PreviewResult:
    data = dict(fetch.result)
    sample = [(item, bool(item.get("saved"))) for item in data.pop("sample", [])]
    return PreviewResult(**data, sample=sample)


_RUNNERS: dict[str, Callable[[BackgroundFetch], dict[str, Any]]] = {Kind.POSTING: _read_posting, Kind.PREVIEW: _preview}
