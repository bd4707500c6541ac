"""Stored match scores: ``Job.match_score`` holds :func:`jobs.matching.match_job`'s total for the job's
owner, so the jobs list sorts by best match with an index instead of scoring every job per request.

A score reads three things, and each change is followed here:

* **The job**: every write goes through :func:`jobs.services.fill_derived_fields`, which stores the
  score with the derived fields (:func:`score_job`).
* **The profile** (skills, places, level, work mode): saving it through :func:`save_profile` bumps
  ``Profile.match_version`` when what the score reads changed, and :func:`refresh_scores` recomputes
  every job of the user: at once for a few jobs, else as a django-q2 task (:func:`jobs.tasks.rescore_user`)
  while the jobs page says the order is being refreshed (:func:`scores_pending`).
* **The rules** (the skills taxonomy file and the scoring code, :data:`RULES`): a deploy that changes
  either no longer matches the row of :class:`jobs.models.ScoringRules`; ``manage.py reread_jobs``
  (run by ``bin/run`` and on every deploy, before the web server starts) then recomputes every score.

The minute sweep (:func:`requeue_stale`) queues again a recomputation whose worker died.

A recomputation marks the profile done with a conditional UPDATE on the ``match_version`` it read, so
a profile changed meanwhile stays pending until the recomputation queued by that change finishes.

Every writer of stored scores first locks the owner's profile row (:func:`lock_profile`): a job edited,
a board's new jobs and a recomputation follow one another, so a recomputation never writes a score from
fields an edit changed after it read them, and new jobs never keep a score from a profile a change
replaced before they were stored (its recomputation reads them).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_q.tasks import async_task

from copilot.accounts.models import Profile
from copilot.accounts.services import bump_data_version
from jobs.matching import job_total, profile_key, queryset_totals
from jobs.models import Job, ScoringRules
from jobs.skills import DATA_FILE

logger = logging.getLogger("copilot.jobs")

#: Raise with any change to jobs.matching that changes a total: stored scores are then recomputed.
SCORING_VERSION = 1
#: The rules a stored score was computed by: the scoring code's version and the taxonomy file.
RULES = f"{SCORING_VERSION}-{hashlib.sha256(DATA_FILE.read_bytes()).hexdigest()[:16]}"
#: Up to this many jobs a profile change rescores within the request (a few milliseconds); more go to a worker.
INLINE_LIMIT = 500
#: A recomputation still pending this long after the profile changed is queued again (its worker died).
STALE_AFTER = timedelta(minutes=10)


def profile_for(job: Job) -> Any:
    """The owner's profile: the one cached on ``job.user`` when loaded, else one query (none for a job
    without an owner yet, scored for an empty profile)."""
    if job.user_id is None:
        return Profile()
    if Job.user.is_cached(job):
        try:
            return job.user.profile
        except Profile.DoesNotExist:
            return Profile(user_id=job.user_id)
    return Profile.objects.filter(user_id=job.user_id).first() or Profile(user_id=job.user_id)


def lock_profiles(user_ids: Iterable[int]) -> dict[int, Profile]:
    """The users' profiles by user id, their rows locked until the caller's transaction ends (``SELECT … FOR
    UPDATE`` on PostgreSQL, in user order so two lockers never wait on each other; SQLite's transactions
    already take the write lock when they begin). A user without a profile gets an unsaved, empty one."""
    ids = sorted(set(user_ids))
    locked = {p.user_id: p for p in Profile.objects.select_for_update().filter(user_id__in=ids).order_by("user_id")}
    return {user_id: locked.get(user_id) or Profile(user_id=user_id) for user_id in ids}


def lock_profile(user_id: int) -> Profile:
    """:func:`lock_profiles` for one user."""
    return lock_profiles([user_id])[user_id]


def score_job(job: Job, profile: Any = None) -> int:
    """Store the job's score for its owner (``profile`` if the caller has it) on the unsaved job."""
    job.match_score = job_total(job, profile if profile is not None else profile_for(job))
    return job.match_score


def scores_pending(profile: Profile) -> bool:
    """Whether the stored scores lag behind the profile (a recomputation is queued or running)."""
    return profile.scored_version != profile.match_version


def rescore_user(user_id: int) -> int:
    """Recompute every stored score of the user with their current profile; the number of jobs changed.

    Runs off the request for many jobs (:func:`jobs.tasks.rescore_user`). One read of the scored
    columns, then one UPDATE per score value that changed (at most 101), then the profile is marked
    done if it did not change meanwhile. ``updated_at`` is left alone: a new score is not an edit.
    """
    with transaction.atomic():
        profile = lock_profile(user_id)
        if profile.pk is None:
            return 0
        version = profile.match_version
        jobs = Job.objects.filter(user_id=user_id)
        totals = queryset_totals(jobs, profile)
        stored = dict(jobs.order_by().values_list("id", "match_score"))
        groups: dict[int, list[int]] = {}
        for job_id, total in totals.items():
            if stored.get(job_id) != total:
                groups.setdefault(total, []).append(job_id)
        for total, ids in groups.items():
            for start in range(0, len(ids), 5000):
                Job.objects.filter(pk__in=ids[start:start + 5000]).update(match_score=total)
        Profile.objects.filter(pk=profile.pk, match_version=version).update(scored_version=version)
        if groups:
            bump_data_version(user_id)  # cached rankings read the stored scores
    changed = sum(len(ids) for ids in groups.values())
    logger.info("rescored %d jobs", changed, extra={"task": "rescore_user", "user_id": user_id, "changed": changed})
    return changed


def refresh_scores(profile: Profile) -> bool:
    """Bring the user's stored scores up to date: now when they have few jobs (:data:`INLINE_LIMIT`),
    else queued for a worker after the caller's transaction commits. True when it was done now."""
    if Job.objects.filter(user_id=profile.user_id).count() <= INLINE_LIMIT:
        rescore_user(profile.user_id)
        profile.refresh_from_db(fields=["scored_version", "data_version"])
        return True
    user_id = profile.user_id
    transaction.on_commit(lambda: async_task("jobs.tasks.rescore_user", user_id, task_name=f"rescore-{user_id}"))
    return False


@transaction.atomic
def save_profile(profile: Profile) -> bool:
    """Save a profile edited by a form; when what the score reads changed, refresh the stored scores.
    True when scores are being refreshed by a worker (the page says so)."""
    before = Profile.objects.filter(pk=profile.pk).first() if profile.pk else None
    changed = before is None or profile_key(before) != profile_key(profile)
    profile.data_version += 1  # cached insights depend on the profile
    if changed:
        profile.match_version += 1
    profile.save()
    if changed or scores_pending(profile):
        return not refresh_scores(profile)
    return False


def stale_profiles():
    """Profiles whose stored scores lag behind their profile."""
    return Profile.objects.exclude(scored_version=F("match_version"))


def rules_changed() -> bool:
    """Whether the stored scores were computed by other rules (taxonomy, scoring code) than today's.

    No row yet means a database whose scores all came from today's code: a new one, or one that
    just gained the column, whose migration marked every profile stale instead."""
    stored = ScoringRules.objects.filter(pk=1).values_list("rules", flat=True).first()
    return stored is not None and stored != RULES


def rescore_stale() -> int:
    """Recompute now every score the rules or a profile made stale: ``manage.py reread_jobs``, at start-up
    and on every deploy. The number of users rescored."""
    if rules_changed():
        users = list(Profile.objects.values_list("user_id", flat=True))
    else:
        users = list(stale_profiles().values_list("user_id", flat=True))
    for user_id in users:
        rescore_user(user_id)
    ScoringRules.objects.update_or_create(pk=1, defaults={"rules": RULES})
    return len(users)


def requeue_stale() -> int:
    """The minute sweep: queue again the recomputations still pending long after their profile changed
    (a worker died with the task, or the broker lost it)."""
    queued = 0
    late = stale_profiles().filter(updated_at__lt=timezone.now() - STALE_AFTER).order_by("updated_at")
    for user_id in late.values_list("user_id", flat=True)[:100]:  # a bounded step per sweep
        async_task("jobs.tasks.rescore_user", user_id, task_name=f"rescore-{user_id}")
        queued += 1
    return queued
