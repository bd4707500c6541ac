"""The analytics page: /insights/analytics/."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from tests.factories import make_application, make_job
from tests.insights.helpers import assert_same_queries_for_1_and_30_jobs, populate, prime

URL = reverse("insights:analytics")


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


def test_it_shows_the_numbers_and_embeds_chart_data(alice, alice_client):
    make_application(alice, title="A", status="interview")
    make_application(alice, title="B", status="applied")
    make_application(alice, title="C", status="rejected")
    make_application(alice, title="D", status="interested")
    make_job(alice, title="E", tech_stack=["Kubernetes"])
    response = alice_client.get(URL)
    summary = response.context["summary"]
    assert (summary.jobs, summary.applications, summary.sent, summary.interviews, summary.offers) == (5, 4, 3, 1, 0)
    assert summary.response_rate == 67  # interview and rejected answered, of 3 sent
    body = response.content.decode()
    for chart_id in ("chart-funnel", "chart-statuses", "chart-weeks", "chart-sources", "chart-missing"):
        assert f'data-chart="{chart_id}"' in body
        assert f'<script id="{chart_id}" type="application/json">' in body
    figure = json.loads(body.split('<script id="chart-funnel" type="application/json">')[1].split("</script>")[0])
    assert figure["data"][0]["x"] == [4, 3, 1, 0, 0]


def test_charts_load_plotly_locally_with_the_nonce_and_have_table_fallbacks(alice, alice_client):
    make_application(alice, status="applied", tech_stack=["Go"])
    response = alice_client.get(URL)
    body = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script src="/static/vendor/plotly/plotly.min.js" nonce="{nonce}" defer></script>' in body
    assert f'<script src="/static/js/charts.js" nonce="{nonce}" defer></script>' in body
    assert f'<style id="plotly.js-style-global" nonce="{nonce}"></style>' in body
    assert body.count('class="chart" data-chart=') == body.count('<details class="chart-data" open>') == 5
    assert "style=" not in body.split("<main")[1]  # no inline style attributes
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_empty_state_without_applications(alice, alice_client):
    # Every skill it asks for is on alice's profile (a title naming a discipline would add one).
    make_job(alice, title="Engineer", tech_stack=[])
    body = alice_client.get(URL).content.decode()
    assert "No applications yet" in body
    assert "plotly.min.js" not in body


def test_bob_sees_none_of_alices_data(alice, bob_client):
    make_application(alice, status="offer", tech_stack=["Haskell"], title="Alice's job")
    response = bob_client.get(URL)
    summary = response.context["summary"]
    assert (summary.jobs, summary.applications, summary.offers) == (0, 0, 0)
    assert "Haskell" not in response.content.decode()


def test_the_page_changes_after_an_application_moves(alice, alice_client):
    application = make_application(alice, status="applied")
    assert alice_client.get(URL).context["summary"].interviews == 0
    from applications.services import move_application

    move_application(application=application, status="interview")
    assert alice_client.get(URL).context["summary"].interviews == 1


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_jobs(alice, alice_client, count, django_assert_max_num_queries):
    populate(alice, count)
    prime(alice_client, URL)
    with django_assert_max_num_queries(7):  # session, user, profile; applications, events, job count; stacks
        response = alice_client.get(URL)
    assert response.status_code == 200
    assert f'<span class="metric-label">Jobs saved</span><span class="metric-value">{count}</span>' in (
        response.content.decode())


def test_same_query_count_for_1_and_30_jobs(alice, bob, client):
    assert_same_queries_for_1_and_30_jobs(client, URL, alice, bob)
