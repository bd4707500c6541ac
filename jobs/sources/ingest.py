"""Pulling jobs from the boards a user subscribed to: fetch → keep what fits the profile →
drop what the user already has → write the rest in one transaction.

Entry points:

* :func:`run_subscription` — one subscription, recorded as an :class:`~jobs.models.IngestionRun`;
* :func:`run_all` — every enabled subscription (one user's or everyone's), failures isolated;
* :func:`preview` — what a subscription would bring, nothing saved;
* :func:`store_postings` — the write path (dedup + bulk insert), fed by the above and the benchmark.

Rules worth knowing:

* **Board limits.** Each plugin declares ``min_interval``. A subscription asked again sooner is
  recorded as *skipped* with the reason. The user's “Refresh now” cannot bypass it (the
  limit is the board's, not ours); only an operator (admin action, ``ingest --force``) can.
  The check is a conditional UPDATE on ``last_run_at``, so two workers never poll the same
  subscription at once either.
* **All or nothing per board.** A timeout, an HTTP error, malformed JSON, an oversized body or a
  payload of the wrong shape fails the run: nothing is written for that board and the error is
  kept on the run and the subscription. Other boards carry on.
* **ENABLE_JOB_SCRAPING=False** means no board is asked for anything: runs are skipped, previews
  refused.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_q.tasks import async_task

from copilot.accounts.services import bump_data_version, get_profile, user_language
from copilot.http import FetchError
from jobs.alerts.services import record_run_alerts
from jobs.closing import forget_listing, record_listing
from jobs.dedup import Deduplicator, normalize_title
from jobs.locations import Location, location_match, parse_job_location, parse_preferences
from jobs.models import IngestionRun, Job, JobType, RemoteOption, SalaryPeriod, SourceSubscription
from jobs.scores import lock_profile
from jobs.services import fill_derived_fields
from jobs.sources import SOURCES, Posting, Source, SourceError, get_source

logger = logging.getLogger("copilot.ingest")

__all__ = [
    "EMPTY_PROFILE_CAP", "Preview", "ProfileFilter", "Selection", "StoreResult", "fetch_postings", "human_interval",
    "next_allowed_at", "preview", "run_all", "run_subscription", "select_postings", "store_postings",
    "subscription_params",
]

# With nothing in the profile to filter on, a board could flood the job list: cap new jobs per run.
EMPTY_PROFILE_CAP = 100
# One board's whole fetch (every page, retry and backoff) in a run: far inside the run's lease
# (IngestionRun.LEASE), so a run still running after its lease lost its worker.
BOARD_DEADLINE = 45.0
BULK_BATCH_SIZE = 500
_ERROR_MAX = 2000

Status = IngestionRun.Status
Trigger = IngestionRun.Trigger


# --------------------------------------------------------------------------- parameters


def subscription_params(kind: str, *, board: str = "", query: str = "", location: str = "") -> dict[str, str]:
    """The canonical ``params`` of a subscription: same meaning, same JSON (so the unique
    constraint on (user, kind, params) holds on every database)."""
    cls = SOURCES[kind]
    if cls.takes == "board":
        return {"board": board.strip().strip("/")}
    return {"query": " ".join(query.split()).lower(), "location": " ".join(location.split()).lower()}


def _hours_minutes(delta: timedelta) -> tuple[int, int]:
    """(hours, 0) for a whole number of hours, else (0, minutes)."""
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60 == 0 and minutes >= 60:
        return minutes // 60, 0
    return 0, minutes


def human_interval(delta: timedelta) -> str:
    """timedelta(minutes=30) -> "30 minutes"; timedelta(hours=6) -> "6 hours"."""
    hours, minutes = _hours_minutes(delta)
    if hours:
        # Translators: a duration; the singular ("hour") stands without its number.
        return ngettext("hour", "%(count)d hours", hours) % {"count": hours}
    # Translators: a duration; the singular ("minute") stands without its number.
    return ngettext("minute", "%(count)d minutes", minutes) % {"count": minutes}


def every(delta: timedelta) -> str:
    """timedelta(hours=6) -> "every 6 hours"; timedelta(hours=1) -> "every hour"."""
    hours, minutes = _hours_minutes(delta)
    if hours:
        return ngettext("every hour", "every %(count)d hours", hours) % {"count": hours}
    return ngettext("every minute", "every %(count)d minutes", minutes) % {"count": minutes}


def once_every(delta: timedelta) -> str:
    """timedelta(hours=6) -> "once every 6 hours"; timedelta(hours=1) -> "once every hour"."""
    hours, minutes = _hours_minutes(delta)
    if hours:
        return ngettext("once every hour", "once every %(count)d hours", hours) % {"count": hours}
    return ngettext("once every minute", "once every %(count)d minutes", minutes) % {"count": minutes}


def next_allowed_at(subscription: SourceSubscription):
    """When the board may be asked again for this subscription (None: now)."""
    cls = SOURCES.get(subscription.kind)
    if cls is None or subscription.last_run_at is None:
        return None
    moment = subscription.last_run_at + cls.min_interval
    return moment if moment > timezone.now() else None


# --------------------------------------------------------------------------- fetching


def _positive_setting(name: str, cast: type) -> Any:
    value = getattr(settings, name, None)
    if value in (None, ""):
        return None
    try:
        number = cast(value)
    except (TypeError, ValueError):
        number = 0
    if number <= 0:
        raise ImproperlyConfigured(f"{name} must be a positive number, not {value!r}")
    return number


def configured_source(kind: str) -> Source:
    """The plugin for ``kind`` with the optional ``JOB_SOURCE_TIMEOUT`` (seconds) and
    ``JOB_SOURCE_MAX_BYTES`` settings applied (tests make them small)."""
    source = get_source(kind)
    timeout = _positive_setting("JOB_SOURCE_TIMEOUT", float)
    if timeout:
        source.timeout = timeout
    max_bytes = _positive_setting("JOB_SOURCE_MAX_BYTES", int)
    if max_bytes:
        source.max_bytes = max_bytes
    return source


def fetch_postings(kind: str, params: Mapping[str, Any], *, deadline: float = BOARD_DEADLINE) -> list[Posting]:
    """All postings the board has for ``params`` (a :class:`~jobs.sources.base.Listing`, which says
    whether every item could be read), within ``deadline`` seconds. Raises FetchError / SourceError."""
    return configured_source(kind).fetch(params, deadline=deadline)


# --------------------------------------------------------------------------- the profile filter


@dataclass(frozen=True)
class ProfileFilter:
    """Which fetched postings are worth keeping for one user (see :meth:`keeps`)."""

    skills: tuple[str, ...] = ()  # as the user wrote them
    roles: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    remote_preference: str = "any"  # copilot.accounts.models.RemotePreference
    _skill_keys: frozenset[str] = field(default=frozenset(), repr=False)
    _role_words: tuple[frozenset[str], ...] = field(default=(), repr=False)
    _pref: Location = field(default=parse_preferences(()), repr=False)  # the locations as places

    @classmethod
    def from_profile(cls, profile: Any) -> ProfileFilter:
        return cls.build(
            skills=profile.skills or (), roles=profile.target_roles or (),
            locations=profile.preferred_locations or (), remote_preference=profile.remote_preference or "any",
        )

    @classmethod
    def build(cls, *, skills: Iterable[str] = (), roles: Iterable[str] = (), locations: Iterable[str] = (),
              remote_preference: str = "any") -> ProfileFilter:
        skills = tuple(s.strip() for s in skills if isinstance(s, str) and s.strip())
        roles = tuple(r.strip() for r in roles if isinstance(r, str) and r.strip())
        locations = tuple(loc.strip() for loc in locations if isinstance(loc, str) and loc.strip())
        role_words = tuple(frozenset(normalize_title(r).split()) for r in roles)
        return cls(
            skills=skills, roles=roles, locations=locations, remote_preference=remote_preference,
            _skill_keys=frozenset(s.casefold() for s in skills),
            _role_words=tuple(w for w in role_words if w),
            _pref=parse_preferences(locations),
        )

    @property
    def is_empty(self) -> bool:
        return (not (self._skill_keys or self._role_words or self._pref.places or self._pref.is_remote)
                and self.remote_preference == "any")

    @property
    def open_to_remote(self) -> bool:
        # As the match score: "Remote" typed among the locations says so too.
        return self.remote_preference != "onsite" or self._pref.is_remote

    def keeps(self, posting: Posting) -> bool:
        """Keep a posting when it is **relevant** and **in the right place**.

        Relevant: its title contains every word of one of the target roles ("Backend Engineer"
        matches "Senior Back-End Engineer"), or the tech skills it asks for, required or nice to
        have, share at least one with the profile (soft skills and languages do not count).
        With neither skills nor target roles in the profile, everything is relevant.

        In the right place, by the one model of places (``jobs.locations``, as the match score):

        * remote postings are kept when the user is open to remote and the posting's remote
          scope lets them apply ("Remote (US only)" is dropped for a user in Berlin, "Remote -
          EU" kept) — or, for an on-site user, when it also names one of their places;
        * "Remote only": nothing else is kept;
        * "Hybrid or remote" also drops on-site postings;
        * otherwise the posting's location must fit a preferred location (a city however it is
          spelt, "Warszawa" == "Warsaw"; a country holds its cities, "Germany" keeps "Berlin,
          DE"; Portland, OR is not Portland, ME); a posting that gives no place, or a profile
          with no places, keeps everything.
        """
        return self.is_relevant(posting) and self.is_in_place(posting)

    def is_relevant(self, posting: Posting) -> bool:
        if not (self._skill_keys or self._role_words):
            return True
        if self._skill_keys and any(
                s.casefold() in self._skill_keys for s in (*posting.tech_stack, *posting.preferred_stack)):
            return True
        if self._role_words:
            title_words = set(normalize_title(posting.title).split())
            return any(words <= title_words for words in self._role_words)
        return False

    def is_in_place(self, posting: Posting) -> bool:
        job = parse_job_location(posting.location or "", posting.remote_option or "")
        if job.is_remote:
            return location_match(self._pref, job, remote_ok=self.open_to_remote).score > 0
        preference = self.remote_preference
        if preference == "remote":
            return False
        if preference == "hybrid" and job.mode == RemoteOption.ONSITE:
            return False
        if not self._pref.places or not job.places:
            return True
        return location_match(self._pref, job, remote_ok=self.open_to_remote).score > 0

    def describe(self) -> list[str]:
        """The rule above for this profile, in plain words (shown on the subscriptions page)."""
        if self.is_empty:
            return [
                _("Your profile has no skills, target roles or locations yet, so every job is kept — "
                  "at most %(cap)s new jobs per source each time it is fetched.") % {"cap": EMPTY_PROFILE_CAP},
                _("Add them to your profile to keep only the jobs that fit you."),
            ]
        lines: list[str] = []
        roles = _quoted(self.roles) if self.roles else ""
        skills = _short_list(self.skills) if self.skills else ""
        if roles and skills:
            lines.append(_("A job is kept when its title contains one of your target roles (%(roles)s) or it asks "
                           "for at least one of your skills (%(skills)s).") % {"roles": roles, "skills": skills})
        elif roles:
            lines.append(_("A job is kept when its title contains one of your target roles (%(roles)s).")
                         % {"roles": roles})
        elif skills:
            lines.append(_("A job is kept when it asks for at least one of your skills (%(skills)s).")
                         % {"skills": skills})
        else:
            lines.append(_("Jobs of any role are kept (your profile has no skills or target roles)."))
        if self.remote_preference == "remote":
            lines.append(_("Only remote jobs are kept (you want remote work only)."))
        else:
            place = (_("It must be in one of your preferred locations (%(places)s)")
                     % {"places": _quoted(self.locations)} if self._pref.places else _("It can be anywhere"))
            if self.open_to_remote:
                place += _(", or remote where people in your places can apply")
            else:
                place += _("; remote jobs are left out (you prefer on-site work)")
            if self.remote_preference == "hybrid":
                place += _("; on-site-only jobs are left out")
            lines.append(place + _(". Jobs that give no location are kept."))
        lines.append(_("Jobs you already have — same link, or same company, title and place — are never added "
                       "twice."))
        return lines


def _quoted(items: Sequence[str]) -> str:
    """“Berlin, Germany” or “Remote - EU”: quoted, since the items themselves hold commas."""
    quoted = [_("“%(item)s”") % {"item": item} for item in items]
    if len(quoted) == 1:
        return quoted[0]
    # Translators: the last two of a list of alternatives: "“Berlin”, “Hamburg” or “Munich”".
    return _("%(items)s or %(last)s") % {"items": ", ".join(quoted[:-1]), "last": quoted[-1]}


def _short_list(items: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    if len(items) <= limit:
        return shown
    more = len(items) - limit
    return ngettext("%(items)s and %(count)d more", "%(items)s and %(count)d more", more) % {"items": shown,
                                                                                          "count": more}


@dataclass
class Selection:
    kept: list[Posting]
    filtered_out: int
    limit: int | None  # cap on new jobs (empty profile)


def select_postings(postings: Sequence[Posting], rule: ProfileFilter) -> Selection:
    kept = [p for p in postings if rule.keeps(p)]
    return Selection(kept=kept, filtered_out=len(postings) - len(kept),
                     limit=EMPTY_PROFILE_CAP if rule.is_empty else None)


# --------------------------------------------------------------------------- the write path


@dataclass
class StoreResult:
    new: list[Posting]  # the postings that were (or, dry run, would be) added
    duplicates: int
    over_limit: int

    @property
    def added(self) -> int:
        return len(self.new)


def _trim(value: str | None, length: int) -> str:
    return (value or "")[:length]


_PERIODS = set(SalaryPeriod.values)
_JOB_TYPES = set(JobType.values)
_REMOTE = set(RemoteOption.values)


def job_from_posting(posting: Posting, *, user_id: int, source: str, profile: Any = None) -> Job:
    """An unsaved Job from a normalised posting, built by the rules every job follows
    (:func:`jobs.services.fill_derived_fields`: sanitised HTML, canonical URL, salary, seniority).

    Strings are cut to their columns and values the columns do not know are dropped. The plugins
    already derived the description's text and the stack from the same HTML, so those are reused
    rather than computed again for every posting."""
    url = posting.url if len(posting.url) <= 2000 else ""
    company = posting.company or "(company not given)"
    job = Job(
        user_id=user_id,
        source=source,
        external_id=_trim(posting.external_id, 200),
        title=_trim(posting.title, 200),
        company=_trim(company, 200),
        location=_trim(posting.location, 200),
        description_html=posting.description_html,
        salary_text=_trim(posting.salary_text, 200),
        salary_min=posting.salary_min,
        salary_max=posting.salary_max,
        salary_currency=_trim(posting.salary_currency, 3),
        salary_period=posting.salary_period if posting.salary_period in _PERIODS else "",
        job_type=posting.job_type if posting.job_type in _JOB_TYPES else "",
        remote_option=posting.remote_option if posting.remote_option in _REMOTE else "",
        tech_stack=list(posting.tech_stack),
        preferred_stack=list(posting.preferred_stack),
        soft_skills=list(posting.soft_skills),
        url=url,
        attribution_url=posting.attribution_url if len(posting.attribution_url) <= 2000 else "",
        posted_date=posting.posted_at.date() if posting.posted_at else None,
    )
    return fill_derived_fields(job, stack_given=True, text=posting.description_text, profile=profile)


def store_postings(*, user_id: int, source: str, postings: Sequence[Posting], limit: int | None = None,
                   dry_run: bool = False, subscription_id: int | None = None) -> StoreResult:
    """Add the postings the user does not have yet; return what was added.

    A posting is a duplicate when the user already has a job with the same (source, external
    id), or :class:`jobs.dedup.Deduplicator` matches it (the same role at a compatible place,
    with the same canonical URL or the same company, aliases included) against their jobs or an
    earlier posting of this batch. New jobs remember ``subscription_id``, the followed board that
    listed them (:mod:`jobs.closing`). The user's jobs are read with ONE query; the new ones are written with
    ``bulk_create`` (the caller's transaction makes it all-or-nothing). ``ignore_conflicts``
    only guards the unique constraint against a concurrent run of another subscription
    writing the same board's job in between; everything is filtered before."""
    rows = Job.objects.filter(user_id=user_id).values_list(
        "id", "url", "company", "title", "location", "remote_option", "source", "external_id")
    known_ids: set[tuple[str, str]] = set()

    def existing() -> Iterable[tuple[Any, str, str, str, str, str]]:
        for job_id, url, company, title, location, remote, job_source, external_id in rows.iterator(chunk_size=2000):
            if external_id:
                known_ids.add((job_source, external_id))
            yield job_id, url, company, title, location, remote

    dedup = Deduplicator(existing())
    new: list[Posting] = []
    duplicates = over_limit = 0
    for posting in postings:
        key = (source, _trim(posting.external_id, 200))
        if (key[1] and key in known_ids) or dedup.seen(posting) is not None:
            duplicates += 1
            continue
        if limit is not None and len(new) >= limit:
            over_limit += 1
            continue
        dedup.add(posting)
        if key[1]:
            known_ids.add(key)
        new.append(posting)
    if new and not dry_run:
        with transaction.atomic(savepoint=False):
            profile = lock_profile(user_id)  # scores, read once (and no recomputation in between)
            jobs = [job_from_posting(p, user_id=user_id, source=source, profile=profile) for p in new]
            for job in jobs:
                job.subscription_id = subscription_id  # the followed board that listed it (jobs.closing)
            Job.objects.bulk_create(jobs, batch_size=BULK_BATCH_SIZE, ignore_conflicts=True)
    return StoreResult(new=new, duplicates=duplicates, over_limit=over_limit)


# --------------------------------------------------------------------------- one subscription


def _short_error(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:_ERROR_MAX]


def _log_extra(run: IngestionRun, **more: Any) -> dict[str, Any]:
    return {
        "run_id": run.pk, "subscription_id": run.subscription_id, "user_id": run.user_id, "source": run.source,
        "trigger": run.trigger, "status": run.status, "fetched": run.fetched, "added": run.added,
        "duplicates": run.duplicates, "filtered_out": run.filtered_out, **more,
    }


def _finish(run: IngestionRun, status: str, *, error: str = "", started: float | None = None) -> IngestionRun:
    run.status = status
    run.error = error[:_ERROR_MAX]
    run.finished_at = timezone.now()
    run.lease_expires_at = None
    run.save(update_fields=["status", "error", "finished_at", "fetched", "added", "duplicates", "filtered_out",
                            "lease_expires_at"])
    if status == Status.FAILED and run.subscription_id:
        SourceSubscription.objects.filter(pk=run.subscription_id).update(last_error=run.error)
    duration_ms = round((time.monotonic() - started) * 1000) if started else None
    level = logging.WARNING if status == Status.FAILED else logging.INFO
    logger.log(level, "ingestion run %s: %s %s", status, run.source, run.error or "",
               extra=_log_extra(run, error=run.error, duration_ms=duration_ms))
    return run


def _start(subscription: SourceSubscription, run: IngestionRun | None, trigger: str) -> IngestionRun:
    """The run this worker now holds (leased): a new one, or the queued one it was handed."""
    now = timezone.now()
    if run is None:
        return IngestionRun.objects.create(subscription=subscription, user_id=subscription.user_id,
                                           source=subscription.kind, trigger=trigger, status=Status.RUNNING,
                                           started_at=now, lease_expires_at=now + IngestionRun.LEASE)
    run.status, run.started_at, run.lease_expires_at = Status.RUNNING, now, now + IngestionRun.LEASE
    run.save(update_fields=["status", "started_at", "lease_expires_at"])
    return run


def _renew(run: IngestionRun) -> None:
    """Heartbeat between the fetch and the write: the lease counts from here again."""
    run.lease_expires_at = timezone.now() + IngestionRun.LEASE
    IngestionRun.objects.filter(pk=run.pk).update(lease_expires_at=run.lease_expires_at)


def take_queued_run(run_id: int) -> IngestionRun | None:
    """The queued run for this worker to start, or None when it is not queued any more: recovered
    as abandoned, or already taken (a broker hands a dead worker's task out again). One conditional
    UPDATE, so one worker only."""
    now = timezone.now()
    taken = IngestionRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, lease_expires_at=now + IngestionRun.LEASE)
    return IngestionRun.objects.filter(pk=run_id).first() if taken else None


def _claim(subscription: SourceSubscription, source_cls: type[Source], *, force: bool, now: datetime) -> bool:
    """Stamp ``last_run_at`` (with the run's start, so recovery can find this claim again) if the board
    may be asked now; False when it was asked too recently (or another worker just claimed it). One
    conditional UPDATE: safe with several workers."""
    rows = SourceSubscription.objects.filter(pk=subscription.pk)
    if not force:
        rows = rows.filter(Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - source_cls.min_interval))
    if rows.update(last_run_at=now):
        subscription.last_run_at = now
        return True
    return False


def _skip_reason(subscription: SourceSubscription, source_cls: type[Source]) -> str:
    subscription.refresh_from_db(fields=["last_run_at"])
    wait = ""
    if subscription.last_run_at:
        remaining = subscription.last_run_at + source_cls.min_interval - timezone.now()
        minutes = max(1, int(remaining.total_seconds() // 60) + 1)
        wait = ngettext("; next refresh allowed in %(count)d minute", "; next refresh allowed in %(count)d minutes",
                        minutes) % {"count": minutes}
    return _("Too soon: %(source)s may be asked at most %(once_every)s per subscription%(wait)s.") % {
        "source": source_cls.label, "once_every": once_every(source_cls.min_interval), "wait": wait}


def run_subscription(subscription: SourceSubscription, *, run: IngestionRun | None = None, force: bool = False,
                     trigger: str = Trigger.SCHEDULE) -> IngestionRun:
    """Fetch one subscription's board and add the new jobs that fit the user's profile.

    Always returns a finished :class:`IngestionRun` (succeeded, failed or skipped); never raises
    for a board's failure. ``run`` is a queued run created by the caller (“Refresh now”), or the one
    :func:`take_queued_run` handed this worker; ``force`` (operators only) ignores the board's
    ``min_interval``."""
    # The reasons kept on the run are read on the user's page: written in the user's language.
    with translation.override(user_language(subscription.user)):
        return _run_subscription(subscription, run=run, force=force, trigger=trigger)


def _run_subscription(subscription: SourceSubscription, *, run: IngestionRun | None, force: bool,
                      trigger: str) -> IngestionRun:
    started = time.monotonic()
    run = _start(subscription, run, trigger) if run is None or run.status != Status.RUNNING else run
    recover_runs(subscription=subscription, retry=False)  # this run is the retry
    source_cls = SOURCES.get(subscription.kind)
    if not settings.ENABLE_JOB_SCRAPING:
        return _finish(run, Status.SKIPPED, error=_("Job board fetching is switched off on this server "
                                                     "(ENABLE_JOB_SCRAPING)."))
    if not subscription.enabled:
        return _finish(run, Status.SKIPPED, error=_("This subscription is disabled."))
    if source_cls is None:
        return _finish(run, Status.FAILED, error=_("Unknown job source %(kind)s.") % {"kind": repr(subscription.kind)},
                       started=started)
    if not source_cls.is_enabled():
        return _finish(run, Status.SKIPPED, error=_("%(source)s is switched off on this server "
                                                     "(no API key configured).") % {"source": source_cls.label})
    if not _claim(subscription, source_cls, force=force, now=run.started_at or timezone.now()):
        return _finish(run, Status.SKIPPED, error=_skip_reason(subscription, source_cls))

    try:
        postings = fetch_postings(subscription.kind, subscription.params)
        _renew(run)
        run.fetched = len(postings)
        selection = select_postings(postings, ProfileFilter.from_profile(get_profile(subscription.user)))
        with transaction.atomic():
            result = store_postings(user_id=subscription.user_id, source=subscription.kind,
                                    postings=selection.kept, limit=selection.limit, subscription_id=subscription.pk)
            if source_cls.complete_listing:  # every posting fetched, kept or not, is still listed
                record_listing(subscription=subscription, listed=[p.external_id for p in postings],
                               now=timezone.now(), complete=getattr(postings, "complete", True))
            run.added, run.duplicates = result.added, result.duplicates
            run.filtered_out = selection.filtered_out + result.over_limit
            _finish(run, Status.SUCCEEDED, started=started)
            SourceSubscription.objects.filter(pk=subscription.pk).update(last_error="", last_added=result.added)
    except (FetchError, SourceError) as exc:
        run.added = run.duplicates = run.filtered_out = 0
        return _finish(run, Status.FAILED, error=_short_error(exc), started=started)
    except Exception as exc:  # a bug or a database error: still one board only
        logger.exception("ingestion run crashed: %s", subscription.kind, extra=_log_extra(run))
        run.added = run.duplicates = run.filtered_out = 0
        return _finish(run, Status.FAILED, error=_("Unexpected error: %(error)s") % {
                           "error": f"{type(exc).__name__}: {_short_error(exc)}"},
                       started=started)
    subscription.last_error, subscription.last_added = "", run.added
    if run.added:
        bump_data_version(subscription.user_id)
        try:  # an alert is a courtesy: the jobs are stored whatever happens here
            record_run_alerts(user=subscription.user, subscription_id=subscription.pk, since=run.started_at)
        except Exception:
            logger.exception("recording job alerts failed", extra=_log_extra(run))
    return run


# --------------------------------------------------------------------------- many subscriptions


def run_all(user: Any = None, *, force: bool = False, trigger: str = Trigger.SCHEDULE) -> list[IngestionRun]:
    """Run every enabled subscription (of ``user``, or of everyone). One board failing — or
    crashing — never stops the others."""
    subscriptions = SourceSubscription.objects.enabled().select_related("user", "user__profile").order_by("user_id",
                                                                                                             "id")
    if user is not None:
        subscriptions = subscriptions.filter(user=user)
    runs: list[IngestionRun] = []
    started = time.monotonic()
    for subscription in subscriptions:
        try:
            runs.append(run_subscription(subscription, force=force, trigger=trigger))
        except Exception:  # run_subscription records its own failures; this is the last line of defence
            logger.exception("ingestion of subscription %s crashed", subscription.pk,
                             extra={"subscription_id": subscription.pk, "user_id": subscription.user_id,
                                    "source": subscription.kind})
    logger.info(
        "ingestion finished: %d runs, %d jobs added", len(runs), sum(r.added for r in runs),
        extra={
            "runs": len(runs), "added": sum(r.added for r in runs),
            "failed": sum(r.status == Status.FAILED for r in runs),
            "skipped": sum(r.status == Status.SKIPPED for r in runs),
            "user_id": getattr(user, "pk", None), "duration_ms": round((time.monotonic() - started) * 1000),
        },
    )
    return runs


# --------------------------------------------------------------------------- preview


@dataclass
class Preview:
    fetched: int = 0
    kept: int = 0
    duplicates: int = 0
    new: int = 0
    over_limit: int = 0
    # the first postings that pass the profile filter, each with True when the user has it already
    sample: list[tuple[Posting, bool]] = field(default_factory=list)
    error: str = ""

    @property
    def filtered_out(self) -> int:
        return self.fetched - self.kept


PREVIEW_SIZE = 10


def preview(*, user: Any, kind: str, params: Mapping[str, Any], deadline: float = BOARD_DEADLINE) -> Preview:
    """Fetch now (within ``deadline`` seconds) and report what a subscription would add; nothing is written."""
    with translation.override(user_language(user)):  # a worker asks: its texts are for the user's page
        return _preview(user=user, kind=kind, params=params, deadline=deadline)


def _preview(*, user: Any, kind: str, params: Mapping[str, Any], deadline: float) -> Preview:
    if not settings.ENABLE_JOB_SCRAPING:
        return Preview(error=_("Job board fetching is switched off on this server."))
    try:
        postings = fetch_postings(kind, params, deadline=deadline)
    except (FetchError, SourceError) as exc:
        return Preview(error=_short_error(exc))
    selection = select_postings(postings, ProfileFilter.from_profile(get_profile(user)))
    result = store_postings(user_id=user.pk, source=kind, postings=selection.kept, limit=selection.limit,
                            dry_run=True)
    logger.info("ingestion preview: %s", kind, extra={"user_id": user.pk, "source": kind, "fetched": len(postings),
                                                      "added": result.added, "duplicates": result.duplicates})
    new_ids = {id(p) for p in result.new}
    return Preview(fetched=len(postings), kept=len(selection.kept), duplicates=result.duplicates, new=result.added,
                   over_limit=result.over_limit,
                   sample=[(p, id(p) not in new_ids) for p in selection.kept[:PREVIEW_SIZE]])


# --------------------------------------------------------------------------- subscription services


def create_subscription(*, user: Any, kind: str, params: dict[str, str], label: str = "") -> SourceSubscription:
    return SourceSubscription.objects.create(user=user, kind=kind, params=params, label=label)


def update_subscription(*, subscription: SourceSubscription, params: dict[str, str], label: str) -> None:
    """New board/search words start afresh: the last error and the refresh clock belong to the old ones."""
    changed = params != subscription.params
    subscription.params, subscription.label = params, label
    fields = ["params", "label"]
    if changed:
        subscription.last_error, subscription.last_run_at, subscription.last_added = "", None, 0
        fields += ["last_error", "last_run_at", "last_added"]
        forget_listing(subscription=subscription)  # the old board's jobs are not missing from the new one
    subscription.save(update_fields=fields)


def set_enabled(*, subscription: SourceSubscription, enabled: bool) -> None:
    subscription.enabled = enabled
    subscription.save(update_fields=["enabled"])


def delete_subscription(*, subscription: SourceSubscription) -> None:
    """The jobs it brought stay; its runs stay too (for the operators), detached."""
    subscription.delete()


@transaction.atomic
def queue_refresh(*, subscription: SourceSubscription, trigger: str = Trigger.USER) -> IngestionRun:
    """Create a queued run for the page to poll and enqueue the task once the row is committed.

    A run already queued or running for this subscription is returned instead of a second one; one
    whose worker died is ended first (see :func:`recover_runs`), so the user may refresh again."""
    recover_runs(subscription=subscription, retry=False)
    active = IngestionRun.objects.active().filter(subscription=subscription).first()
    if active is not None:
        return active
    return _queue(subscription, trigger=trigger)


def _queue(subscription: SourceSubscription, *, trigger: str, attempt: int = 1) -> IngestionRun:
    run = IngestionRun.objects.create(subscription=subscription, user_id=subscription.user_id,
                                      source=subscription.kind, trigger=trigger, status=Status.QUEUED,
                                      attempt=attempt)
    transaction.on_commit(lambda: async_task("jobs.sources.tasks.ingest_subscription", subscription.pk, run.pk,
                                             task_name=f"ingest-subscription-{subscription.pk}-run-{run.pk}"))
    logger.info("ingestion queued: %s", subscription.kind, extra=_log_extra(run))
    return run


def can_refresh_now(subscription: SourceSubscription, latest_run: IngestionRun | None = None) -> bool:
    """May the user press “Refresh now”: fetching on, source available, and the board's interval
    passed, or held only by ``latest_run`` whose worker died (refreshing ends that run first)."""
    cls = SOURCES.get(subscription.kind)
    usable = bool(settings.ENABLE_JOB_SCRAPING and subscription.enabled and cls and cls.is_enabled())
    abandoned = latest_run is not None and latest_run.is_abandoned(timezone.now())
    return usable and (next_allowed_at(subscription) is None or abandoned)


# --------------------------------------------------------------------------- crashed workers


def _abandoned_reason(run: IngestionRun, *, retrying: bool) -> str:
    if run.status == Status.RUNNING:
        # The lease was last taken (at the start, or renewed after the fetch) one LEASE before it ran out.
        seen = run.lease_expires_at - IngestionRun.LEASE if run.lease_expires_at else run.started_at or run.created_at
        reason = _("The worker running this stopped before it finished (no sign of it since %(time)s UTC); "
                   "nothing was saved.") % {"time": f"{seen:%H:%M}"}
    else:
        reason = _("No worker picked this up within %(interval)s (is the background worker running?).") % {
            "interval": human_interval(IngestionRun.QUEUE_WAIT)}
    return reason + (_(" It is being tried again.") if retrying else _(" Press “Refresh now” to try again."))


def recover_runs(*, subscription: SourceSubscription | None = None, now: datetime | None = None,
                 retry: bool = True) -> list[IngestionRun]:
    """End the runs no worker will finish (``IngestionRun.objects.abandoned``: the lease ran out,
    or queued and never picked up) and return them.

    Each is marked failed with the reason, and the board's clock it held is released, so the
    subscription can be fetched again at once. With ``retry``, the first attempt of a scheduled run
    is queued once more (attempt 2; nobody is watching to press “Refresh now”); a user's run is left
    to the user. Several processes may recover at once: a conditional UPDATE ends each run once."""
    now = now or timezone.now()
    runs = IngestionRun.objects.abandoned(now).select_related("subscription", "user__profile")
    if subscription is not None:
        runs = runs.filter(subscription=subscription)
    recovered = []
    for run in runs.order_by("id"):
        retrying = retry and run.trigger == Trigger.SCHEDULE and run.attempt == 1 and run.subscription is not None
        with translation.override(user_language(run.user)):  # shown on the user's page
            reason = _abandoned_reason(run, retrying=retrying)
        ended = IngestionRun.objects.filter(pk=run.pk, status=run.status, lease_expires_at=run.lease_expires_at).update(
            status=Status.FAILED, error=reason, finished_at=now, lease_expires_at=None)
        if not ended:  # finished, or recovered by another process, in between
            continue
        if run.subscription_id and run.started_at:
            SourceSubscription.objects.filter(pk=run.subscription_id, last_run_at=run.started_at).update(
                last_run_at=None, last_error=reason)
        run.status, run.error = Status.FAILED, reason
        logger.warning("ingestion run abandoned by its worker: %s", run.source, extra=_log_extra(run, error=reason))
        if retrying:
            assert run.subscription is not None
            _queue(run.subscription, trigger=Trigger.SCHEDULE, attempt=2)
        recovered.append(run)
    return recovered


def queue_refresh_all(*, user: Any) -> list[IngestionRun]:
    """Queue every enabled subscription whose board may be asked now; the others are left alone
    (a skipped run would only hide their last result)."""
    return [queue_refresh(subscription=s) for s in SourceSubscription.objects.for_user(user).enabled()
            if can_refresh_now(s)]
