"""The dashboard: /dashboard/ (insights.dashboard.dashboard_context)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from applications.services import move_application, schedule_interview
from tests.factories import make_application, make_job
from tests.insights.helpers import assert_same_queries_for_1_and_30_jobs, forget_pages, populate, prime

URL = reverse("dashboard")


def test_metric_cards(alice, alice_client):
    make_job(alice)
    make_application(alice, status="interview")
    make_application(alice, status="offer")
    make_application(alice, status="applied")
    make_application(alice, status="interested")
    response = alice_client.get(URL)
    summary = response.context["summary"]
    assert (summary.jobs, summary.applications, summary.sent, summary.interviews, summary.offers) == (5, 4, 3, 1, 1)
    assert summary.response_rate == 67
    body = response.content.decode()
    for label in ("Jobs saved", "Applications", "Interviews", "Offers", "Response rate"):
        assert label in body
    assert "67%" in body


def test_the_five_most_recent_applications(alice, alice_client):
    applications = [make_application(alice, title=f"Job {i}") for i in range(7)]
    move_application(application=applications[0], status="applied")  # now the most recently updated
    recent = alice_client.get(URL).context["agenda"].recent
    assert len(recent) == 5
    assert recent[0]["job__title"] == "Job 0"
    assert recent[0]["status_label"] == "Applied"


def test_top_recommendations(alice, alice_client):
    make_job(alice, title="Great match", tech_stack=["Python", "Django"])
    make_job(alice, title="Poor match", tech_stack=["COBOL"], location="Tokyo")
    for i in range(4):
        make_job(alice, title=f"Other {i}", tech_stack=["Go"])
    recommendations = alice_client.get(URL).context["recommendations"]
    assert 3 <= len(recommendations) <= 5
    assert recommendations[0].title == "Great match"


def test_follow_ups_due_and_overdue_but_not_future_or_closed(alice, alice_client):
    today = timezone.localdate(timezone=ZoneInfo(alice.profile.timezone))  # "today" is Alice's, in Berlin
    due = {
        "overdue": today - timedelta(days=3),
        "today": today,
        "tomorrow": today + timedelta(days=1),
        "closed": today - timedelta(days=1),
    }
    for title, day in due.items():
        application = make_application(alice, title=title, status="applied")
        if title == "closed":
            application = move_application(application=application, status="rejected")
        Application.objects.filter(pk=application.pk).update(follow_up_date=day)
    agenda = alice_client.get(URL).context["agenda"]
    assert [row["job__title"] for row in agenda.follow_ups] == ["overdue", "today"]
    body = alice_client.get(URL).content.decode()
    assert "overdue since" in body


def test_interviews_in_the_next_seven_days(alice, alice_client):
    now = timezone.now()
    for title, when in {
        "soon": now + timedelta(days=2),
        "later": now + timedelta(days=12),
        "past": now - timedelta(days=2),
    }.items():
        application = make_application(alice, title=title, status="interview")
        schedule_interview(application=application, starts_at=when, kind="video")
    agenda = alice_client.get(URL).context["agenda"]
    assert [row["application__job__title"] for row in agenda.interviews] == ["soon"]


def test_quick_links_and_a_chart(alice, alice_client):
    make_application(alice, status="applied")
    body = alice_client.get(URL).content.decode()
    for name in ("jobs:create", "insights:recommendations", "insights:skill_gap", "insights:analytics"):
        assert reverse(name) in body
    # The funnel is drawn on the server: no plotly.js (4.8 MB) on the dashboard.
    assert '<table class="funnel"' in body and "<svg" in body
    assert "plotly" not in body and "charts.js" not in body


def test_a_new_user_sees_empty_states(bob_client):
    body = bob_client.get(URL).content.decode()
    assert "Start with your profile" in body
    assert "No applications yet" in body
    assert "Nothing to follow up today" in body
    assert "plotly.min.js" not in body


def test_bob_sees_none_of_alices_data(alice, bob_client):
    populate(alice, 6, prefix="Alice job")
    response = bob_client.get(URL)
    assert "Alice job" not in response.content.decode()
    assert response.context["summary"].jobs == 0
    assert response.context["agenda"].recent == ()


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_jobs(alice, alice_client, count, django_assert_max_num_queries):
    populate(alice, count)
    prime(alice_client, URL)
    with django_assert_max_num_queries(12):
        cold = alice_client.get(URL)
    forget_pages()  # the insights cache is warm; the page is rendered again
    with django_assert_max_num_queries(3):  # cached: session, user, profile
        warm = alice_client.get(URL)
    for response in (cold, warm):
        assert response.status_code == 200
        assert f'<span class="metric-label">Jobs saved</span><span class="metric-value">{count}</span>' in (
            response.content.decode())


def test_same_query_count_for_1_and_30_jobs(alice, bob, client):
    assert_same_queries_for_1_and_30_jobs(client, URL, alice, bob)
