"""Bring stored jobs up to date: run today's derived-field rules (:func:`jobs.services.reread_job`,
which calls :func:`jobs.services.fill_derived_fields`) on every job again, in batches.

* **Idempotent**: a job whose fields come out the same is not written; a second run changes nothing.
* **Safe to stop and re-run**: batches are walked by primary key and each is its own transaction, so
  an interrupted run leaves finished batches done; ``outdated_only`` picks up what is left.
* **The user's word is kept**: a stack the user gave (``Job.stack_edited``) is not extracted again,
  and a salary a board structured is not read again from prose (see ``reread_job``).
* **Caches**: each user whose jobs changed has their data version bumped **once**, at the end (or
  when the run stops), not per job. ``updated_at`` is left alone: re-reading is not an edit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from copilot.accounts.services import batched_bumps, bump_data_version
from jobs.models import Job
from jobs.scores import lock_profiles
from jobs.services import DERIVED_VERSION, reread_job

DEFAULT_BATCH = 500


@dataclass
class Progress:
    done: int = 0
    total: int = 0
    changed: int = 0  # jobs written
    users: int = 0  # users whose jobs changed
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


def jobs_to_reread(*, outdated_only: bool = False, user_id: int | None = None) -> QuerySet[Job]:
    jobs = Job.objects.all()
    if outdated_only:
        jobs = jobs.filter(derived_version__lt=DERIVED_VERSION)
    if user_id is not None:
        jobs = jobs.filter(user_id=user_id)
    return jobs


def reread_jobs(jobs: QuerySet[Job], *, batch_size: int = DEFAULT_BATCH, dry_run: bool = False,
                on_batch: Callable[[Progress], None] | None = None) -> Progress:
    """Re-read ``jobs``; ``on_batch`` is told the progress after each batch."""
    progress = Progress(total=jobs.count())
    started = time.monotonic()
    affected: set[int] = set()
    last_pk = 0
    with batched_bumps():
        while True:
            with transaction.atomic():
                # The batch's owners' profiles are locked first and the batch read again under the locks
                # (jobs.scores.lock_profiles): an edit or a profile change made meanwhile is either seen or
                # waits, so a re-read never writes fields or a score from what the user has since changed.
                found = list(jobs.filter(pk__gt=last_pk).order_by("pk").values_list("pk", "user_id")[:batch_size])
                if not found:
                    break
                profiles = lock_profiles(user_id for _, user_id in found)
                batch = list(Job.objects.filter(pk__in=[pk for pk, _ in found]).order_by("pk"))
                last_pk = found[-1][0]
                changed_jobs: list[Job] = []
                fields: set[str] = set()
                batch_users: set[int] = set()
                for job in batch:
                    changed = reread_job(job, profiles[job.user_id])
                    if changed:
                        changed_jobs.append(job)
                        fields.update(changed)
                        # What the user sees changed, not only the stamp (a new score alone is the rules' doing).
                        if set(changed) - {"derived_version", "match_score"}:
                            batch_users.add(job.user_id)
                if changed_jobs and not dry_run:
                    Job.objects.bulk_update(changed_jobs, sorted(fields), batch_size=batch_size)
            if changed_jobs and not dry_run:
                for user_id in batch_users - affected:
                    bump_data_version(user_id)  # batched_bumps: applied once per user when the run ends
            affected |= batch_users
            progress.done += len(batch)
            progress.changed += len(changed_jobs)
            progress.users = len(affected)
            progress.seconds = time.monotonic() - started
            if on_batch:
                on_batch(progress)
    return progress
