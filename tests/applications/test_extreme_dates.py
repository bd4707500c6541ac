"""Dates at the edge of the calendar: refused in every form with a message (2000–2100), and an
interview stored before that rule (year 9999) never breaks its .ics, the calendar feed, the
application page in a far-east time zone, or the board."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from applications.models import Application, Interview
from applications.services import move_application
from copilot.accounts.services import get_profile
from copilot.middleware import SESSION_KEY
from tests.factories import make_application

END_OF_TIME = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)  # an hour's interview ends in year 10000
FAR_EAST = "Pacific/Kiritimati"  # UTC+14: the start is already in year 10000 there


@pytest.fixture
def application(alice):
    return make_application(alice, status="applied")


@pytest.fixture
def stored_at_the_end_of_time(application):
    """Saved without validation, as rows stored before dates were checked were."""
    return Interview.objects.create(application=application, starts_at=END_OF_TIME, duration_minutes=60,
                                    kind="phone")


def in_far_east(client, user) -> None:
    profile = get_profile(user)
    profile.timezone = FAR_EAST
    profile.save()
    session = client.session
    session[SESSION_KEY] = FAR_EAST
    session.save()


# --------------------------------------------------------------------------- forms refuse them


@pytest.mark.parametrize("starts_at", ["9999-12-31T23:59", "1999-12-31T12:00", "2101-01-01T09:00"])
def test_an_interview_outside_2000_to_2100_is_refused_with_a_message(alice_client, application, starts_at):
    response = alice_client.post(reverse("applications:interview_add", args=[application.pk]),
                                 {"starts_at": starts_at, "duration_minutes": 60, "kind": "phone"})
    assert response.status_code == 400
    assert "Use a date between 2000 and 2100." in response.content.decode()
    assert not Interview.objects.exists()


def test_an_interview_on_the_last_evening_of_2100_is_accepted(alice_client, application):
    response = alice_client.post(reverse("applications:interview_add", args=[application.pk]),
                                 {"starts_at": "2100-12-31T23:00", "duration_minutes": 600, "kind": "phone"})
    assert response.status_code == 302
    assert Interview.objects.count() == 1


def test_the_date_pickers_offer_only_the_window(alice_client, application):
    html = alice_client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert 'min="2000-01-01T00:00"' in html and 'max="2100-12-31T23:59"' in html
    assert 'min="2000-01-01"' in html and 'max="2100-12-31"' in html


@pytest.mark.parametrize("field", ["applied_date", "follow_up_date"])
def test_application_dates_outside_the_window_are_refused(alice_client, application, field):
    response = alice_client.post(reverse("applications:dates", args=[application.pk]), {field: "9999-12-31"})
    assert response.status_code == 400
    assert "Use a date between 2000 and 2100." in response.content.decode()
    application.refresh_from_db()
    assert getattr(application, field) != date(9999, 12, 31)


# --------------------------------------------------------------------------- stored ones still render


def test_its_ics_file_still_downloads(alice_client, stored_at_the_end_of_time):
    response = alice_client.get(reverse("applications:interview_ics", args=[stored_at_the_end_of_time.pk]))
    assert response.status_code == 200
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == END_OF_TIME
    assert event.decoded("dtend") == END_OF_TIME  # its end would be past the calendar


def test_the_private_feed_still_lists_it_and_the_others(client, alice, application, stored_at_the_end_of_time):
    Interview.objects.create(application=application, starts_at=datetime(2030, 5, 6, 9, 0, tzinfo=UTC),
                             duration_minutes=45, kind="video")
    response = client.get(reverse("applications:calendar_feed", args=[get_profile(alice).calendar_token]))
    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


def test_the_application_page_in_a_far_east_zone_shows_it_in_utc(alice_client, alice, application,
                                                                  stored_at_the_end_of_time):
    in_far_east(alice_client, alice)
    response = alice_client.get(reverse("applications:detail", args=[application.pk]))
    assert response.status_code == 200
    assert "Fri 31 Dec, 23:30 UTC" in response.content.decode()  # SHORT_DATETIME_FORMAT: no year


def test_the_board_in_a_far_east_zone_still_renders(alice_client, alice, stored_at_the_end_of_time):
    in_far_east(alice_client, alice)
    response = alice_client.get(reverse("applications:board"))
    assert response.status_code == 200


def test_moving_an_application_with_a_stored_end_of_time_applied_date_answers(alice):
    application = make_application(alice, status="interested")
    Application.objects.filter(pk=application.pk).update(applied_date=date(9999, 12, 31))
    moved = move_application(application=application, status="applied")
    assert moved.status == "applied" and moved.follow_up_date is None
