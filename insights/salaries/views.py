from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from copilot.formatting import format_money
from copilot.requests import AuthedRequest
from insights.salaries.analysis import DIMENSION_CHART_LABELS, DIMENSION_HEADINGS, DIMENSIONS, position_of
from insights.salaries.charts import MAX_BOXES, box_chart
from insights.salaries.queries import currency_choice, insights_for
from insights.salaries.rates import load_table
from jobs.models import Job


def pay_range(low: int, high: int, currency: str) -> str:
    """"€70,000 – €90,000" (one amount when both ends are the same), in the reader's language."""
    if low == high:
        return format_money(low, currency)
    return _("%(low)s – %(high)s") % {"low": format_money(low, currency), "high": format_money(high, currency)}


@login_required
@require_GET
def salaries(request: AuthedRequest) -> HttpResponse:
    currency = currency_choice(request.GET.get("currency"))
    data = insights_for(request.user, currency)
    sections = [
        {"key": key, "title": title, "heading": DIMENSION_HEADINGS[key], "chart_label": DIMENSION_CHART_LABELS[key],
         "chart_id": f"chart-{key}",
         "groups": data.dimensions[key],
         "figure": box_chart(data.dimensions[key], currency) if data.dimensions.get(key) else None}
        for key, title in DIMENSIONS.items()
    ]
    target_figure = box_chart([replace(data.target, label=_("Your target"))], currency) if data.target else None
    table = load_table()
    context = {"data": data, "sections": sections, "currency": currency, "currencies": table.currencies,
               "target_figure": target_figure, "target_chart_id": "chart-target", "max_boxes": MAX_BOXES,
               "table": table}
    return render(request, "insights/salaries/page.html", context)


@login_required
@require_GET
def job_position(request: AuthedRequest, pk: int) -> HttpResponse:
    """The job page's "how does this pay?" panel, loaded by htmx (the job page sits in a lower layer)."""
    job = get_object_or_404(Job.objects.for_user(request.user).only("id", "title"), pk=pk)
    currency = currency_choice(request.GET.get("currency"))
    data = insights_for(request.user, currency)
    salary = data.rows.get(job.pk)
    context = {"job": job, "position": position_of(job.pk, data), "salary": salary, "currency": currency,
               "data": data, "pay": pay_range(salary.low, salary.high, currency) if salary else ""}
    return render(request, "insights/salaries/_position.html", context)
