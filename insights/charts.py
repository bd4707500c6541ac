"""Plotly figures from numbers: each function returns a figure as a plain, JSON-ready dict.

Built as dicts (the plotly.js figure schema) rather than ``plotly.graph_objects`` so a page
costs no figure validation at request time; the tests validate every figure with
``plotly.graph_objects.Figure``. Figures are rendered in the browser by ``static/js/charts.js``
from ``json_script`` data; each chart on a page also has a table fallback. The dashboard's one small
funnel is drawn on the server instead (:func:`funnel_bars`), so the dashboard loads no plotly.js (4.8 MB).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from insights.analytics import CountRow, FunnelStage, SourceRate, WeekCount
from insights.skillgap import SkillCount
from jobs.sources import source_label

Figure = dict[str, Any]

FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"
PRIMARY = "#2457d6"
MUTED = "#5d6b82"
GRID = "#e6eaf2"
STATUS_COLORS = {
    "interested": "#8a97ad",
    "applied": "#2457d6",
    "interview": "#6a3fc1",
    "offer": "#137a4b",
    "accepted": "#0f5f3a",
    "rejected": "#b42318",
    "declined": "#9a5b00",
    "withdrawn": "#6b7280",
}
FUNNEL_COLORS = ["#8a97ad", "#2457d6", "#6a3fc1", "#137a4b", "#0f5f3a"]
#: How the weekly chart writes a week's Monday (d3 time format). The bundled plotly.js knows only English
#: month names, so another language gets numbers (3.11.) rather than "3 Nov".
WEEK_FORMATS = {"en": "%-d %b"}
NUMERIC_WEEK_FORMAT = "%-d.%-m."


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _week_format() -> str:
    return WEEK_FORMATS.get(_language(), NUMERIC_WEEK_FORMAT)


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 13, "color": "#1b2333"},
        "margin": {"l": 48, "r": 16, "t": 8, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "showlegend": False,
        "height": 300,
        "xaxis": {"gridcolor": GRID, "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": GRID, "zeroline": False, "automargin": True},
    }
    separators = f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}"
    if separators != ".,":  # plotly's default; German writes 1.234,5 (the data stays machine numbers)
        layout["separators"] = separators
    layout.update(extra)
    return layout


def _count_axis(largest: int) -> dict[str, Any]:
    """An axis of whole counts: no fractional ticks when the numbers are small."""
    axis: dict[str, Any] = {"gridcolor": GRID, "rangemode": "tozero", "automargin": True, "zeroline": False}
    if largest < 8:
        axis["dtick"] = 1
    return axis


def _count_bars(
    labels: list[str], counts: list[int], colors: str | list[str], *, hover: str, row_height: int
) -> Figure:
    """Horizontal bars of counts, the first item on top, each bar labelled with its count."""
    reverse = slice(None, None, -1)  # plotly draws the first bar at the bottom
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": counts[reverse],
                "y": labels[reverse],
                "marker": {"color": colors[reverse] if isinstance(colors, list) else colors},
                "hovertemplate": hover,
                "text": counts[reverse],
                "textposition": "auto",
            }
        ],
        "layout": _layout(height=max(160, row_height * len(counts) + 60), xaxis=_count_axis(max(counts, default=0))),
    }


def status_chart(rows: Sequence[CountRow]) -> Figure:
    """Horizontal bars: applications per current status."""
    return _count_bars([row.label for row in rows], [row.count for row in rows],
                       [STATUS_COLORS.get(row.key, PRIMARY) for row in rows], hover="%{y}: %{x}<extra></extra>",
                       row_height=44)


def funnel_chart(stages: Sequence[FunnelStage], *, compact: bool = False) -> Figure:
    """A funnel of the stages ever reached, with the share of the first stage (``compact``: a
    shorter one for the dashboard)."""
    return {
        "data": [
            {
                "type": "funnel",
                "y": [stage.label for stage in stages],
                "x": [stage.count for stage in stages],
                "textinfo": "value+percent initial",
                "marker": {"color": FUNNEL_COLORS[: len(stages)]},
                "connector": {"line": {"color": GRID}},
                "hovertemplate": "%{y}: %{x}<extra></extra>",
            }
        ],
        "layout": _layout(margin={"l": 90, "r": 16, "t": 8, "b": 16}, height=220 if compact else 300),
    }


@dataclass(frozen=True, slots=True)
class FunnelBar:
    """One stage of a funnel drawn on the server: a bar centred in a 0–100 box, ``x`` its left edge."""

    label: str
    count: int
    percent: int  # of the first stage
    x: float
    width: float
    color: str


def funnel_bars(stages: Sequence[FunnelStage]) -> list[FunnelBar]:
    """The funnel as centred bars scaled to the largest stage, for a page that should not load plotly.js
    (the dashboard: ``templates/insights/_funnel.html`` draws them as SVG, no JavaScript)."""
    largest = max((stage.count for stage in stages), default=0)
    bars = []
    for n, stage in enumerate(stages):
        width = round(100 * stage.count / largest, 2) if largest else 0.0
        width = max(width, 1.0) if stage.count else 0.0  # a stage reached stays visible
        bars.append(FunnelBar(stage.label, stage.count, stage.percent, round((100 - width) / 2, 2), width,
                              FUNNEL_COLORS[n % len(FUNNEL_COLORS)]))
    return bars


def weekly_chart(weeks: Sequence[WeekCount]) -> Figure:
    """Columns: applications sent per week (labelled by the week's Monday)."""
    counts = [week.count for week in weeks]
    week_format = _week_format()
    return {
        "data": [
            {
                "type": "bar",
                "x": [week.week.isoformat() for week in weeks],
                "y": counts,
                "marker": {"color": PRIMARY},
                "hovertemplate": _("Week of %(week)s: %(count)s") % {"week": f"%{{x|{week_format}}}", "count": "%{y}"}
                + "<extra></extra>",
            }
        ],
        "layout": _layout(
            xaxis={"type": "date", "tickformat": week_format, "gridcolor": GRID, "automargin": True},
            yaxis=_count_axis(max(counts, default=0)),
            bargap=0.25,
        ),
    }


def source_chart(rates: Sequence[SourceRate]) -> Figure:
    """Bars: response rate (%) per job source, the number sent in the hover."""
    return {
        "data": [
            {
                "type": "bar",
                "x": [source_label(rate.source) for rate in rates],
                "y": [rate.rate for rate in rates],
                "customdata": [[rate.responded, rate.sent] for rate in rates],
                "marker": {"color": PRIMARY},
                "text": [f"{rate.rate}%" for rate in rates],
                "textposition": "auto",
                "hovertemplate": _("%(source)s: %(rate)s (%(answered)s of %(sent)s)") % {
                    "source": "%{x}", "rate": "%{y}%", "answered": "%{customdata[0]}", "sent": "%{customdata[1]}"}
                + "<extra></extra>",
            }
        ],
        "layout": _layout(yaxis={"range": [0, 100], "ticksuffix": "%", "gridcolor": GRID, "automargin": True}),
    }


def missing_skills_chart(skills: Sequence[SkillCount]) -> Figure:
    """Stacked horizontal bars: the most asked skills the user lacks, jobs requiring each one and jobs
    listing it only as nice to have."""
    figure = _count_bars([skill.name for skill in skills], [skill.required for skill in skills], "#b42318",
                         hover="%{hovertext}<extra></extra>", row_height=28)
    reverse = slice(None, None, -1)
    required = figure["data"][0]
    required["name"] = _("Required")
    required["hovertext"] = [
        ngettext("%(skill)s: required by %(count)s job", "%(skill)s: required by %(count)s jobs", skill.required)
        % {"skill": skill.name, "count": skill.required} for skill in skills][reverse]
    figure["data"].append({
        "type": "bar",
        "orientation": "h",
        "name": _("Nice to have"),
        "x": [skill.preferred for skill in skills][reverse],
        "y": required["y"],
        "marker": {"color": "#f2a69d"},
        "hovertext": [
            ngettext("%(skill)s: nice to have in %(count)s job", "%(skill)s: nice to have in %(count)s jobs",
                     skill.preferred) % {"skill": skill.name, "count": skill.preferred} for skill in skills][reverse],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "text": [skill.preferred or "" for skill in skills][reverse],
        "textposition": "auto",
    })
    figure["layout"].update(barmode="stack", showlegend=True,
                            legend={"orientation": "h", "y": -0.15, "x": 0, "font": {"size": 12}},
                            xaxis=_count_axis(max((skill.count for skill in skills), default=0)))
    return figure
