"""What a digest says, as plain dataclasses: built from one user's data in a constant number of queries.

Both builders take the user (with ``user.profile`` preferably already loaded) and the moment
``now``; "today" is the user's local day in their profile's time zone. They return ``None`` when
there is nothing worth a mail, so the sender can skip it.

- Morning brief: the best new matches (jobs added since the last brief that was sent, or the
  last 24 hours before the first one, at most :data:`MAX_LOOKBACK` back; not tracked or only
  ``interested``), follow-ups due today or overdue, interviews today. 4 queries.
- Evening summary: applications sent today (moves to ``applied`` on the timeline), other status
  changes today, jobs saved today, and the active applications as context. 3 queries.
  "Active" means sent and still open (applied, interview, offer); an ``interested`` job is only
  saved. Active applications alone are no reason to mail: the summary is skipped when nothing
  happened today.
"""

from __future__ import annotations

import heapq
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import cast

from django.conf import settings
from django.db.models import Count, Window
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from applications.models import Application, Interview, InterviewKind, Status, TimelineEvent
from applications.queries import follow_ups
from copilot.accounts.services import get_profile
from insights.lists import count_not_shown
from insights.models import DigestLog
from insights.recommendations import RECOMMENDABLE
from jobs.matching import match_rows, prepare_profile, score_rows, score_totals
from jobs.models import Job, RemoteOption
from jobs.skills import stack_skills

TOP_MATCHES = 5
#: "New since the last brief" never reaches further back than this (e.g. after months switched off).
MAX_LOOKBACK = timedelta(days=7)
FIRST_LOOKBACK = timedelta(hours=24)
LIST_LIMIT = 8  # rows shown per section; the rest is "and N more"
ACTIVE_LIMIT = 5
IN_PROGRESS = (Status.APPLIED, Status.INTERVIEW, Status.OFFER)

_STATUS_LABELS = dict(Status.choices)
_KIND_LABELS = dict(InterviewKind.choices)
_REMOTE_LABELS = dict(RemoteOption.choices)

#: Each digest's name inside a sentence ("Unsubscribe from the morning brief"): lower case in English, where
#: the label (``DigestKind``) is capitalised.
KIND_NAMES: dict[str, Promise] = {
    DigestLog.Kind.MORNING: pgettext_lazy("digest name inside a sentence", "morning brief"),
    DigestLog.Kind.EVENING: pgettext_lazy("digest name inside a sentence", "evening summary"),
}


# ----------------------------------------------------------------------------------------------- helpers


def absolute_url(path: str) -> str:
    """``SITE_URL`` + path: mail has no request to build absolute links from."""
    return settings.SITE_URL.rstrip("/") + path


def user_timezone(user) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(get_profile(user).timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_day(now: datetime, tz: tzinfo) -> tuple[date, datetime, datetime]:
    """(local date, start, end) of the day ``now`` falls in, in ``tz``; start/end are aware."""
    today = now.astimezone(tz).date()
    start = datetime.combine(today, time.min, tzinfo=tz)
    end = datetime.combine(today + timedelta(days=1), time.min, tzinfo=tz)
    return today, start, end


def _display_name(user) -> str:
    return user.first_name or user.username


def _sentence(parts: list[str]) -> str:
    """["a", "b", "c"] → "a, b and c" (in the active language)."""
    # Translators: the last joint of a list, "a, b and c".
    return str(get_text_list(parts, _("and")))


# ----------------------------------------------------------------------------------------------- morning


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    matched: bool  # the user has it


@dataclass(frozen=True, slots=True)
class NewMatch:
    job_id: int
    title: str
    company: str
    location: str
    remote_label: str
    skills: tuple[Skill, ...]
    score: int
    reasons: tuple[str, ...]  # the score's breakdown: stack, place, level (jobs.matching)
    url: str

    @property
    def band(self) -> str:
        return "high" if self.score >= 70 else "medium" if self.score >= 40 else "low"

    @property
    def where(self) -> str:
        """"Berlin, Germany · Hybrid"; "Remote - EU", not "Remote - EU · Remote"."""
        label = self.remote_label if self.remote_label.casefold() not in self.location.casefold() else ""
        return " · ".join(part for part in (self.location, label) if part)

    @property
    def stack(self) -> str:
        return ", ".join(skill.name for skill in self.skills)


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    title: str
    company: str
    status_label: str
    due: date
    days_overdue: int  # 0 when due today
    url: str


@dataclass(frozen=True, slots=True)
class InterviewItem:
    title: str
    company: str
    starts_at: datetime  # in the user's time zone
    kind_label: str
    location: str
    url: str


@dataclass(frozen=True, slots=True)
class MorningBrief:
    name: str
    local_date: date
    timezone: str
    since: datetime
    matches: tuple[NewMatch, ...]  # best first, at most TOP_MATCHES
    new_jobs: int  # candidate jobs added in the window (matches shows the best of them)
    follow_ups: tuple[FollowUpItem, ...]  # overdue first, then due today; at most LIST_LIMIT
    follow_ups_count: int
    interviews: tuple[InterviewItem, ...]

    kind = DigestLog.Kind.MORNING

    more_matches = count_not_shown("new_jobs", "matches")
    more_follow_ups = count_not_shown("follow_ups_count", "follow_ups")

    @property
    def summary(self) -> str:
        """"1 interview today, 4 new matches and 2 follow-ups due": only what is there."""
        parts = []
        if self.interviews:
            count = len(self.interviews)
            parts.append(ngettext("%(count)d interview today", "%(count)d interviews today", count) % {"count": count})
        if self.new_jobs:
            parts.append(ngettext("%(count)d new match", "%(count)d new matches", self.new_jobs)
                         % {"count": self.new_jobs})
        if self.follow_ups_count:
            parts.append(ngettext("%(count)d follow-up due", "%(count)d follow-ups due", self.follow_ups_count)
                         % {"count": self.follow_ups_count})
        return _sentence(parts)


def build_morning_brief(user, *, now: datetime) -> MorningBrief | None:
    """The morning brief for ``user`` at ``now``, or ``None`` when there is nothing to say."""
    profile = get_profile(user)
    tz = user_timezone(user)
    today, start, end = local_day(now, tz)

    last_sent = (
        DigestLog.objects.filter(user=user, kind=DigestLog.Kind.MORNING, status=DigestLog.Status.SENT,
                                 sent_at__lte=now)
        .order_by("-sent_at").values_list("sent_at", flat=True).first()
    )
    since = max(last_sent or now - FIRST_LOOKBACK, now - MAX_LOOKBACK)
    rows = list(
        match_rows(
            Job.objects.for_user(user).filter(RECOMMENDABLE, created_at__gt=since, created_at__lte=now),
            "company", "created_at",
        )
    )
    mp = prepare_profile(profile)
    totals = score_totals(rows, mp)
    best = heapq.nlargest(TOP_MATCHES, rows, key=lambda row: (totals[row["id"]], row["created_at"], row["id"]))
    matches = tuple(
        NewMatch(
            job_id=row["id"],
            title=row["title"],
            company=row["company"],
            location=row["location"],
            remote_label=str(_REMOTE_LABELS.get(row["remote_option"], "")),
            skills=tuple(Skill(name, key in mp.skill_keys) for key, name in stack_skills(row["tech_stack"]).items()),
            score=result.total,
            reasons=result.reasons,
            url=absolute_url(reverse("jobs:detail", args=[row["id"]])),
        )
        for row, result in score_rows(best, mp)  # breakdowns for the few shown only
    )

    due = follow_ups(user, today=today)
    follow_up_items = tuple(
        FollowUpItem(
            title=application.job.title,
            company=application.job.company,
            status_label=str(_STATUS_LABELS.get(application.status, application.status)),
            due=cast(date, application.follow_up_date),  # follow_ups() only returns dated ones
            days_overdue=(today - cast(date, application.follow_up_date)).days,
            url=absolute_url(reverse("applications:detail", args=[application.pk])),
        )
        for application in [*due.overdue, *due.due_today]
    )

    interviews = tuple(
        InterviewItem(
            title=row["application__job__title"],
            company=row["application__job__company"],
            starts_at=row["starts_at"].astimezone(tz),
            kind_label=str(_KIND_LABELS.get(row["kind"], row["kind"])),
            location=row["location"],
            url=absolute_url(reverse("applications:detail", args=[row["application_id"]])),
        )
        for row in Interview.objects.filter(application__user=user, starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "id")
        .values("starts_at", "kind", "location", "application_id", "application__job__title",
                "application__job__company")
    )

    if not (matches or follow_up_items or interviews):
        return None
    return MorningBrief(
        name=_display_name(user),
        local_date=today,
        timezone=str(tz),
        since=since.astimezone(tz),
        matches=matches,
        new_jobs=len(rows),
        follow_ups=follow_up_items[:LIST_LIMIT],
        follow_ups_count=len(follow_up_items),
        interviews=interviews,
    )


# ----------------------------------------------------------------------------------------------- evening


@dataclass(frozen=True, slots=True)
class StatusChange:
    title: str
    company: str
    from_label: str
    to_label: str
    at: datetime  # in the user's time zone
    url: str


@dataclass(frozen=True, slots=True)
class ActiveApplication:
    title: str
    company: str
    status_label: str
    url: str


@dataclass(frozen=True, slots=True)
class SavedJob:
    title: str
    company: str
    location: str
    url: str


@dataclass(frozen=True, slots=True)
class EveningSummary:
    name: str
    local_date: date
    timezone: str
    applied: tuple[StatusChange, ...]  # moves to "applied" today, one per application; at most LIST_LIMIT
    applied_count: int
    changes: tuple[StatusChange, ...]  # every other move today; at most LIST_LIMIT
    changes_count: int
    active: tuple[ActiveApplication, ...]  # most recently moved first, at most ACTIVE_LIMIT
    active_count: int
    saved: tuple[SavedJob, ...]  # newest first, at most LIST_LIMIT
    saved_count: int

    kind = DigestLog.Kind.EVENING

    more_applied = count_not_shown("applied_count", "applied")
    more_changes = count_not_shown("changes_count", "changes")
    more_active = count_not_shown("active_count", "active")
    more_saved = count_not_shown("saved_count", "saved")

    @property
    def summary(self) -> str:
        """"2 applications sent, 1 status change and 3 jobs saved": only what happened."""
        parts = []
        if self.applied_count:
            parts.append(ngettext("%(count)d application sent", "%(count)d applications sent", self.applied_count)
                         % {"count": self.applied_count})
        if self.changes_count:
            parts.append(ngettext("%(count)d status change", "%(count)d status changes", self.changes_count)
                         % {"count": self.changes_count})
        if self.saved_count:
            parts.append(ngettext("%(count)d job saved", "%(count)d jobs saved", self.saved_count)
                         % {"count": self.saved_count})
        return _sentence(parts)


def build_evening_summary(user, *, now: datetime) -> EveningSummary | None:
    """The evening summary for ``user`` at ``now``, or ``None`` when nothing happened today."""
    tz = user_timezone(user)
    today, start, end = local_day(now, tz)

    applied: dict[int, StatusChange] = {}
    changes: list[StatusChange] = []
    events = (
        TimelineEvent.objects.filter(application__user=user, created_at__gte=start, created_at__lt=min(end, now))
        .exclude(from_status="")  # the "interested" event written when a job is first tracked
        .order_by("created_at", "id")
        .values("application_id", "from_status", "to_status", "created_at", "application__job__title",
                "application__job__company")
    )
    for row in events:
        change = StatusChange(
            title=row["application__job__title"],
            company=row["application__job__company"],
            from_label=str(_STATUS_LABELS.get(row["from_status"], row["from_status"])),
            to_label=str(_STATUS_LABELS.get(row["to_status"], row["to_status"])),
            at=row["created_at"].astimezone(tz),
            url=absolute_url(reverse("applications:detail", args=[row["application_id"]])),
        )
        if row["to_status"] == Status.APPLIED:
            applied.setdefault(row["application_id"], change)
        else:
            changes.append(change)

    active_rows = list(
        Application.objects.for_user(user).filter(status__in=IN_PROGRESS)
        .annotate(total=Window(Count("id")))
        .order_by("-status_changed_at", "-id")
        .values("id", "status", "total", "job__title", "job__company")[:ACTIVE_LIMIT]
    )
    saved_rows = list(
        Job.objects.for_user(user).filter(created_at__gte=start, created_at__lt=min(end, now))
        .annotate(total=Window(Count("id")))
        .order_by("-created_at", "-id")
        .values("id", "title", "company", "location", "total")[:LIST_LIMIT]
    )

    if not (applied or changes or saved_rows):
        return None
    return EveningSummary(
        name=_display_name(user),
        local_date=today,
        timezone=str(tz),
        applied=tuple(applied.values())[:LIST_LIMIT],
        applied_count=len(applied),
        changes=tuple(changes[:LIST_LIMIT]),
        changes_count=len(changes),
        active=tuple(
            ActiveApplication(
                title=row["job__title"],
                company=row["job__company"],
                status_label=_STATUS_LABELS.get(row["status"], row["status"]),
                url=absolute_url(reverse("applications:detail", args=[row["id"]])),
            )
            for row in active_rows
        ),
        active_count=active_rows[0]["total"] if active_rows else 0,
        saved=tuple(
            SavedJob(title=row["title"], company=row["company"], location=row["location"],
                     url=absolute_url(reverse("jobs:detail", args=[row["id"]])))
            for row in saved_rows
        ),
        saved_count=saved_rows[0]["total"] if saved_rows else 0,
    )


BUILDERS: dict[str, Callable[..., MorningBrief | EveningSummary | None]] = {
    DigestLog.Kind.MORNING: build_morning_brief,
    DigestLog.Kind.EVENING: build_evening_summary,
}


def build_digest(user, kind: str, *, now: datetime) -> MorningBrief | EveningSummary | None:
    return BUILDERS[kind](user, now=now)
