"""Postings that closed: a followed board stops listing a job, and the job is marked closed.

Rules:

* Only boards whose answer is the company's **whole list of open postings** can say a job closed
  (Greenhouse, Lever and Ashby boards: ``Source.complete_listing``). A search on an aggregator
  (Remotive, Adzuna...) returns a page of results, and a job dropping out of it says nothing.
* A job is closed when it is missing from **two successful runs in a row** of the subscription that
  listed it. One flaky or partial answer closes nothing; a failed run is not a run here at all
  (:func:`record_listing` is only called after a successful fetch).
* A job listed again is open again, if its board closed it. A job the user marked closed stays
  closed: they know something the board does not.
* Closed jobs are kept. A closed job nobody tracks (no application) is **archived** once the user's
  period (``Profile.archive_closed_after_days``) has passed since it closed: hidden from the lists,
  still findable with the "Archived" filter, reopened by hand or by its board listing it again. Jobs
  with an application are never archived. :func:`archive_closed_jobs` runs daily
  (``copilot.schedules``, task ``jobs.tasks.archive_closed_jobs``).

Each function takes ids and sets, touches a bounded number of rows per query, and returns counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from copilot.accounts.models import Profile
from copilot.accounts.services import bump_data_version
from jobs.models import ClosedBy, Job, SourceSubscription

#: Successful runs in a row a job must be missing from before it is closed.
MISSING_RUNS_TO_CLOSE = 2
_CHUNK = 500  # ids per UPDATE ... WHERE id IN (...): inside every database's parameter limit
DEFAULT_ARCHIVE_DAYS = Profile._meta.get_field("archive_closed_after_days").get_default()


@dataclass(frozen=True)
class ListingResult:
    linked: int = 0  # jobs now known to be listed by this subscription
    missing: int = 0  # listed before, not this time (not closed yet)
    closed: int = 0
    reopened: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.closed or self.reopened)


def _update(ids: Iterable[int], **values) -> int:
    ids = list(ids)
    return sum(Job.objects.filter(pk__in=ids[i:i + _CHUNK]).update(**values) for i in range(0, len(ids), _CHUNK))


@transaction.atomic
def record_listing(*, subscription: SourceSubscription, listed: Iterable[str], now: datetime,
                   complete: bool = True) -> ListingResult:
    """After a successful run: ``listed`` are the external ids the board listed (all of them, before the
    profile filter). Jobs of this board listed again are (re)opened; those missing are counted, and
    closed at their second successful run in a row without them. When the answer was not ``complete``
    (some items could not be read), nothing is counted as missing."""
    listed = {str(external_id) for external_id in listed if external_id}
    jobs = Job.objects.filter(user_id=subscription.user_id, source=subscription.kind).exclude(external_id="")
    # Jobs the board lists that no subscription claimed yet (stored before this existed, or first added by
    # another path) are this subscription's from now on; ids are unique per board kind.
    unclaimed = jobs.filter(subscription__isnull=True).values_list("id", "external_id")
    linked = _update((pk for pk, external_id in unclaimed if external_id in listed), subscription=subscription)
    present: list[int] = []
    to_reopen: list[int] = []
    missing: dict[int, list[int]] = {}  # new missing_runs -> job ids
    to_close: list[int] = []
    still_open = 0
    rows = jobs.filter(subscription=subscription).values_list("id", "external_id", "missing_runs", "closed_by")
    for pk, external_id, missing_runs, closed_by in rows:
        if external_id in listed:
            if closed_by == ClosedBy.BOARD:
                to_reopen.append(pk)
            elif missing_runs:
                present.append(pk)
            continue
        if not complete:
            continue
        runs = missing_runs + 1
        missing.setdefault(min(runs, MISSING_RUNS_TO_CLOSE), []).append(pk)
        if runs >= MISSING_RUNS_TO_CLOSE and not closed_by:
            to_close.append(pk)
        elif not closed_by:
            still_open += 1
    _update(present, missing_runs=0)
    reopened = _update(to_reopen, missing_runs=0, closed_at=None, closed_by="", archived_at=None)
    for runs, ids in missing.items():
        _update(ids, missing_runs=runs)
    closed = _update(to_close, closed_at=now, closed_by=ClosedBy.BOARD)
    result = ListingResult(linked=linked, missing=still_open, closed=closed, reopened=reopened)
    if result.changed:
        bump_data_version(subscription.user_id)
    return result


def forget_listing(*, subscription: SourceSubscription) -> int:
    """The subscription now follows another board: its jobs are no longer its, and nothing counts
    against them (they would all look missing from the new board)."""
    return Job.objects.filter(subscription=subscription).update(subscription=None, missing_runs=0)


def archive_closed_jobs(*, now: datetime) -> int:
    """Archive the closed, untracked jobs whose owner's period has passed; returns how many. Users are
    grouped by period, so this is two queries per distinct period, not per user."""
    candidates = Job.objects.filter(closed_at__isnull=False, archived_at__isnull=True, application__isnull=True)
    periods = set(Profile.objects.values_list("archive_closed_after_days", flat=True).distinct())
    archived = 0
    for days in periods | {DEFAULT_ARCHIVE_DAYS}:
        owners = Q(user__profile__archive_closed_after_days=days)
        if days == DEFAULT_ARCHIVE_DAYS:
            owners |= Q(user__profile__isnull=True)  # users made by createsuperuser have no profile yet
        due = candidates.filter(owners, closed_at__lte=now - timedelta(days=days))
        with transaction.atomic():
            rows = list(due.values_list("id", "user_id"))
            archived += _update((pk for pk, _ in rows), archived_at=now)
        for user_id in {user_id for _, user_id in rows}:
            bump_data_version(user_id)
    return archived
