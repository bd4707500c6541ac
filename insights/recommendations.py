"""Recommendations: the user's jobs not applied to yet, ranked by match score.

"Not applied to yet" means no application at all, or one still at ``interested`` (saved but
not sent); the page says so. Closed postings (``Job.closed_at``) are left out: they no longer
hire. Scoring runs over every candidate with the fast totals-only path
(one query, only the scored columns); the full breakdown is built for the top :data:`MAX_N`
only, from a second small query. The result is cached per user (see ``insights.cache``).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from applications.models import Status
from copilot.accounts.services import get_profile
from copilot.formatting import format_salary_range
from insights.cache import cached_for_user
from jobs.matching import MatchResult, match_rows, prepare_profile, queryset_totals, score_rows
from jobs.models import Job, RemoteOption

DEFAULT_N = 5
MAX_N = 50
#: The "show more" steps offered on the page.
STEPS = (5, 10, 20, 50)
RECOMMENDABLE = (Q(application__isnull=True) | Q(application__status=Status.INTERESTED)) & Q(closed_at__isnull=True)
_REMOTE_LABELS = dict(RemoteOption.choices)


@dataclass(frozen=True, slots=True)
class Recommendation:
    job_id: int
    title: str
    company: str
    location: str
    remote_option: str
    remote_label: str
    salary_text: str
    tech_stack: tuple[str, ...]
    status: str  # "" (not tracked) or "interested"
    created_at: datetime
    match: MatchResult

    @property
    def score(self) -> int:
        return self.match.total


@dataclass(frozen=True, slots=True)
class Recommendations:
    items: tuple[Recommendation, ...]  # best first, at most MAX_N
    candidates: int  # jobs considered (open, and no application or only interested)
    total_jobs: int  # all of the user's jobs
    profile_empty: bool
    closed_jobs: int = 0  # of total_jobs, the closed ones (never recommended)

    def top(self, n: int) -> tuple[Recommendation, ...]:
        return self.items[: max(0, n)]


def clamp_n(value: object, default: int = DEFAULT_N) -> int:
    """A ``?n=`` value as a count between 1 and :data:`MAX_N`; garbage gives the default."""
    try:
        n = int(str(value))
    except (TypeError, ValueError):
        return default
    return min(MAX_N, max(1, n))


def candidate_jobs(user) -> QuerySet[Job]:
    return Job.objects.for_user(user).filter(RECOMMENDABLE)


def compute_recommendations(user, profile=None, *, limit: int = MAX_N) -> Recommendations:
    """Rank the user's candidate jobs (3 queries: scores, top rows, job count)."""
    profile = profile or get_profile(user)
    mp = prepare_profile(profile)
    totals = queryset_totals(candidate_jobs(user), mp)
    best = heapq.nlargest(limit, totals.items(), key=lambda item: (item[1], item[0]))  # ties: newest id first
    items: list[Recommendation] = []
    if best:
        rows = match_rows(
            Job.objects.for_user(user).filter(pk__in=[job_id for job_id, _ in best]),
            "company",
            "salary_text",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "created_at",
            "application__status",
        )
        scored = {row["id"]: (row, result) for row, result in score_rows(rows, mp)}
        for job_id, _ in best:
            if job_id not in scored:  # deleted between the two queries
                continue
            row, result = scored[job_id]
            items.append(
                Recommendation(
                    job_id=job_id,
                    title=row["title"],
                    company=row["company"],
                    location=row["location"],
                    remote_option=row["remote_option"],
                    remote_label=str(_REMOTE_LABELS.get(row["remote_option"], "")),
                    salary_text=format_salary_range(row["salary_min"], row["salary_max"], row["salary_currency"],
                                                    row["salary_period"]) or row["salary_text"],
                    tech_stack=tuple(row["tech_stack"] or ()),
                    status=row["application__status"] or "",
                    created_at=row["created_at"],
                    match=result,
                )
            )
    counts = Job.objects.for_user(user).aggregate(total=Count("id"),
                                                  closed=Count("id", filter=Q(closed_at__isnull=False)))
    return Recommendations(
        items=tuple(items),
        candidates=len(totals),
        total_jobs=counts["total"],
        profile_empty=mp.is_empty,
        closed_jobs=counts["closed"],
    )


def recommendations_for(user) -> Recommendations:
    """The cached ranking (top :data:`MAX_N`); slice it with :meth:`Recommendations.top`."""
    profile = get_profile(user)
    return cached_for_user(profile, "recommendations", lambda: compute_recommendations(user, profile))

