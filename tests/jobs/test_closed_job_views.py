"""Closed postings on the job pages: the list's default and its "Posting" filter, the badge, and the
user's own "Mark as closed" / "Reopen"."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from copilot.accounts.models import Profile
from jobs.models import ClosedBy, Job
from tests.factories import make_application, make_job

LIST = reverse("jobs:list")


def close(job, *, by=ClosedBy.BOARD, archived=False) -> Job:
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(closed_at=now, closed_by=by, archived_at=now if archived else None)
    job.refresh_from_db()
    return job


def listed(client, **params) -> list[str]:
    return [job.title for job in client.get(LIST, params).context["jobs"]]


def test_closed_jobs_leave_the_list_and_its_best_match_order_but_the_closed_filter_finds_them(alice, alice_client):
    make_job(alice, title="Open Role", tech_stack=["Python"])
    close(make_job(alice, title="Closed Role", tech_stack=["Python", "Django", "PostgreSQL"]))
    close(make_job(alice, title="Archived Role"), archived=True)
    assert listed(alice_client) == ["Open Role"]
    assert listed(alice_client, sort="score") == ["Open Role"]
    assert listed(alice_client, state="closed") == ["Closed Role"]
    assert listed(alice_client, state="archived") == ["Archived Role"]
    assert sorted(listed(alice_client, state="all")) == ["Archived Role", "Closed Role", "Open Role"]
    assert "1 closed job</a> not shown" in alice_client.get(LIST).content.decode()


def test_a_closed_job_carries_a_closed_badge_in_the_list_and_on_its_page(alice, alice_client):
    job = close(make_job(alice, title="Closed Role"))
    row = alice_client.get(LIST, {"state": "closed"}).content.decode()
    closed_on = timezone.localtime(job.closed_at, ZoneInfo(alice.profile.timezone))  # shown in Alice's zone
    assert 'class="badge closed"' in row and "Closed " + closed_on.strftime("%-d %b") in row
    page = alice_client.get(job.get_absolute_url()).content.decode()
    assert 'class="badge closed"' in page and "This posting is closed" in page
    assert "no longer listed by its board" in page
    assert 'class="badge closed"' not in alice_client.get(make_job(alice).get_absolute_url()).content.decode()


def test_the_board_card_and_the_application_page_show_the_badge(alice, alice_client):
    application = make_application(alice, title="Tracked Closed Role", status="applied")
    close(application.job)
    board = alice_client.get(reverse("applications:board")).content.decode()
    assert 'class="badge closed"' in board
    detail = alice_client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert 'class="badge closed"' in detail


def test_the_board_shows_closed_jobs_without_a_query_per_card(alice, alice_client, django_assert_max_num_queries):
    for n in range(3):
        close(make_application(alice, title=f"Role {n}", status="applied").job)
    alice_client.get(reverse("applications:board"))
    with django_assert_max_num_queries(12) as few:
        alice_client.get(reverse("applications:board"))
    for n in range(3, 13):
        close(make_application(alice, title=f"Role {n}", status="applied").job)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert alice_client.get(reverse("applications:board")).status_code == 200


def test_a_user_marks_any_job_closed_and_reopens_it(alice, alice_client):
    job = make_job(alice, title="Hand-added Role")
    version = Profile.objects.get(user=alice).data_version
    response = alice_client.post(reverse("jobs:close", args=[job.pk]))
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.closed_at is not None and job.closed_by == ClosedBy.USER
    assert Profile.objects.get(user=alice).data_version > version
    assert "Reopen" in alice_client.get(job.get_absolute_url()).content.decode()

    alice_client.post(reverse("jobs:reopen", args=[job.pk]))
    job.refresh_from_db()
    assert (job.closed_at, job.closed_by, job.archived_at) == (None, "", None)
    assert "Mark as closed" in alice_client.get(job.get_absolute_url()).content.decode()


def test_closing_and_reopening_take_post_only(alice, alice_client):
    job = make_job(alice)
    assert alice_client.get(reverse("jobs:close", args=[job.pk])).status_code == 405
    assert alice_client.get(reverse("jobs:reopen", args=[job.pk])).status_code == 405


def test_reopening_an_archived_job_brings_it_back_to_the_list(alice, alice_client):
    job = close(make_job(alice, title="Archived Role"), archived=True)
    alice_client.post(reverse("jobs:reopen", args=[job.pk]))
    assert listed(alice_client) == ["Archived Role"]
