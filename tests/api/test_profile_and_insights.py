"""/api/v1/profile, /recommendations, /skill-gap and /analytics/summary: the Settings page's rules and the
insights modules' numbers."""

from __future__ import annotations

from django.utils import timezone

from insights.analytics import analytics_for
from insights.recommendations import recommendations_for
from insights.skillgap import skill_gap_for
from tests.api.helpers import bearer, send
from tests.factories import make_application, make_job


def test_the_profile_reads_as_settings_shows_it(client, alice):
    data = client.get("/api/v1/profile", **bearer(alice)).json()
    assert data["username"] == "alice"
    assert data["skills"] == ["Python", "Django", "PostgreSQL"]
    assert data["timezone"] == "Europe/Berlin" and data["experience_level"] == "senior"


def test_a_profile_patch_normalises_skills_and_keeps_the_rest(client, alice):
    response = send(client, "patch", "/api/v1/profile", {"skills": ["js", "Python"], "morning_digest": False},
                    **bearer(alice))
    assert response.status_code == 200
    alice.profile.refresh_from_db()
    assert alice.profile.skills == ["JavaScript", "Python"]
    assert alice.profile.morning_digest is False
    assert alice.profile.preferred_locations == ["Berlin, Germany"] and alice.profile.timezone == "Europe/Berlin"


def test_a_profile_patch_invalidates_cached_insights(client, alice):
    before = alice.profile.data_version
    send(client, "patch", "/api/v1/profile", {"skills": ["Go"]}, **bearer(alice))
    alice.profile.refresh_from_db()
    assert alice.profile.data_version > before


def test_an_invalid_profile_is_422_per_field_and_nothing_saved(client, alice):
    response = send(client, "patch", "/api/v1/profile",
                    {"timezone": "Mars/Olympus", "preferred_locations": ["Atlantis Prime"], "skills": ["Rust"]},
                    **bearer(alice))
    assert response.status_code == 422
    fields = {error["loc"][-1] for error in response.json()["detail"]}
    assert fields == {"timezone", "preferred_locations"}
    alice.profile.refresh_from_db()
    assert alice.profile.timezone == "Europe/Berlin" and "Rust" not in alice.profile.skills


def test_an_hour_out_of_range_is_a_schema_422(client, alice):
    response = send(client, "patch", "/api/v1/profile", {"morning_hour": 24}, **bearer(alice))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "morning_hour"]


def test_recommendations_are_the_pages_ranking(client, alice, bob):
    make_job(alice, title="Python Engineer", description_html="<p>Python, Django, PostgreSQL</p>")
    make_job(alice, title="Welder", description_html="<p>Welding</p>")
    make_job(bob, title="Bob's Python job", description_html="<p>Python</p>")
    data = client.get("/api/v1/recommendations?n=1", **bearer(alice)).json()
    expected = recommendations_for(alice)
    assert [item["job_id"] for item in data["items"]] == [expected.items[0].job_id]
    assert data["items"][0]["score"] == expected.items[0].score
    assert (data["candidates"], data["total_jobs"]) == (2, 2)
    assert client.get("/api/v1/recommendations?n=51", **bearer(alice)).status_code == 422


def test_the_skill_gap_is_the_pages_gap(client, alice):
    make_application(alice, make_job(alice, description_html="<p>Python and Kubernetes</p>"))
    make_job(alice, description_html="<p>Rust and Kubernetes</p>")
    for scope in ("all", "tracked"):
        data = client.get(f"/api/v1/skill-gap?scope={scope}", **bearer(alice, name=scope)).json()
        gap = skill_gap_for(alice, scope)
        assert data["jobs"] == gap.jobs
        assert [row["name"] for row in data["missing"]] == [row.name for row in gap.missing]
        assert data["coverage"] == gap.coverage
    assert client.get("/api/v1/skill-gap?scope=mine", **bearer(alice)).status_code == 422


def test_the_analytics_summary_is_the_pages_numbers(client, alice, bob):
    make_application(alice, status="applied")
    make_application(alice, status="interview")
    make_application(alice, status="interested")
    make_application(bob, status="offer")
    data = client.get("/api/v1/analytics/summary", **bearer(alice)).json()
    summary = analytics_for(alice, timezone.localdate()).summary
    assert data["summary"]["applications"] == summary.applications == 3
    assert data["summary"]["sent"] == 2 and data["summary"]["offers"] == 0
    assert data["summary"]["response_rate"] == summary.response_rate == 50
    assert {row["key"]: row["count"] for row in data["statuses"]} == {"applied": 1, "interview": 1, "interested": 1}
