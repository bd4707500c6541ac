"""Reading applications for the board, table and dashboard — always scoped to one user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from applications.models import CLOSED_STATUSES, Application, Interview, Status
from copilot.dates import localtime_or_utc

# The board shows this many cards per open column, and loads as many again per "Show more".
CARDS_PER_PAGE = 20


@dataclass
class Column:
    """One board column: its total count, and the most recent cards loaded so far.

    Closed columns start collapsed (no cards loaded); `has_more` says whether a "Show more" is due.
    """

    status: str
    label: str
    count: int = 0
    cards: list[Application] = field(default_factory=list)
    collapsed: bool = False

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def has_more(self) -> bool:
        return not self.collapsed and len(self.cards) < self.count

    @property
    def more_cursor(self) -> str:
        """Where "Show more" goes on from, or "" when every card is loaded (or the column is folded)."""
        return cursor_after(self.cards) if self.has_more else ""


def cursor_after(cards: list[Application]) -> str:
    """A page's cursor: the oldest card shown (status change time and id break ties)."""
    last = cards[-1]
    return f"{last.status_changed_at.isoformat()}|{last.pk}"


@dataclass(frozen=True)
class FollowUps:
    overdue: list[Application]
    due_today: list[Application]
    more: int = 0  # due ones left out by a `limit`

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_today)


def board_queryset(user) -> QuerySet[Application]:
    """A user's applications for cards, most recently moved first, with only the fields a card shows."""
    return (
        Application.objects.for_user(user)
        .select_related("job")
        .only("id", "status", "status_changed_at", "applied_date", "follow_up_date", "updated_at", "user_id",
              "job__id", "job__title", "job__company", "job__location", "job__user_id", "job__closed_at",
              "job__closed_by", "job__archived_at")
        .order_by("-status_changed_at", "-id")
    )


def _with_upcoming_interviews(cards: list[Application], now: datetime) -> list[Application]:
    """One query for the upcoming interviews of every card, however many columns they come from."""
    upcoming = Interview.objects.filter(starts_at__gte=now).order_by("starts_at")
    prefetch_related_objects(cards, Prefetch("interviews", queryset=upcoming, to_attr="upcoming_interviews"))
    return cards


def parse_cursor(cursor: str) -> tuple[datetime, int] | None:
    """The "Show more" cursor, or None when it is not one we made."""
    moment, _, pk = cursor.partition("|")
    try:
        parsed = datetime.fromisoformat(moment)
        return (parsed, int(pk)) if parsed.tzinfo and pk.isdigit() else None
    except ValueError:
        return None


def column_cards(user, status: str, *, before: tuple[datetime, int] | None = None,
                 limit: int = CARDS_PER_PAGE, today: date | None = None) -> list[Application]:
    """One page of a column, newest first, older than `before` when given: two queries."""
    today = today or timezone.localdate()
    cards = board_queryset(user).filter(status=status)
    if before is not None:
        moment, pk = before
        cards = cards.filter(Q(status_changed_at__lt=moment) | Q(status_changed_at=moment, id__lt=pk))
    page = _with_upcoming_interviews(list(cards[:limit]), timezone.now())
    return [annotate_card(application, today) for application in page]


def card_for(application: Application, *, today: date | None = None) -> Application:
    """One application ready to draw as a card (after a move)."""
    _with_upcoming_interviews([application], timezone.now())
    return annotate_card(application, today or timezone.localdate())


def status_counts(user) -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    rows = Application.objects.for_user(user).order_by().values_list("status").annotate(n=Count("id"))
    counts.update(dict(rows))
    return counts


def annotate_card(application: Application, today: date) -> Application:
    """Derived fields a card shows: days in the current stage and the next date that needs attention."""
    application.days_in_stage = max(0, (today - timezone.localtime(application.status_changed_at).date()).days)
    candidates = []
    if application.follow_up_date and application.status not in CLOSED_STATUSES:
        candidates.append((application.follow_up_date, _("Follow up")))
    upcoming = getattr(application, "upcoming_interviews", [])
    if upcoming:
        when = localtime_or_utc(upcoming[0].starts_at).date()
        candidates.append((when, pgettext("next date on a card", "Interview")))
    application.next_due = min(candidates) if candidates else None
    application.is_overdue = bool(application.next_due and application.next_due[0] < today)
    return application


def board_columns(user, *, today: date | None = None, expanded: frozenset[str] = frozenset()) -> list[Column]:
    """Every column with its count; open ones (and closed ones in `expanded`) with their first page of cards.

    A fixed number of queries whatever the number of applications: one for the counts, one per loaded
    column (each a LIMIT on the user/status/time index), one for their interviews.
    """
    today = today or timezone.localdate()
    counts = status_counts(user)
    columns = []
    loaded: list[Application] = []
    for status, label in Status.choices:
        column = Column(status, str(label), count=counts[status],
                        collapsed=status in CLOSED_STATUSES and status not in expanded)
        if not column.collapsed and column.count:
            column.cards = list(board_queryset(user).filter(status=status)[:CARDS_PER_PAGE])
            loaded.extend(column.cards)
        columns.append(column)
    _with_upcoming_interviews(loaded, timezone.now())
    for application in loaded:
        annotate_card(application, today)
    return columns


def follow_ups(user, *, today: date | None = None, limit: int | None = None) -> FollowUps:
    """Open applications whose follow-up date has come, oldest first; closed ones never nag.

    With `limit`, at most that many (and how many more there are): a page's weight stays the same.
    """
    today = today or timezone.localdate()
    query = (
        Application.objects.for_user(user)
        .exclude(status__in=CLOSED_STATUSES)
        .filter(follow_up_date__lte=today)
    )
    due = list(query.select_related("job").order_by("follow_up_date", "id")[:limit])
    more = query.count() - len(due) if limit is not None and len(due) == limit else 0
    return FollowUps(
        overdue=[a for a in due if a.follow_up_date < today],
        due_today=[a for a in due if a.follow_up_date == today],
        more=more,
    )


def table_queryset(user, *, status: str = "", q: str = "") -> QuerySet[Application]:
    applications = Application.objects.for_user(user).select_related("job")
    if status in Status.values:
        applications = applications.filter(status=status)
    if q:
        applications = applications.filter(Q(job__title__icontains=q) | Q(job__company__icontains=q))
    return applications.order_by("-updated_at", "-id")
