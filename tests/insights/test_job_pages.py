"""The match breakdown on the job detail page and the "Best match" sort of the jobs list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs.matching import match_job
from tests.factories import make_job
from tests.insights.helpers import populate


def test_job_detail_shows_the_match_breakdown(alice, alice_client):
    job = make_job(
        alice, title="Senior Backend Engineer", tech_stack=["Python", "Django", "Kubernetes"], location="Berlin"
    )
    response = alice_client.get(reverse("jobs:detail", args=[job.pk]))
    match = response.context["match"]
    assert match == match_job(job, alice.profile)
    body = response.content.decode()
    assert "Your match" in body
    assert f"<strong>{match.total}</strong>" in body
    assert "Matches 2 of 3 skills: Python, Django; missing: Kubernetes" in body
    assert "Senior role matches your level" in body


def test_job_detail_shows_required_and_nice_to_have_skills_and_the_place_it_understood(alice, alice_client):
    job = make_job(
        alice, title="Backend Engineer", location="Remote - EU", remote_option="remote",
        tech_stack=["Python", "Django", "PostgreSQL", "Docker", "Kafka"], preferred_stack=["Redis", "Rust", "Go"],
    )
    body = alice_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Matches 3 of 5 required and 0 of 3 nice-to-have skills (nice-to-haves count half)" in body
    assert "Remote within the EU, and Berlin, Germany is in the EU" in body
    assert "This job states no seniority" in body
    assert "Nice to have (counts half)" in body and '<li class="chip optional">' in body


def test_job_detail_of_another_user_is_a_404(alice, bob_client):
    job = make_job(alice)
    assert bob_client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_the_job_list_sorts_by_best_match(alice, alice_client):
    make_job(alice, title="Poor", tech_stack=["COBOL"], location="Tokyo", remote_option="onsite")
    make_job(alice, title="Best", tech_stack=["Python", "Django"], location="Berlin")
    make_job(alice, title="Middle", tech_stack=["Python", "Go"], location="Berlin")
    response = alice_client.get(reverse("jobs:list"), {"sort": "score"})
    assert [job.title for job in response.context["jobs"]] == ["Best", "Middle", "Poor"]
    assert [job.match_score for job in response.context["jobs"]] == sorted(
        (job.match_score for job in response.context["jobs"]), reverse=True
    )
    assert "Best match" in response.content.decode()


def test_the_best_match_sort_paginates_and_only_sees_my_jobs(alice, bob, alice_client):
    for i in range(30):
        make_job(alice, title=f"Alice {i}", tech_stack=["Python"] if i % 2 else ["Go"])
    make_job(bob, title="Bob's job", tech_stack=["Python", "Django", "PostgreSQL"])
    first = alice_client.get(reverse("jobs:list"), {"sort": "score"})
    second = alice_client.get(reverse("jobs:list"), {"sort": "score", "page": 2})
    titles = [job.title for job in first.context["jobs"]] + [job.title for job in second.context["jobs"]]
    assert len(titles) == len(set(titles)) == 30
    assert "Bob's job" not in titles
    scores = [job.match_score for job in first.context["jobs"]] + [job.match_score for job in second.context["jobs"]]
    assert scores == sorted(scores, reverse=True)


def test_best_match_sort_with_no_jobs(alice_client):
    response = alice_client.get(reverse("jobs:list"), {"sort": "score"})
    assert response.status_code == 200
    assert list(response.context["jobs"]) == []


@pytest.mark.parametrize("count", [1, 30])
def test_best_match_sort_query_count_does_not_grow(alice, alice_client, count, django_assert_max_num_queries):
    populate(alice, count)
    alice_client.get(reverse("jobs:list"))
    # the list's 6 (one counts the closed jobs it leaves out), plus the profile and the scoring query
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("jobs:list"), {"sort": "score"})
    assert response.status_code == 200
    shown = list(response.context["jobs"])
    assert len(shown) == min(count, 25)
    assert all(job.title in response.content.decode() for job in shown)


def test_the_batch_scores_from_the_database_equal_the_detail_page_scores(alice, alice_client):
    from insights.recommendations import compute_recommendations
    from jobs.matching import queryset_totals
    from jobs.models import Job

    make_job(alice, title="Engineer", requirements="5+ years of experience with Python", tech_stack=["Python"])
    make_job(
        alice,
        title="Developer",
        description_html="<p>" + "Filler. " * 70 + "An entry-level role.</p>",
        tech_stack=["Go"],
        location="Remote - EU",
    )
    make_job(alice, title="Developer", description_html="<p>An entry-level role with Postgres.</p>", location="")
    make_job(
        alice, title="Sr. Engineer", tech_stack=["postgres", "Kubernetes"], location="Berlin", remote_option="onsite"
    )
    # Nice-to-haves, no level stated, a management title, remote scopes, a local place name.
    make_job(alice, title="Backend Engineer", tech_stack=["Python", "Django", "Kafka"],
             preferred_stack=["PostgreSQL", "Rust"], location="Remote (US only)", description_html="<p>Kafka.</p>")
    make_job(alice, title="Engineering Manager", tech_stack=["Python"], location="Warszawa, Poland",
             remote_option="hybrid", soft_skills=["Communication"])
    make_job(alice, title="Platform Engineer", description_html="<p>mindestens 3 Jahre Berufserfahrung</p>",
             location="Berlin, DE; Remote", preferred_stack=["Go"])
    jobs = Job.objects.for_user(alice)
    totals = queryset_totals(jobs, alice.profile)
    ranking = {rec.job_id: rec.match for rec in compute_recommendations(alice).items}
    for job in jobs:
        detail = alice_client.get(reverse("jobs:detail", args=[job.pk])).context["match"]
        assert totals[job.pk] == detail.total
        assert ranking[job.pk] == detail
