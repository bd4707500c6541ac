"""Large CSV imports, run by a django-q2 worker while the page shows progress (:class:`CSVImport`).

The web side stores the file (:func:`queue_check`) and, once the user confirmed the preview, starts the import
(:func:`start_import`); both return at once. The worker side (:func:`run`) takes the import with a conditional
UPDATE and a lease token, then checks the file (the preview) or imports it in batches of :data:`BATCH` rows.
Each batch is one transaction that also moves ``done`` on, and commits only while this worker still holds the
lease, so rows are never lost and never created twice: :func:`recover_imports` hands an import whose worker
died to another one, which carries on after ``done``.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_q.tasks import async_task

from applications.models import CSVImport
from applications.spreadsheets import csv_io
from copilot.accounts.services import get_profile, user_language

logger = logging.getLogger("copilot.spreadsheets")

Phase, State = CSVImport.Phase, CSVImport.State
#: Files with more lines than this are checked and imported by a worker: a few hundred rows take about a second.
BACKGROUND_LINES = 200
BATCH = 1000
TASK = "applications.spreadsheets.tasks.run_csv_import"
# Stored in English (a sweep has no reader) and shown translated: see :func:`shown_error`.
CRASHED = gettext_noop("Something went wrong while importing this file. Nothing more will be imported from it; "
                       "please try again.")
STOPPED = gettext_noop("The background worker stopped several times on this file. Rows imported so far are kept; "
                       "upload the file again to import the rest (those already imported are recognised).")


def shown_error(csv_import: CSVImport) -> str:
    """Why the import failed, in the reader's language (a file's own problems were written in it already)."""
    return translation.gettext(csv_import.error) if csv_import.error in (CRASHED, STOPPED) else csv_import.error


def is_large(text: str) -> bool:
    return text.count("\n") > BACKGROUND_LINES


def _enqueue(pk: int) -> None:
    async_task(TASK, pk, task_name=f"csv-import-{pk}")


def queue_check(*, user, file_name: str, text: str) -> CSVImport:
    """Store the file and hand its check (the preview) to a worker once the row is committed."""
    with transaction.atomic():
        job = CSVImport.objects.create(user=user, file_name=file_name[:200], csv_text=text,
                                       total=max(text.count("\n"), 1), language=(translation.get_language() or "")[:8])
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def start_import(csv_import: CSVImport) -> bool:
    """Queue the import of a checked file (all its new rows). False when it was started already (a second
    click, another tab): the conditional UPDATE lets one through."""
    with transaction.atomic():
        started = CSVImport.objects.filter(pk=csv_import.pk, phase=Phase.CHECKED, state=State.IDLE).update(
            phase=Phase.IMPORTING, state=State.QUEUED, done=0, created=0, attempts=0,
            total=len(csv_import.rows), updated_at=timezone.now())  # the valid rows: new ones and known ones
        if started:
            transaction.on_commit(lambda: _enqueue(csv_import.pk))
    return bool(started)


# --------------------------------------------------------------------------- the worker side


def _claim(pk: int) -> str | None:
    token, now = uuid.uuid4().hex, timezone.now()
    taken = CSVImport.objects.filter(pk=pk, state=State.QUEUED).update(
        state=State.RUNNING, lease_token=token, lease_expires_at=now + CSVImport.LEASE,
        attempts=F("attempts") + 1, updated_at=now)
    return token if taken else None


def _held(pk: int, token: str):
    return CSVImport.objects.filter(pk=pk, state=State.RUNNING, lease_token=token)


def run(pk: int) -> str:
    """Check or import the file; the phase it ends in ("gone": not queued any more, e.g. a second delivery of
    the task, or an import recovered and handed on)."""
    token = _claim(pk)
    if token is None:
        return "gone"
    csv_import = CSVImport.objects.select_related("user").get(pk=pk)
    # The summary and the file's problems are written in the language of the page that uploaded it.
    with translation.override(csv_import.language or user_language(csv_import.user)):
        try:
            with timezone.override(get_profile(csv_import.user).timezone or "UTC"):  # "today" is the user's
                if csv_import.phase == Phase.CHECKING:
                    return _check(csv_import, token)
                return _import(csv_import, token)
        except csv_io.CSVFileError as error:
            return _fail(csv_import, token, str(error))
        except Exception:  # a bug: the page still gets an answer
            logger.exception("csv import crashed", extra={"csv_import_id": pk, "phase": csv_import.phase})
            return _fail(csv_import, token, CRASHED)


def _fail(csv_import: CSVImport, token: str, error: str) -> str:
    _held(csv_import.pk, token).update(phase=Phase.FAILED, state=State.IDLE, error=error[:2000], lease_token="",
                                       lease_expires_at=None, finished_at=timezone.now(), updated_at=timezone.now())
    return Phase.FAILED


def _check(csv_import: CSVImport, token: str) -> str:
    def progress(done: int) -> None:
        now = timezone.now()
        _held(csv_import.pk, token).update(done=done, lease_expires_at=now + CSVImport.LEASE, updated_at=now)

    preview = csv_io.preview_import(csv_import.user, csv_import.csv_text.encode("utf-8"), progress=progress)
    summary = csv_io.summarise(preview)
    _held(csv_import.pk, token).update(
        phase=Phase.CHECKED, state=State.IDLE, summary=summary, rows=csv_io.valid_rows_json(preview), csv_text="",
        total=summary["rows"], done=summary["rows"],
        lease_token="", lease_expires_at=None, updated_at=timezone.now())
    return Phase.CHECKED


def _import(csv_import: CSVImport, token: str) -> str:
    user = csv_import.user
    rows = csv_io.rows_from_json(csv_import.rows)
    done = csv_import.done
    while done < len(rows):
        batch = rows[done:done + BATCH]
        with transaction.atomic():
            csv_io.lock_user(user)
            # Under the lock: a worker whose lease ran out (its import handed on) stops here, before writing.
            if not list(_held(csv_import.pk, token).select_for_update().values_list("pk", flat=True)):
                return "gone"
            created = csv_io.import_batch(user, batch)
            done += len(batch)
            now = timezone.now()
            _held(csv_import.pk, token).update(done=done, created=F("created") + created,
                                               lease_expires_at=now + CSVImport.LEASE, updated_at=now)
    _held(csv_import.pk, token).update(phase=Phase.DONE, state=State.IDLE, rows=[], lease_token="",
                                       lease_expires_at=None, finished_at=timezone.now(), updated_at=timezone.now())
    logger.info("csv import done", extra={"csv_import_id": csv_import.pk, "rows": len(rows)})
    return Phase.DONE


def recover_imports(now: datetime | None = None) -> int:
    """Hand imports whose worker died (lease ran out) or whose task was lost (queued too long) to a worker
    again; fail one whose workers died :data:`CSVImport.MAX_ATTEMPTS` times; delete old ones. How many
    were handed on."""
    now = now or timezone.now()
    CSVImport.objects.filter(state=State.RUNNING, lease_expires_at__lt=now,
                             attempts__gte=CSVImport.MAX_ATTEMPTS).update(
        phase=Phase.FAILED, state=State.IDLE, lease_token="", lease_expires_at=None, finished_at=now, updated_at=now,
        error=STOPPED)
    stale = (CSVImport.objects.filter(state=State.RUNNING, lease_expires_at__lt=now)
             | CSVImport.objects.filter(state=State.QUEUED, updated_at__lt=now - CSVImport.QUEUE_WAIT))
    handed = 0
    for pk in list(stale.values_list("pk", flat=True)):
        requeued = (CSVImport.objects.filter(pk=pk, state=State.RUNNING, lease_expires_at__lt=now)
                    | CSVImport.objects.filter(pk=pk, state=State.QUEUED)).update(
            state=State.QUEUED, lease_token="", lease_expires_at=None, updated_at=now)
        if requeued:
            _enqueue(pk)
            handed += 1
    CSVImport.objects.filter(created_at__lt=now - CSVImport.KEEP).delete()
    return handed
