"""The recommendations page: /insights/recommendations/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applications.services import start_application
from copilot.accounts.models import Profile
from insights.recommendations import clamp_n, recommendations_for
from tests.factories import make_application, make_job
from tests.insights.helpers import assert_same_queries_for_1_and_30_jobs, forget_pages, populate, prime

URL = reverse("insights:recommendations")


def titles(response) -> list[str]:
    return [rec.title for rec in response.context["items"]]


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_ranks_unapplied_jobs_by_score_with_their_breakdown(alice, alice_client):
    make_job(alice, title="Senior Django Engineer", tech_stack=["Python", "Django", "PostgreSQL"], location="Berlin")
    make_job(alice, title="Senior Go Engineer", tech_stack=["Go", "Kubernetes"], location="Berlin")
    make_job(alice, title="Junior Java Developer", tech_stack=["Java"], location="Tokyo", remote_option="onsite")
    response = alice_client.get(URL)
    assert titles(response) == ["Senior Django Engineer", "Senior Go Engineer", "Junior Java Developer"]
    scores = [rec.score for rec in response.context["items"]]
    # All 3 of 3 skills is little evidence: 50 × (0.6 × 1 + 0.4 × 0.5) = 40 points, + 30 + 20.
    assert scores == sorted(scores, reverse=True) and scores[0] == 90
    body = response.content.decode()
    assert "Matches all 3 skills: Python, Django, PostgreSQL" in body
    assert "Tech stack" in body and "30 of 30" in body


def test_it_excludes_applied_jobs_and_keeps_interested_ones(alice, alice_client):
    make_application(alice, title="Applied Job", status="applied")
    make_application(alice, title="Interview Job", status="interview")
    make_application(alice, title="Interested Job", status="interested")
    make_job(alice, title="Untracked Job")
    response = alice_client.get(URL)
    assert sorted(titles(response)) == ["Interested Job", "Untracked Job"]
    body = response.content.decode()
    assert "those you marked <em>Interested</em>" in body
    assert "Applied Job" not in body and "Interview Job" not in body


def test_top_five_by_default_and_more_on_request(alice, alice_client):
    for i in range(60):
        make_job(alice, title=f"Job {i}", tech_stack=["Python"])
    response = alice_client.get(URL)
    assert len(response.context["items"]) == 5
    assert 'href="?n=10"' in response.content.decode()
    assert len(alice_client.get(URL, {"n": 20}).context["items"]) == 20
    assert len(alice_client.get(URL, {"n": 500}).context["items"]) == 50  # capped
    assert len(alice_client.get(URL, {"n": "lots"}).context["items"]) == 5


@pytest.mark.parametrize(("raw", "n"), [(None, 5), ("10", 10), ("0", 1), ("-3", 1), ("51", 50), ("x", 5), ("7.5", 5)])
def test_clamp_n(raw, n):
    assert clamp_n(raw) == n


def test_empty_state_without_jobs(alice_client):
    body = alice_client.get(URL).content.decode()
    assert "No jobs yet" in body
    assert reverse("jobs:create") in body


def test_empty_state_when_everything_is_applied(alice, alice_client):
    make_application(alice, status="applied")
    body = alice_client.get(URL).content.decode()
    assert "Nothing left to recommend" in body


def test_an_empty_profile_links_to_settings(bob, bob_client):
    make_job(bob, title="Some job")
    body = bob_client.get(URL).content.decode()
    assert "Your profile is empty" in body
    assert reverse("profile:settings") in body
    assert "Some job" in body


def test_bob_sees_none_of_alices_jobs(alice, bob, bob_client):
    make_job(alice, title="Alice's secret job")
    response = bob_client.get(URL)
    assert "Alice's secret job" not in response.content.decode()
    assert response.context["ranking"].total_jobs == 0


def test_the_ranking_is_cached_and_refreshed_when_a_job_is_added(alice, alice_client):
    make_job(alice, title="First job", tech_stack=["Go"])
    assert titles(alice_client.get(URL)) == ["First job"]
    make_job(alice, title="Second job", tech_stack=["Python", "Django"])
    assert titles(alice_client.get(URL)) == ["Second job", "First job"]


def test_the_ranking_is_refreshed_when_the_profile_changes(alice, alice_client):
    job = make_job(alice, title="Go job", tech_stack=["Go"])
    assert alice_client.get(URL).context["items"][0].match.missing_skills == ("Go",)
    alice_client.post(
        reverse("profile:settings"),
        {
            "skills": "Go",
            "experience_level": "senior",
            "target_roles": "",
            "preferred_locations": "Berlin",
            "remote_preference": "any",
            "timezone": "UTC",
            "morning_hour": 8,
            "evening_hour": 20,
        },
    )
    assert Profile.objects.get(user=alice).skills == ["Go"]
    assert alice_client.get(URL).context["items"][0].match.matched_skills == ("Go",)
    start_application(user=alice, job=job)  # still interested: still recommended
    assert titles(alice_client.get(URL)) == ["Go job"]


def test_cached_values_pickle(alice):
    import pickle

    make_job(alice, tech_stack=["Python"])
    ranking = recommendations_for(alice)
    assert pickle.loads(pickle.dumps(ranking)) == ranking


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_jobs(alice, alice_client, count, django_assert_max_num_queries):
    populate(alice, count)
    prime(alice_client, URL)
    with django_assert_max_num_queries(6):  # session, user, profile; scores, top rows, job count
        cold = alice_client.get(URL)
    forget_pages()  # the insights cache is warm; the page is rendered again
    with django_assert_max_num_queries(3):  # cached
        warm = alice_client.get(URL)
    for response in (cold, warm):
        assert response.status_code == 200
        titles = [item.title for item in response.context["items"]]
        assert titles and all(title in response.content.decode() for title in titles)


def test_same_query_count_for_1_and_30_jobs(alice, bob, client):
    assert_same_queries_for_1_and_30_jobs(client, URL, alice, bob)
