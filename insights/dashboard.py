"""What the dashboard shows for one user, in a constant number of queries.

Metric cards come from the (cached) analytics summary, today's recommendations from the
(cached) ranking; the lists of recent applications, follow-ups due and interviews coming up
are three small queries cached per user and day. Everything cached is plain data (dicts and
dataclasses), so it pickles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from applications.models import CLOSED_STATUSES, Application, Interview
from copilot.accounts.models import User
from copilot.accounts.services import get_profile
from insights import charts
from insights.analytics import STATUS_LABELS, analytics_for
from insights.cache import cached_for_user
from insights.lists import count_not_shown
from insights.recommendations import recommendations_for

RECENT = 5
TOP_RECOMMENDATIONS = 3
LIST_LIMIT = 8
INTERVIEW_DAYS = 7


@dataclass(frozen=True, slots=True)
class Agenda:
    recent: tuple[Mapping[str, Any], ...]
    follow_ups: tuple[Mapping[str, Any], ...]  # due today or overdue, not closed
    follow_ups_total: int
    interviews: tuple[Mapping[str, Any], ...]  # today and the next 7 days
    interviews_total: int

    follow_ups_more = count_not_shown("follow_ups_total", "follow_ups")
    interviews_more = count_not_shown("interviews_total", "interviews")


def _application_rows(queryset) -> tuple[dict[str, Any], ...]:
    rows = queryset.values("id", "status", "follow_up_date", "updated_at", "job_id", "job__title", "job__company")
    return tuple({**row, "status_label": str(STATUS_LABELS.get(row["status"], row["status"]))} for row in rows)


def compute_agenda(user: User, today: date) -> Agenda:
    """Three queries (plus two counts only when a list is longer than shown)."""
    applications = Application.objects.for_user(user)
    recent = _application_rows(applications.order_by("-updated_at", "-id")[:RECENT])
    due = applications.exclude(status__in=CLOSED_STATUSES).filter(follow_up_date__lte=today)
    follow_ups = _application_rows(due.order_by("follow_up_date", "id")[: LIST_LIMIT + 1])
    start = timezone.make_aware(datetime.combine(today, time.min))
    coming = Interview.objects.filter(
        application__user=user, starts_at__gte=start, starts_at__lt=start + timedelta(days=INTERVIEW_DAYS + 1)
    )
    interviews = tuple(
        coming.order_by("starts_at", "id")[: LIST_LIMIT + 1].values(
            "id",
            "starts_at",
            "kind",
            "application_id",
            "application__job_id",
            "application__job__title",
            "application__job__company",
        )
    )
    return Agenda(
        recent=recent,
        follow_ups=follow_ups[:LIST_LIMIT],
        follow_ups_total=due.count() if len(follow_ups) > LIST_LIMIT else len(follow_ups),
        interviews=interviews[:LIST_LIMIT],
        interviews_total=coming.count() if len(interviews) > LIST_LIMIT else len(interviews),
    )


def _top_recommendations(user: User) -> tuple[tuple[Any, ...], int]:
    ranking = recommendations_for(user)
    return ranking.top(TOP_RECOMMENDATIONS), ranking.candidates


def dashboard_context(user: User) -> dict[str, Any]:
    profile = get_profile(user)
    today = timezone.localdate()
    analytics = analytics_for(user, today)
    # The dashboard shows three: cache those apart, so a view unpickles 3 rankings, not the page's 50.
    top, candidates = cached_for_user(profile, "dashboard:recommendations", lambda: _top_recommendations(user))
    agenda = cached_for_user(profile, f"dashboard:{today.isoformat()}", lambda: compute_agenda(user, today))
    return {
        "profile": profile,
        "today": today,
        "summary": analytics.summary,
        "recommendations": top,
        "recommendation_candidates": candidates,
        "agenda": agenda,
        "pipeline": analytics.funnel,
        "pipeline_bars": charts.funnel_bars(analytics.funnel) if analytics.summary.applications else None,
    }
