"""/api/v1/recommendations, /skill-gap and /analytics/summary: the insights pages' numbers, as JSON."""


from typing import Literal

from django.utils import timezone
from ninja import Query, Router

from api.errors import ApiRequest, responses
from api.schemas import AnalyticsOut, RecommendationsOut, SkillGapOut
from insights.analytics import analytics_for
from insights.recommendations import DEFAULT_N, MAX_N, recommendations_for
from insights.skillgap import skill_gap_for

router = Router(tags=["insights"])


@router.get("/recommendations", response=responses(200, RecommendationsOut, 422), summary="Recommended jobs")
def recommendations(request: ApiRequest, n: int = Query(DEFAULT_N, ge=1, le=MAX_N)):
    """Your open jobs not applied to yet, best match first."""
    ranking = recommendations_for(request.auth)
    return {
        "items": [
            {"job_id": item.job_id, "title": item.title, "company": item.company, "location": item.location,
             "remote_option": item.remote_option, "salary_text": item.salary_text,
             "tech_stack": list(item.tech_stack), "status": item.status, "score": item.score,
             "reasons": list(item.match.reasons), "missing_skills": list(item.match.missing_skills)}
            for item in ranking.top(n)
        ],
        "candidates": ranking.candidates,
        "total_jobs": ranking.total_jobs,
        "closed_jobs": ranking.closed_jobs,
        "profile_empty": ranking.profile_empty,
    }


@router.get("/skill-gap", response=responses(200, SkillGapOut, 422), summary="Your skill gap")
def skill_gap(request: ApiRequest, scope: Literal["all", "tracked"] = "all"):
    """The skills your jobs ask for against your profile: over all open jobs, or the tracked ones."""
    gap = skill_gap_for(request.auth, scope)
    return {
        "scope": gap.scope, "jobs": gap.jobs, "jobs_with_stack": gap.jobs_with_stack, "coverage": gap.coverage,
        "user_skills": list(gap.user_skills), "market": list(gap.market), "missing": list(gap.missing),
        "matched": list(gap.matched), "unasked": list(gap.unasked), "to_learn": list(gap.to_learn),
        "also_asked": list(gap.also_asked),
    }


@router.get("/analytics/summary", response=responses(200, AnalyticsOut), summary="Analytics summary")
def analytics_summary(request: ApiRequest):
    """The analytics page's figures: totals, statuses, the funnel, applications per week, response by source."""
    data = analytics_for(request.auth, timezone.localdate())
    summary = data.summary
    return {
        "summary": {"jobs": summary.jobs, "closed_jobs": summary.closed_jobs, "applications": summary.applications,
                    "sent": summary.sent, "responded": summary.responded, "interviews": summary.interviews,
                    "offers": summary.offers, "response_rate": summary.response_rate},
        "statuses": list(data.statuses),
        "funnel": list(data.funnel),
        "weeks": list(data.weeks),
        "sources": [{"source": row.source, "sent": row.sent, "responded": row.responded, "rate": row.rate}
                    for row in data.sources],
    }
