from datetime import date, timedelta

from django.utils import timezone

from applications.queries import follow_ups
from applications.services import move_application, update_dates
from tests.factories import make_application


def test_follow_ups_split_overdue_and_due_today_and_closed_never_nag(alice, bob):
    today = timezone.localdate()
    overdue = make_application(alice, status="applied", title="Overdue")
    due = make_application(alice, status="applied", title="Due")
    later = make_application(alice, status="applied", title="Later")
    closed = make_application(alice, status="applied", title="Closed")
    update_dates(application=overdue, applied_date=today - timedelta(days=10), follow_up_date=today - timedelta(days=3))
    update_dates(application=due, applied_date=today - timedelta(days=7), follow_up_date=today)
    update_dates(application=later, applied_date=today, follow_up_date=today + timedelta(days=7))
    move_application(application=closed, status="rejected")
    update_dates(application=closed, applied_date=today - timedelta(days=10), follow_up_date=today - timedelta(days=1))
    theirs = make_application(bob, status="applied", title="Bob's")
    update_dates(application=theirs, applied_date=today - timedelta(days=9), follow_up_date=today - timedelta(days=2))

    result = follow_ups(alice, today=today)
    assert [a.job.title for a in result.overdue] == ["Overdue"]
    assert [a.job.title for a in result.due_today] == ["Due"]


def test_no_follow_ups_is_falsy(alice):
    assert not follow_ups(alice, today=date(2026, 1, 1))
