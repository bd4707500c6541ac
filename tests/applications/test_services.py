from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from applications.models import Application, TimelineEvent
from applications.services import add_note, move_application, start_application, update_dates
from tests.factories import make_job


@pytest.fixture
def job(alice):
    return make_job(alice)


def test_tracking_starts_as_interested_with_one_event(alice, job):
    application = start_application(user=alice, job=job)
    assert application.status == "interested"
    assert [(e.from_status, e.to_status) for e in application.events.all()] == [("", "interested")]


def test_tracking_twice_returns_the_same_application(alice, job):
    assert start_application(user=alice, job=job).pk == start_application(user=alice, job=job).pk
    assert Application.objects.count() == 1 and TimelineEvent.objects.count() == 1


def test_cannot_track_another_users_job(bob, job):
    with pytest.raises(ValidationError):
        start_application(user=bob, job=job)


@time_machine.travel("2026-03-10 12:00:00+00:00", tick=False)
def test_applied_stamps_dates_and_sets_the_follow_up(alice, job):
    application = move_application(application=start_application(user=alice, job=job), status="applied")
    job.refresh_from_db()
    assert application.applied_date == date(2026, 3, 10)
    assert job.date_applied == date(2026, 3, 10)
    assert application.follow_up_date == date(2026, 3, 17)


def test_applied_keeps_a_date_the_user_set(alice, job):
    job.date_applied = date(2026, 1, 5)
    job.save()
    application = move_application(application=start_application(user=alice, job=job), status="applied")
    assert application.applied_date == date(2026, 1, 5)
    assert application.follow_up_date == date(2026, 1, 12)


def test_each_move_is_recorded_exactly_once(alice, job):
    application = start_application(user=alice, job=job)
    for status in ["applied", "interview", "interview", "rejected"]:
        note = "call went well" if status == "interview" else ""
        application = move_application(application=application, status=status, note=note)
    moves = [(e.from_status, e.to_status, e.note) for e in application.events.all()]
    assert moves == [("", "interested", ""), ("interested", "applied", ""), ("applied", "interview", "call went well"),
                     ("interview", "rejected", "")]


def test_an_unknown_status_is_refused_and_nothing_changes(alice, job):
    application = start_application(user=alice, job=job)
    with pytest.raises(ValidationError):
        move_application(application=application, status="hired")
    application.refresh_from_db()
    assert application.status == "interested" and application.events.count() == 1


def test_closing_clears_the_follow_up(alice, job):
    application = move_application(application=start_application(user=alice, job=job), status="applied")
    assert application.follow_up_date
    application = move_application(application=application, status="withdrawn")
    assert application.follow_up_date is None


def test_follow_up_can_be_edited_and_cleared(alice, job):
    application = move_application(application=start_application(user=alice, job=job), status="applied")
    update_dates(application=application, applied_date=application.applied_date, follow_up_date=None)
    application.refresh_from_db()
    assert application.follow_up_date is None
    update_dates(application=application, applied_date=application.applied_date,
                 follow_up_date=application.applied_date + timedelta(days=3))
    application.refresh_from_db()
    assert application.follow_up_date == application.applied_date + timedelta(days=3)


def test_notes_are_dated_and_empty_notes_refused(alice, job):
    application = start_application(user=alice, job=job)
    note = add_note(application=application, text="  Recruiter: Sam  ")
    assert note.text == "Recruiter: Sam" and note.created_at
    with pytest.raises(ValidationError):
        add_note(application=application, text="   ")
