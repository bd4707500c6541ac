"""Insights pages: thin views over the insights modules, always scoped to request.user."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from copilot.accounts.services import get_profile
from copilot.pagecache import cached_page
from copilot.requests import AuthedRequest
from insights import charts
from insights.analytics import analytics_for
from insights.dashboard import dashboard_context
from insights.recommendations import STEPS, clamp_n, recommendations_for
from insights.skillgap import ALSO_ASKED_SHOWN, SCOPES, skill_gap_for

MISSING_ON_ANALYTICS = 10
MARKET_SHOWN = 20
MISSING_SHOWN = 60


@login_required
@cached_page(per_minute=True)
def dashboard(request: AuthedRequest) -> HttpResponse:
    """The signed-in home page: it combines every app, so it lives in the top layer."""
    return render(request, "insights/dashboard.html", dashboard_context(request.user))


@login_required
@cached_page
def recommendations(request: AuthedRequest) -> HttpResponse:
    n = clamp_n(request.GET.get("n"))
    ranking = recommendations_for(request.user)
    items = ranking.top(n)
    more = next((step for step in STEPS if step > n), None)
    context = {
        "ranking": ranking,
        "items": items,
        "n": n,
        "more": more if more and len(ranking.items) > len(items) else None,
        "profile": get_profile(request.user),
    }
    return render(request, "insights/recommendations.html", context)


@login_required
@cached_page
def skill_gap(request: AuthedRequest) -> HttpResponse:
    scope = request.GET.get("scope", "all")
    scope = scope if scope in SCOPES else "all"
    gap = skill_gap_for(request.user, scope)
    context = {
        "gap": gap,
        "scope": scope,
        "scopes": SCOPES,
        "market": gap.market[:MARKET_SHOWN],
        "missing": gap.missing[:MISSING_SHOWN],
        "missing_more": max(0, len(gap.missing) - MISSING_SHOWN),
        "also_asked": gap.also_asked[:ALSO_ASKED_SHOWN],
        "profile": get_profile(request.user),
    }
    return render(request, "insights/skill_gap.html", context)


@login_required
@cached_page
def analytics(request: AuthedRequest) -> HttpResponse:
    data = analytics_for(request.user, timezone.localdate())
    missing = skill_gap_for(request.user, "all").missing[:MISSING_ON_ANALYTICS]
    figures = {
        "statuses": charts.status_chart(data.statuses) if data.statuses else None,
        "funnel": charts.funnel_chart(data.funnel) if data.summary.applications else None,
        "weeks": charts.weekly_chart(data.weeks) if data.summary.sent else None,
        "sources": charts.source_chart(data.sources) if data.sources else None,
        "missing": charts.missing_skills_chart(missing) if missing else None,
    }
    context = {
        "data": data,
        "summary": data.summary,
        "missing": missing,
        "figures": figures,
        "chart_ids": {name: f"chart-{name}" for name in figures},  # element ids, not text
        "profile": get_profile(request.user),
    }
    return render(request, "insights/analytics.html", context)
