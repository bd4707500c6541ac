from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from applications.models import Application, Interview, TimelineEvent
from applications.services import schedule_interview
from tests.factories import make_application, make_job


@pytest.fixture
def application(alice):
    return make_application(alice, status="applied", title="Staff Engineer", company="Northwind")


@pytest.fixture
def interview(application):
    return schedule_interview(application=application, starts_at=timezone.now() + timedelta(days=2),
                              duration_minutes=45, kind="video", location="https://meet.example/abc",
                              notes="Bring questions")


OWNED_URLS = [
    ("applications:detail", "get"), ("applications:move", "post"), ("applications:note_add", "post"),
    ("applications:dates", "post"), ("applications:interview_add", "post"),
]


@pytest.mark.parametrize(("name", "method"), OWNED_URLS)
def test_another_user_gets_404_on_every_application_url(bob_client, application, name, method):
    response = getattr(bob_client, method)(reverse(name, args=[application.pk]), {"status": "offer", "text": "x"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "applied" and not application.dated_notes.exists()


@pytest.mark.parametrize("name", ["applications:interview_ics", "applications:interview_delete"])
def test_another_user_gets_404_on_interview_urls(bob_client, interview, name):
    method = bob_client.post if name.endswith("delete") else bob_client.get
    assert method(reverse(name, args=[interview.pk])).status_code == 404
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_tracking_another_users_job_is_a_404(bob_client, alice):
    job = make_job(alice)
    assert bob_client.post(reverse("applications:track", args=[job.pk])).status_code == 404
    assert not Application.objects.exists()


def test_track_button_creates_an_interested_application(alice_client, alice):
    job = make_job(alice)
    response = alice_client.post(reverse("applications:track", args=[job.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Interested" in response.content.decode()
    assert Application.objects.get(job=job).status == "interested"


def test_track_needs_post(alice_client, alice):
    assert alice_client.get(reverse("applications:track", args=[make_job(alice).pk])).status_code == 405


def test_move_records_the_timeline_once_and_redraws_the_board(alice_client, application):
    response = alice_client.post(reverse("applications:move", args=[application.pk]),
                                 {"status": "interview", "return": "board"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="board"' in response.content.decode()
    assert TimelineEvent.objects.filter(application=application, to_status="interview").count() == 1


def test_unknown_status_is_refused_and_nothing_changes(alice_client, application):
    response = alice_client.post(reverse("applications:move", args=[application.pk]), {"status": "hired"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == "applied"
    assert not TimelineEvent.objects.filter(application=application, to_status="hired").exists()


def test_detail_shows_timeline_notes_and_interviews(alice_client, application, interview):
    alice_client.post(reverse("applications:note_add", args=[application.pk]), {"text": "Sent portfolio"})
    html = alice_client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "Started as" in html and "Sent portfolio" in html and "Video call" in html


def test_bad_dates_show_an_error_and_change_nothing(alice_client, application):
    before = (application.applied_date, application.follow_up_date)
    response = alice_client.post(reverse("applications:dates", args=[application.pk]),
                                 {"applied_date": "2026-05-10", "follow_up_date": "2026-05-01"})
    assert response.status_code == 400
    assert "cannot be before" in response.content.decode()
    application.refresh_from_db()
    assert (application.applied_date, application.follow_up_date) == before


def test_interview_form_validates(alice_client, application):
    response = alice_client.post(reverse("applications:interview_add", args=[application.pk]),
                                 {"starts_at": "not a date", "duration_minutes": "-5", "kind": "video"})
    assert response.status_code == 400
    assert not Interview.objects.exists()


def test_interview_ics_parses_back(alice_client, interview):
    response = alice_client.get(reverse("applications:interview_ics", args=[interview.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Video call: Staff Engineer at Northwind"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=45)
    assert str(event["location"]) == "https://meet.example/abc"


def test_calendar_feed_needs_the_right_token_and_no_login(client, alice, interview):
    token = alice.profile.calendar_token
    response = client.get(reverse("applications:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert len(list(Calendar.from_ical(response.content).walk("VEVENT"))) == 1
    assert client.get(reverse("applications:calendar_feed", args=["x" * 32])).status_code == 404
    assert client.get(reverse("applications:calendar_feed", args=[token[:-1]])).status_code == 404


def test_calendar_feed_stops_working_after_reset(alice_client, alice, interview):
    old = alice.profile.calendar_token
    alice_client.post(reverse("accounts:reset_calendar_token"))
    assert alice_client.get(reverse("applications:calendar_feed", args=[old])).status_code == 404


def test_feed_of_one_user_never_shows_another_users_interviews(client, alice, bob, interview):
    response = client.get(reverse("applications:calendar_feed", args=[bob.profile.calendar_token]))
    assert list(Calendar.from_ical(response.content).walk("VEVENT")) == []


def _pages_query_count_constant(client, url, django_assert_max_num_queries, grow):
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        response = client.get(url)
    assert response.status_code == 200 and "Backend Engineer" in response.content.decode()
    grow()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Role 0" in response.content.decode() and "Role 29" in response.content.decode()


# The board loads one page per open column and folds closed ones: its own counts are in test_board.py.
@pytest.mark.parametrize("url_name", ["applications:table"])
def test_board_and_table_query_counts_do_not_grow(alice_client, alice, url_name, django_assert_max_num_queries):
    make_application(alice, status="applied")

    def grow():
        for n, status in enumerate(["interested", "applied", "interview", "offer", "rejected"] * 6):
            app = make_application(alice, status=status, title=f"Role {n}")
            if n % 3 == 0:
                schedule_interview(application=app, starts_at=timezone.now() + timedelta(days=n + 1), kind="phone")

    _pages_query_count_constant(alice_client, reverse(url_name), django_assert_max_num_queries, grow)


def test_board_shows_columns_with_counts_and_only_my_cards(alice_client, alice, bob):
    make_application(alice, status="applied", title="Mine")
    make_application(bob, status="applied", title="Not mine")
    response = alice_client.get(reverse("applications:board"))
    columns = {c.status: c.count for c in response.context["columns"]}
    assert columns["applied"] == 1 and sum(columns.values()) == 1
    assert "Not mine" not in response.content.decode()


def test_table_inline_status_change_returns_the_row(alice_client, application):
    response = alice_client.post(reverse("applications:move", args=[application.pk]),
                                 {"status": "offer", "return": "row"}, headers={"HX-Request": "true"})
    assert f'id="app-{application.pk}"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == "offer"


def test_admin_lists_applications_and_timeline_events(client, application):
    from copilot.accounts.models import User

    admin = User.objects.create_superuser("root", "root@example.com", "pw-for-admin-123")
    client.force_login(admin)
    for url in ["/admin/applications/application/?status=applied", "/admin/applications/timelineevent/",
                f"/admin/applications/application/{application.pk}/change/", "/admin/jobs/job/?q=Northwind"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Staff Engineer" in client.get("/admin/applications/application/").content


def test_removing_an_interview_updates_the_dashboard_data(alice_client, alice, interview):
    from copilot.accounts.models import Profile

    before = Profile.objects.get(user=alice).data_version
    response = alice_client.post(reverse("applications:interview_delete", args=[interview.pk]))
    assert response.status_code == 302
    assert not Interview.objects.filter(pk=interview.pk).exists()
    assert Profile.objects.get(user=alice).data_version == before + 1
