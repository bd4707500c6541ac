"""The skill gap page: /insights/skills/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applications.services import start_application
from tests.factories import make_job
from tests.insights.helpers import assert_same_queries_for_1_and_30_jobs, populate, prime

URL = reverse("insights:skill_gap")


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


def test_it_shows_counts_coverage_and_what_to_learn(alice, alice_client):
    # alice has Python, Django, PostgreSQL
    make_job(alice, tech_stack=["Python", "Django"])
    make_job(alice, tech_stack=["Python", "Postgres", "Kubernetes"])
    make_job(alice, tech_stack=["k8s", "Go"])
    response = alice_client.get(URL)
    gap = response.context["gap"]
    assert [(s.name, s.count) for s in gap.missing] == [("Kubernetes", 2), ("Go", 1)]
    assert gap.coverage == 57  # 4 of 7 mentions
    body = response.content.decode()
    assert "57%" in body
    assert "Required by 2 of your 3 jobs, often alongside PostgreSQL, which you know (1 job)" in body


def test_it_shows_the_split_and_soft_skills_apart(alice, alice_client):
    make_job(alice, tech_stack=["Go"], preferred_stack=["Rust"], soft_skills=["Mentoring", "German"])
    make_job(alice, tech_stack=["Rust"], soft_skills=["Mentoring"])
    body = alice_client.get(URL).content.decode()
    top = body.split("to learn</h2>")[1].split("</section>")[0]
    assert "Required by 1 of your 2 jobs and nice to have in 1 more" in top  # Rust
    assert "Mentoring" not in top and "German" not in top
    also = body.split("<h2>Also asked</h2>")[1].split("</section>")[0]
    assert "Mentoring · 2" in also and "German · 1" in also
    assert "Rust · 1 + 1 nice to have" in body


def test_tracked_scope_counts_only_jobs_with_an_application(alice, alice_client):
    make_job(alice, tech_stack=["Rust"])
    tracked = make_job(alice, tech_stack=["Go"])
    start_application(user=alice, job=tracked)
    gap = alice_client.get(URL, {"scope": "tracked"}).context["gap"]
    assert [s.name for s in gap.market] == ["Go"]
    assert gap.jobs == 1
    assert alice_client.get(URL, {"scope": "nonsense"}).context["scope"] == "all"


def test_empty_state_without_jobs(alice_client):
    body = alice_client.get(URL).content.decode()
    assert "No jobs yet" in body


def test_empty_state_without_tracked_jobs(alice, alice_client):
    make_job(alice, tech_stack=["Go"])
    assert "You track no jobs yet" in alice_client.get(URL, {"scope": "tracked"}).content.decode()


def test_empty_state_when_no_job_lists_a_stack(alice, alice_client):
    make_job(alice, title="Engineer", description_html="<p>A nice team.</p>")  # no discipline in the title
    assert "None of these jobs lists a tech stack" in alice_client.get(URL).content.decode()


def test_a_profile_without_skills_is_told_so(bob, bob_client):
    make_job(bob, tech_stack=["Go"])
    body = bob_client.get(URL).content.decode()
    assert "Your profile lists no skills" in body
    assert reverse("profile:settings") in body


def test_bob_sees_none_of_alices_skills(alice, bob_client):
    make_job(alice, tech_stack=["Haskell"])
    response = bob_client.get(URL)
    assert "Haskell" not in response.content.decode()
    assert response.context["gap"].jobs == 0


def test_the_page_changes_after_a_job_is_added(alice, alice_client):
    make_job(alice, tech_stack=["Go"])
    assert [s.name for s in alice_client.get(URL).context["gap"].missing] == ["Go"]
    make_job(alice, tech_stack=["Rust", "Go"])
    assert [(s.name, s.count) for s in alice_client.get(URL).context["gap"].missing] == [("Go", 2), ("Rust", 1)]


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_jobs(alice, alice_client, count, django_assert_max_num_queries):
    populate(alice, count)
    prime(alice_client, URL)
    with django_assert_max_num_queries(4):  # session, user, profile, stacks
        response = alice_client.get(URL)
    assert response.status_code == 200
    assert "PostgreSQL" in response.content.decode()  # asked by the first job, on alice's profile


def test_same_query_count_for_1_and_30_jobs(alice, bob, client):
    assert_same_queries_for_1_and_30_jobs(client, URL, alice, bob)
