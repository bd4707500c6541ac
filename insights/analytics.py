"""Numbers about the user's search, from applications and their timelines.

Data functions here are pure (rows in, small dataclasses out) so they are tested without a
database; :func:`analytics_for` runs the three queries and caches the result per user.

Definitions (the analytics page repeats them):

- **Stages ever reached** come from the timeline (every status an application was moved to)
  plus its current status. The stages are ordered tracked → applied → interview → offer →
  accepted; reaching one implies the earlier ones (an application moved straight to interview
  was applied). A rejected, declined or withdrawn application keeps the stages it reached: one
  rejected after an interview counts in the interview stage. Rejected and declined imply
  applied (the employer answered something).
- **Sent** applications reached ``applied`` (or a later stage).
- **Response rate** = applications that got an answer ÷ applications sent, where an answer is
  ever reaching interview, offer, rejected, accepted or declined (``RESPONDED_STATUSES``).
  Withdrawn without an answer is no response. None when nothing was sent.
- **Interviews** = applications now at ``interview``; **offers** = now at ``offer`` or
  ``accepted``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from applications.models import RESPONDED_STATUSES, Application, Status, TimelineEvent
from copilot.accounts.services import get_profile
from insights.cache import cached_for_user
from jobs.models import Job

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev dependency: only for the type checker

STATUS_LABELS = dict(Status.choices)
# Labels stay lazy here; the dataclasses below hold them as text in the language of the request (the
# cache keys carry the language).
STAGES: tuple[tuple[str, StrOrPromise], ...] = (
    # Translators: the first stage of the analytics funnel: every application, whatever its status.
    (Status.INTERESTED, gettext_lazy("Tracked")),
    (Status.APPLIED, Status.APPLIED.label),
    (Status.INTERVIEW, Status.INTERVIEW.label),
    (Status.OFFER, Status.OFFER.label),
    (Status.ACCEPTED, Status.ACCEPTED.label),
)
STAGE_RANK = {status: rank for rank, (status, _) in enumerate(STAGES)}
# Statuses outside the ladder and the stage they imply at least.
IMPLIED_RANK: dict[str, int] = {Status.REJECTED: 1, Status.DECLINED: 1, Status.WITHDRAWN: 0}
RESPONDED = frozenset(str(status) for status in RESPONDED_STATUSES)
SENT_RANK = STAGE_RANK[Status.APPLIED]
SENT_STATUSES = sorted(
    {status for status, rank in STAGE_RANK.items() if rank >= SENT_RANK} | {Status.REJECTED, Status.DECLINED}
)
MAX_WEEKS = 26
MIN_WEEKS = 8


@dataclass(frozen=True, slots=True)
class ApplicationFact:
    id: int
    status: str
    source: str
    reached: int  # highest stage rank ever reached (index into STAGES)
    responded: bool
    sent_on: date | None  # applied date, else the day it first reached applied or later

    @property
    def sent(self) -> bool:
        return self.reached >= SENT_RANK


@dataclass(frozen=True, slots=True)
class Summary:
    jobs: int
    applications: int  # every tracked application, any status
    sent: int
    responded: int
    interviews: int
    offers: int
    closed_jobs: int = 0  # of ``jobs``, postings that have closed (kept: they are part of the record)

    @property
    def response_rate(self) -> int | None:
        """Percent of sent applications that got an answer; None when nothing was sent."""
        return round(100 * self.responded / self.sent) if self.sent else None


@dataclass(frozen=True, slots=True)
class CountRow:
    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class FunnelStage:
    key: str
    label: str
    count: int
    percent: int  # of the first stage


@dataclass(frozen=True, slots=True)
class WeekCount:
    week: date  # Monday
    count: int


@dataclass(frozen=True, slots=True)
class SourceRate:
    source: str
    sent: int
    responded: int

    @property
    def rate(self) -> int:
        return round(100 * self.responded / self.sent) if self.sent else 0


def _rank(status: str) -> int:
    rank = STAGE_RANK.get(status)
    return rank if rank is not None else IMPLIED_RANK.get(status, 0)


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def application_facts(
    applications: Iterable[Mapping[str, Any]], events: Iterable[tuple[int, str]]
) -> list[ApplicationFact]:
    """One fact per application.

    ``applications`` are rows with ``id``, ``status``, ``applied_date``, ``job__source`` and
    optionally ``first_sent`` (when it first reached applied or later, from the timeline);
    ``events`` are ``(application_id, to_status)`` pairs of the timeline, in any order.
    """
    reached: dict[int, int] = {}
    responded: set[int] = set()
    for app_id, status in events:
        rank = _rank(status)
        if rank > reached.get(app_id, 0):
            reached[app_id] = rank
        if status in RESPONDED:
            responded.add(app_id)
    facts = []
    for row in applications:
        app_id, status = row["id"], row["status"]
        rank = _rank(status)
        rank = max(rank, reached.get(app_id, rank))
        sent_on = (_day(row.get("applied_date")) or _day(row.get("first_sent"))) if rank >= SENT_RANK else None
        facts.append(
            ApplicationFact(
                id=app_id,
                status=status,
                source=row.get("job__source") or "",
                reached=rank,
                responded=app_id in responded or status in RESPONDED,
                sent_on=sent_on,
            )
        )
    return facts


def summarize(facts: Iterable[ApplicationFact], jobs: int, closed_jobs: int = 0) -> Summary:
    facts = list(facts)
    return Summary(
        jobs=jobs,
        closed_jobs=closed_jobs,
        applications=len(facts),
        sent=sum(1 for f in facts if f.sent),
        responded=sum(1 for f in facts if f.sent and f.responded),
        interviews=sum(1 for f in facts if f.status == Status.INTERVIEW),
        offers=sum(1 for f in facts if f.status in (Status.OFFER, Status.ACCEPTED)),
    )


def status_breakdown(facts: Iterable[ApplicationFact]) -> list[CountRow]:
    """Applications per current status, in the board's order, zeros left out."""
    counts = Counter(f.status for f in facts)
    return [CountRow(value, str(label), counts[value]) for value, label in Status.choices if counts[value]]


def funnel(facts: Iterable[ApplicationFact]) -> list[FunnelStage]:
    """How many applications ever reached each stage (cumulative: reaching offer counts in applied)."""
    reached = Counter(f.reached for f in facts)
    stages = []
    at_least = 0
    counts = []
    for rank in range(len(STAGES) - 1, -1, -1):
        at_least += reached.get(rank, 0)
        counts.append(at_least)
    counts.reverse()
    first = counts[0] if counts else 0
    for (key, label), count in zip(STAGES, counts, strict=True):
        stages.append(FunnelStage(key, str(label), count, round(100 * count / first) if first else 0))
    return stages


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def applications_per_week(facts: Iterable[ApplicationFact], today: date) -> list[WeekCount]:
    """Applications sent per week (Mondays), from the first week with one (at most
    :data:`MAX_WEEKS` back, at least :data:`MIN_WEEKS` shown) to this week, zeros included."""
    counts = Counter(_monday(f.sent_on) for f in facts if f.sent_on is not None)
    this_week = _monday(today)
    earliest = min((week for week in counts if week <= this_week), default=this_week)
    start = max(earliest, this_week - timedelta(weeks=MAX_WEEKS - 1))
    start = min(start, this_week - timedelta(weeks=MIN_WEEKS - 1))
    weeks = []
    week = start
    while week <= this_week:
        weeks.append(WeekCount(week, counts.get(week, 0)))
        week += timedelta(weeks=1)
    return weeks


def response_by_source(facts: Iterable[ApplicationFact]) -> list[SourceRate]:
    """Response rate per job source over sent applications, most sent first."""
    sent: Counter[str] = Counter()
    responded: Counter[str] = Counter()
    for f in facts:
        if f.sent:
            sent[f.source] += 1
            if f.responded:
                responded[f.source] += 1
    return [
        SourceRate(source, count, responded[source])
        for source, count in sorted(sent.items(), key=lambda i: (-i[1], i[0]))
    ]


@dataclass(frozen=True, slots=True)
class Analytics:
    summary: Summary
    statuses: tuple[CountRow, ...]
    funnel: tuple[FunnelStage, ...]
    weeks: tuple[WeekCount, ...]
    sources: tuple[SourceRate, ...]


def compute_analytics(user, today: date) -> Analytics:
    """Three queries: the job count, the applications (with the first time each was sent) and the
    statuses of their timeline events."""
    applications = (
        Application.objects.for_user(user)
        .order_by()
        .values("id", "status", "applied_date", "job__source")
        .annotate(first_sent=Min("events__created_at", filter=Q(events__to_status__in=SENT_STATUSES)))
    )
    events = TimelineEvent.objects.filter(application__user=user).order_by().values_list("application_id", "to_status")
    facts = application_facts(applications, events)
    counts = Job.objects.for_user(user).aggregate(total=Count("id"),
                                                  closed=Count("id", filter=Q(closed_at__isnull=False)))
    return Analytics(
        summary=summarize(facts, counts["total"], counts["closed"]),
        statuses=tuple(status_breakdown(facts)),
        funnel=tuple(funnel(facts)),
        weeks=tuple(applications_per_week(facts, today)),
        sources=tuple(response_by_source(facts)),
    )


def analytics_for(user, today: date | None = None) -> Analytics:
    today = today or timezone.localdate()
    return cached_for_user(get_profile(user), f"analytics:{today.isoformat()}", lambda: compute_analytics(user, today))
