"""The insights pages in German: words translated, numbers in SVG, meters and figures left as machine numbers,
and the per-user cache kept apart per language."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from insights import charts
from insights.skillgap import compute_skill_gap
from tests.insights.helpers import populate
from tests.insights.test_charts import SKILLS, WEEKS

MACHINE_NUMBER = re.compile(r"^\d+(\.\d+)?$")


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request leaves its language active in the thread: later tests expect English."""
    yield
    translation.activate("en")


def test_the_dashboard_funnel_keeps_machine_coordinates_in_german(alice, alice_client):
    populate(alice, 8)
    body = alice_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Ihre Pipeline" in body and "Verfolgt" in body
    coordinates = re.findall(r'<rect x="([^"]*)" y="0" width="([^"]*)"', body)
    assert len(coordinates) == 5
    assert all(MACHINE_NUMBER.match(value) for pair in coordinates for value in pair), coordinates
    assert any("." in value for pair in coordinates for value in pair)  # a fraction somewhere: 83.33, not 83,33


def test_skill_gap_meters_keep_machine_numbers_in_german(alice, alice_client):
    populate(alice, 4)
    body = alice_client.get(reverse("insights:skill_gap"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Kompetenzlücken" in body
    meters = re.findall(r'<meter [^>]*max="([^"]*)" value="([^"]*)"', body)
    assert meters and all(MACHINE_NUMBER.match(value) for pair in meters for value in pair)


def test_cached_insights_follow_the_language_of_the_request(alice, alice_client):
    populate(alice, 6)
    url = reverse("insights:analytics")
    english = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    german = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="de")  # the cache is warm, but in English
    assert english.context["data"].funnel[0].label == "Tracked"
    assert german.context["data"].funnel[0].label == "Verfolgt"
    figure = json.loads(german.content.decode().split('<script id="chart-funnel" type="application/json">')[1]
                        .split("</script>")[0])
    assert figure["data"][0]["y"][0] == "Verfolgt"


def test_german_charts_write_dates_as_numbers_and_german_separators():
    with translation.override("de"):
        weekly = charts.weekly_chart(WEEKS)
        missing = charts.missing_skills_chart(SKILLS)
    assert weekly["layout"]["xaxis"]["tickformat"] == "%-d.%-m."  # plotly.js has only English month names here
    assert weekly["layout"]["separators"] == ",."
    assert weekly["data"][0]["hovertemplate"].startswith("Woche ab %{x|%-d.%-m.}")
    assert [trace["name"] for trace in missing["data"]] == ["Erforderlich", "Wünschenswert"]
    with translation.override("en"):
        english = charts.weekly_chart(WEEKS)
    assert english["layout"]["xaxis"]["tickformat"] == "%-d %b" and "separators" not in english["layout"]


def test_skill_gap_reasons_in_german():
    with translation.override("de"):
        gap = compute_skill_gap([["Python", "Kubernetes"], ["Kubernetes"]], ["Python"])
        split = gap.missing[0].split
    assert gap.to_learn[0].reason == (
        "Erforderlich in 2 von 2 Jobs, oft zusammen mit Python, das Sie schon beherrschen (1 Job)")
    assert gap.to_learn[0].category == "DevOps-Tool"
    assert split == "2 erforderlich"
