"""Reading applications for the board, table and dashboard — always scoped to one user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from applications.models import CLOSED_STATUSES, Application, Interview, Status
from copilot.dates import localtime_or_utc


@dataclass
class Column:
    status: str
    label: str
    cards: list[Application] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.cards)


@dataclass(frozen=True)
class FollowUps:
    overdue: list[Application]
    due_today: list[Application]

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_today)


def board_queryset(user, *, now: datetime | None = None) -> QuerySet[Application]:
    """Applications with their job and upcoming interviews: three queries however many cards."""
    now = now or timezone.now()
    upcoming = Interview.objects.filter(starts_at__gte=now).order_by("starts_at")
    return (
        Application.objects.for_user(user)
        .select_related("job")
        .only("id", "status", "status_changed_at", "applied_date", "follow_up_date", "updated_at", "user_id",
              "job__id", "job__title", "job__company", "job__location", "job__user_id", "job__closed_at",
              "job__closed_by", "job__archived_at")
        .prefetch_related(Prefetch("interviews", queryset=upcoming, to_attr="upcoming_interviews"))
        .order_by("-status_changed_at", "-id")
    )


def annotate_card(application: Application, today: date) -> Application:
    """Derived fields a card shows: days in the current stage and the next date that needs attention."""
    application.days_in_stage = max(0, (today - timezone.localtime(application.status_changed_at).date()).days)
    candidates = []
    if application.follow_up_date and application.status not in CLOSED_STATUSES:
        candidates.append((application.follow_up_date, "Follow up"))
    upcoming = getattr(application, "upcoming_interviews", [])
    if upcoming:
        candidates.append((localtime_or_utc(upcoming[0].starts_at).date(), "Interview"))
    application.next_due = min(candidates) if candidates else None
    application.is_overdue = bool(application.next_due and application.next_due[0] < today)
    return application


def board_columns(user, *, today: date | None = None) -> list[Column]:
    today = today or timezone.localdate()
    columns = {status: Column(status, label) for status, label in Status.choices}
    for application in board_queryset(user):
        columns[application.status].cards.append(annotate_card(application, today))
    return list(columns.values())


def follow_ups(user, *, today: date | None = None) -> FollowUps:
    """Open applications whose follow-up date has come; closed ones never nag."""
    today = today or timezone.localdate()
    due = list(
        Application.objects.for_user(user)
        .exclude(status__in=CLOSED_STATUSES)
        .filter(follow_up_date__lte=today)
        .select_related("job")
        .order_by("follow_up_date", "id")
    )
    return FollowUps(
        overdue=[a for a in due if a.follow_up_date < today],
        due_today=[a for a in due if a.follow_up_date == today],
    )


def table_queryset(user, *, status: str = "", q: str = "") -> QuerySet[Application]:
    applications = Application.objects.for_user(user).select_related("job")
    if status in Status.values:
        applications = applications.filter(status=status)
    if q:
        applications = applications.filter(Q(job__title__icontains=q) | Q(job__company__icontains=q))
    return applications.order_by("-updated_at", "-id")
