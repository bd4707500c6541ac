"""insights.charts: figures from numbers, validated by plotly, apart from any view."""

from __future__ import annotations

import json
from datetime import date

import plotly.graph_objects as go
import pytest
from django.core.serializers.json import DjangoJSONEncoder

from insights import charts
from insights.analytics import CountRow, FunnelStage, SourceRate, WeekCount
from insights.skillgap import SkillCount

STATUSES = [
    CountRow("interested", "Interested", 3),
    CountRow("applied", "Applied", 5),
    CountRow("rejected", "Rejected", 2),
]
STAGES = [
    FunnelStage("interested", "Tracked", 10, 100),
    FunnelStage("applied", "Applied", 6, 60),
    FunnelStage("interview", "Interview", 2, 20),
    FunnelStage("offer", "Offer", 1, 10),
    FunnelStage("accepted", "Accepted", 0, 0),
]
WEEKS = [WeekCount(date(2026, 11, 2), 3), WeekCount(date(2026, 11, 9), 0), WeekCount(date(2026, 11, 16), 4)]
SOURCES = [SourceRate("greenhouse", 4, 3), SourceRate("manual", 2, 0)]
SKILLS = [SkillCount("Kubernetes", 12, 40, False, "DevOps tool", required=9, preferred=3),
          SkillCount("Go", 5, 17, False, "language", required=5, preferred=0)]

FIGURES = {
    "status": lambda: charts.status_chart(STATUSES),
    "funnel": lambda: charts.funnel_chart(STAGES),
    "weekly": lambda: charts.weekly_chart(WEEKS),
    "source": lambda: charts.source_chart(SOURCES),
    "missing": lambda: charts.missing_skills_chart(SKILLS),
}


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_is_valid_plotly_and_json(name):
    figure = FIGURES[name]()
    go.Figure(figure)  # raises on any property plotly.js does not know
    assert json.loads(json.dumps(figure, cls=DjangoJSONEncoder)) == figure


def test_status_chart_draws_the_counts_top_down():
    trace = charts.status_chart(STATUSES)["data"][0]
    assert trace["y"] == ["Rejected", "Applied", "Interested"]  # plotly draws the first bar at the bottom
    assert trace["x"] == [2, 5, 3]
    assert trace["marker"]["color"][0] == charts.STATUS_COLORS["rejected"]


def test_funnel_chart_uses_the_stage_counts():
    trace = charts.funnel_chart(STAGES)["data"][0]
    assert (trace["type"], trace["x"], trace["y"][0]) == ("funnel", [10, 6, 2, 1, 0], "Tracked")
    assert (
        charts.funnel_chart(STAGES, compact=True)["layout"]["height"] < charts.funnel_chart(STAGES)["layout"]["height"]
    )


def test_weekly_chart_has_one_column_per_week():
    trace = charts.weekly_chart(WEEKS)["data"][0]
    assert trace["x"] == ["2026-11-02", "2026-11-09", "2026-11-16"]
    assert trace["y"] == [3, 0, 4]


def test_small_counts_get_whole_ticks():
    assert charts.weekly_chart(WEEKS)["layout"]["yaxis"]["dtick"] == 1
    big = [WeekCount(date(2026, 11, 2), 40)]
    assert "dtick" not in charts.weekly_chart(big)["layout"]["yaxis"]


def test_source_chart_shows_rates_in_percent():
    trace = charts.source_chart(SOURCES)["data"][0]
    assert trace["x"] == ["Greenhouse", "Added by hand"]
    assert trace["y"] == [75, 0]
    assert trace["customdata"] == [[3, 4], [0, 2]]


def test_missing_skills_chart_stacks_required_and_nice_to_have_most_asked_on_top():
    figure = charts.missing_skills_chart(SKILLS)
    required, preferred = figure["data"]
    assert required["name"] == "Required" and preferred["name"] == "Nice to have"
    assert required["y"] == preferred["y"] == ["Go", "Kubernetes"]
    assert (required["x"], preferred["x"]) == ([5, 9], [0, 3])
    assert figure["layout"]["barmode"] == "stack"


@pytest.mark.parametrize(
    "make",
    [charts.status_chart, charts.funnel_chart, charts.weekly_chart, charts.source_chart, charts.missing_skills_chart],
)
def test_empty_input_still_gives_a_valid_figure(make):
    go.Figure(make([]))


def test_the_server_drawn_funnel_scales_bars_to_the_first_stage_and_centres_them():
    bars = charts.funnel_bars(STAGES)
    assert [bar.label for bar in bars] == [stage.label for stage in STAGES]
    assert bars[0].width == 100 and bars[0].x == 0
    for bar, stage in zip(bars, STAGES, strict=True):
        assert bar.width == pytest.approx(100 * stage.count / STAGES[0].count, abs=0.01) or stage.count == 0
        assert bar.x + bar.width / 2 == pytest.approx(50)
    assert charts.funnel_bars([]) == []
