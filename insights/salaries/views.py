from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from copilot.requests import AuthedRequest
from insights.salaries.analysis import DIMENSIONS, position_of
from insights.salaries.charts import MAX_BOXES, box_chart
from insights.salaries.queries import currency_choice, insights_for
from insights.salaries.rates import load_table
from jobs.models import Job
from jobs.salary import CURRENCY_SYMBOLS


def money_prefix(currency: str) -> str:
    """"€" before euro amounts, "CHF " before those of a currency without a common symbol."""
    return CURRENCY_SYMBOLS.get(currency, f"{currency}\u00a0")


@login_required
@require_GET
def salaries(request: AuthedRequest) -> HttpResponse:
    currency = currency_choice(request.GET.get("currency"))
    data = insights_for(request.user, currency)
    sections = [
        {"key": key, "title": title, "groups": data.dimensions[key],
         "figure": box_chart(data.dimensions[key], currency) if data.dimensions.get(key) else None}
        for key, title in DIMENSIONS.items()
    ]
    target_figure = box_chart([replace(data.target, label="Your target")], currency) if data.target else None
    table = load_table()
    context = {"data": data, "sections": sections, "currency": currency, "currencies": table.currencies,
               "target_figure": target_figure, "max_boxes": MAX_BOXES, "table": table, "prefix": money_prefix(currency)}
    return render(request, "insights/salaries/page.html", context)


@login_required
@require_GET
def job_position(request: AuthedRequest, pk: int) -> HttpResponse:
    """The job page's "how does this pay?" panel, loaded by htmx (the job page sits in a lower layer)."""
    job = get_object_or_404(Job.objects.for_user(request.user).only("id", "title"), pk=pk)
    currency = currency_choice(request.GET.get("currency"))
    data = insights_for(request.user, currency)
    context = {"job": job, "position": position_of(job.pk, data), "salary": data.rows.get(job.pk),
               "currency": currency, "data": data, "prefix": money_prefix(currency)}
    return render(request, "insights/salaries/_position.html", context)
