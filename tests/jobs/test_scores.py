"""Stored match scores (jobs.scores): ``Job.match_score`` always equals the score the job page explains,
after job, profile and taxonomy (rules) changes; many jobs are rescored by a worker while the list says so."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from copilot.accounts.models import Profile
from jobs import scores
from jobs.models import Job, ScoringRules
from jobs.sources import Posting
from jobs.sources.ingest import store_postings
from tests.factories import make_job

PROFILE_FORM = {"skills": "Go, Kubernetes", "experience_level": "mid", "preferred_locations": "Remote - EU",
                "remote_preference": "remote", "timezone": "Europe/Berlin", "morning_hour": "8", "evening_hour": "20"}


def varied_jobs(user) -> list[Job]:
    """Jobs covering each rule: levels from title and text, nice-to-haves, remote scopes, local place names."""
    return [
        make_job(user, title="Engineer", requirements="5+ years of experience with Python", tech_stack=["Python"]),
        make_job(user, title="Developer", description_html="<p>An entry-level role.</p>", tech_stack=["Go"],
                 location="Remote - EU", remote_option="remote"),
        make_job(user, title="Sr. Engineer", tech_stack=["postgres", "Kubernetes"], location="Berlin",
                 remote_option="onsite"),
        make_job(user, title="Backend Engineer", tech_stack=["Python", "Django", "Kafka"],
                 preferred_stack=["PostgreSQL", "Rust"], location="Remote (US only)"),
        make_job(user, title="Engineering Manager", tech_stack=["Python"], location="Warszawa, Poland",
                 remote_option="hybrid"),
        make_job(user, title="Platform Engineer", description_html="<p>mindestens 3 Jahre Berufserfahrung</p>",
                 location="Berlin, DE; Remote", preferred_stack=["Go"]),
        make_job(user, title="Data Analyst", description_html="<p>SQL and Tableau.</p>", location=""),
    ]


def assert_stored_equals_explained(client, user) -> None:
    jobs = list(Job.objects.for_user(user))
    assert jobs
    for job in jobs:
        explained = client.get(reverse("jobs:detail", args=[job.pk])).context["match"].total
        assert job.match_score == explained, job.title


def test_every_new_job_stores_the_score_its_page_explains(alice, alice_client):
    varied_jobs(alice)
    assert len({job.match_score for job in Job.objects.for_user(alice)}) > 3  # the jobs really differ
    assert_stored_equals_explained(alice_client, alice)


def test_an_edited_job_is_scored_again(alice, alice_client):
    job = make_job(alice, title="Engineer", tech_stack=["COBOL"], location="Tokyo", remote_option="onsite")
    before = Job.objects.get(pk=job.pk).match_score
    response = alice_client.post(reverse("jobs:edit", args=[job.pk]), {
        "title": "Senior Engineer", "company": "Acme", "location": "Berlin, Germany", "remote_option": "hybrid",
        "tech_stack": "Python, Django, PostgreSQL", "description_html": "", "requirements": ""})
    assert response.status_code == 302
    assert Job.objects.get(pk=job.pk).match_score > before
    assert_stored_equals_explained(alice_client, alice)


def test_a_profile_change_rescores_every_job_at_once_when_there_are_few(alice, alice_client):
    varied_jobs(alice)
    scored = dict(Job.objects.for_user(alice).values_list("id", "match_score"))
    response = alice_client.post("/settings/", PROFILE_FORM)
    assert response.status_code == 302
    assert dict(Job.objects.for_user(alice).values_list("id", "match_score")) != scored
    profile = Profile.objects.get(user=alice)
    assert not scores.scores_pending(profile)
    assert_stored_equals_explained(alice_client, alice)


def test_saving_the_profile_unchanged_for_the_score_rescores_nothing(alice, alice_client,
                                                                      django_capture_on_commit_callbacks):
    make_job(alice)
    version = Profile.objects.get(user=alice).match_version
    form = {**PROFILE_FORM, "skills": "Python, Django, PostgreSQL", "experience_level": "senior",
            "preferred_locations": "Berlin, Germany", "remote_preference": "any", "morning_hour": "6"}
    with django_capture_on_commit_callbacks() as callbacks:
        alice_client.post("/settings/", form)
    assert callbacks == []
    assert Profile.objects.get(user=alice).match_version == version


def test_many_jobs_are_rescored_by_a_worker_while_the_list_says_so(alice, alice_client, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    monkeypatch.setattr(scores, "INLINE_LIMIT", 3)
    varied_jobs(alice)
    with django_capture_on_commit_callbacks() as callbacks:
        response = alice_client.post("/settings/", PROFILE_FORM, follow=True)
    assert "being refreshed in the background" in response.content.decode()
    assert len(callbacks) == 1  # the task is queued once the profile is committed
    page = alice_client.get(reverse("jobs:list"), {"sort": "score"}).content.decode()
    assert "Match scores are being refreshed" in page
    callbacks[0]()  # the worker runs the task (tests run django-q2 tasks synchronously)
    assert not scores.scores_pending(Profile.objects.get(user=alice))
    assert "being refreshed" not in alice_client.get(reverse("jobs:list"), {"sort": "score"}).content.decode()
    assert_stored_equals_explained(alice_client, alice)


def test_a_recomputation_that_read_an_older_profile_leaves_it_pending(alice, monkeypatch):
    make_job(alice)
    Profile.objects.filter(user=alice).update(match_version=3, scored_version=1)
    profile = Profile.objects.get(user=alice)

    def profile_changes_meanwhile(*args, **kwargs):
        Profile.objects.filter(user=alice).update(match_version=4)
        return {}

    original = scores.queryset_totals
    monkeypatch.setattr(scores, "queryset_totals", lambda *a, **k: (profile_changes_meanwhile(), original(*a, **k))[1])
    scores.rescore_user(alice.pk)
    profile.refresh_from_db()
    assert (profile.match_version, profile.scored_version) == (4, 1)
    assert scores.scores_pending(profile)


def test_new_rules_rescore_every_job_when_jobs_are_re_read(alice, bob, alice_client):
    """A deploy changing the taxonomy or the scoring code: reread_jobs (bin/run, deploys) recomputes all."""
    varied_jobs(alice)
    make_job(bob, tech_stack=["Go"])
    ScoringRules.objects.update_or_create(pk=1, defaults={"rules": "0-older-taxonomy"})
    Job.objects.update(match_score=0)  # what older rules stored
    out = StringIO()
    call_command("reread_jobs", "--outdated", stdout=out)
    assert "Match scores recomputed for 2 users" in out.getvalue()
    assert ScoringRules.objects.get().rules == scores.RULES
    assert_stored_equals_explained(alice_client, alice)
    assert Job.objects.get(user=bob).match_score > 0
    # Same rules, nothing stale: nothing is recomputed.
    out = StringIO()
    call_command("reread_jobs", "--outdated", stdout=out)
    assert "Match scores recomputed" not in out.getvalue()


def test_after_the_migration_every_profile_is_rescored_once(alice, alice_client):
    varied_jobs(alice)
    Job.objects.update(match_score=0)
    Profile.objects.update(match_version=1)  # what the migration adding the column does
    call_command("reread_jobs", "--outdated", stdout=StringIO())
    assert not scores.scores_pending(Profile.objects.get(user=alice))
    assert_stored_equals_explained(alice_client, alice)


def test_a_taxonomy_change_re_read_into_a_job_updates_its_score(alice, alice_client):
    job = make_job(alice, title="Engineer", description_html="<p>We use Python and Django every day.</p>")
    # As stored by older rules that read no skills out of this posting.
    Job.objects.filter(pk=job.pk).update(tech_stack=[], derived_version=0, match_score=0)
    call_command("reread_jobs", "--outdated", stdout=StringIO())
    job.refresh_from_db()
    assert job.tech_stack and job.match_score > 0
    assert_stored_equals_explained(alice_client, alice)


def test_jobs_from_a_board_store_their_scores(alice, alice_client, django_assert_num_queries):
    postings = [Posting(source="greenhouse", external_id=str(n), title=title, company="Acme", location=place,
                        tech_stack=stack) for n, (title, place, stack) in enumerate([
                            ("Senior Backend Engineer", "Berlin, Germany", ("Python", "Django")),
                            ("Junior Developer", "Tokyo", ("Java",)),
                            ("Engineer", "Remote - EU", ()),
                        ])]
    with django_assert_num_queries(3):  # the user's jobs, their profile (read once), one insert
        store_postings(user_id=alice.pk, source="greenhouse", postings=postings)
    assert Job.objects.filter(user=alice).count() == 3
    assert_stored_equals_explained(alice_client, alice)


def test_the_sweep_queues_again_a_recomputation_whose_worker_died(alice, alice_client):
    varied_jobs(alice)
    Job.objects.update(match_score=0)
    long_ago = timezone.now() - scores.STALE_AFTER - timedelta(minutes=1)
    Profile.objects.filter(user=alice).update(match_version=2, scored_version=1, updated_at=long_ago)
    from jobs.tasks import recover_abandoned_work

    assert recover_abandoned_work()["rescores"] == 1  # tests run tasks synchronously
    assert not scores.scores_pending(Profile.objects.get(user=alice))
    assert_stored_equals_explained(alice_client, alice)


@pytest.mark.parametrize("count", [1, 30])
def test_the_best_match_order_is_the_stored_one(alice, alice_client, count):
    for i in range(count):
        make_job(alice, title=f"Job {i}", tech_stack=[["Python", "Django"], ["Go"], ["COBOL"]][i % 3],
                 location=["Berlin", "Tokyo"][i % 2])
    shown = list(alice_client.get(reverse("jobs:list"), {"sort": "score"}).context["jobs"])
    expected = list(Job.objects.for_user(alice).order_by("-match_score", "-id")[:25])
    assert [job.pk for job in shown] == [job.pk for job in expected]
