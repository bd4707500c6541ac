"""Adding an interview offers to move the application to "Interview" and clears a follow-up it answers."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from applications.models import TimelineEvent
from applications.queries import follow_ups
from applications.services import update_dates
from tests.factories import make_application


def interview_data(days_ahead: int = 3, **extra):
    starts = timezone.localtime() + timedelta(days=days_ahead)
    return {"starts_at": starts.strftime("%Y-%m-%dT10:00"), "duration_minutes": "45", "kind": "video",
            "location": "", "notes": "", **extra}


def test_the_form_offers_the_move_only_before_the_interview_stage(alice_client, alice):
    applied = make_application(alice, status="applied")
    html = alice_client.get(reverse("applications:detail", args=[applied.pk])).content.decode()
    assert 'name="move_to_interview"' in html and "checked" in html.split('name="move_to_interview"')[1][:40]
    assert "Move this application to “Interview”" in html
    offer = make_application(alice, status="offer", title="Other")
    html = alice_client.get(reverse("applications:detail", args=[offer.pk])).content.decode()
    assert 'name="move_to_interview"' not in html


def test_accepting_the_offer_moves_the_application_and_clears_the_due_follow_up(alice_client, alice):
    application = make_application(alice, status="applied")
    today = timezone.localdate()
    update_dates(application=application, applied_date=today - timedelta(days=9),
                 follow_up_date=today - timedelta(days=2))
    response = alice_client.post(reverse("applications:interview_add", args=[application.pk]),
                                 interview_data(move_to_interview="on"), follow=True)
    application.refresh_from_db()
    assert application.status == "interview" and application.follow_up_date is None
    assert TimelineEvent.objects.filter(application=application, to_status="interview").count() == 1
    html = response.content.decode()
    assert "Interview added. The application moved to Interview. Its follow-up reminder is cleared." in html
    assert "added to your calendar" not in html  # it is in the app only, until the user exports it
    due = follow_ups(alice)
    assert application not in due.overdue + due.due_today


def test_declining_the_offer_keeps_the_status_but_still_clears_the_follow_up(alice_client, alice):
    application = make_application(alice, status="applied")
    today = timezone.localdate()
    update_dates(application=application, applied_date=today, follow_up_date=today)
    alice_client.post(reverse("applications:interview_add", args=[application.pk]), interview_data())
    application.refresh_from_db()
    assert application.status == "applied" and application.follow_up_date is None


def test_a_follow_up_set_after_the_interview_day_is_kept(alice_client, alice):
    application = make_application(alice, status="applied")
    later = timezone.localdate() + timedelta(days=10)
    update_dates(application=application, applied_date=timezone.localdate(), follow_up_date=later)
    alice_client.post(reverse("applications:interview_add", args=[application.pk]),
                      interview_data(days_ahead=3, move_to_interview="on"))
    application.refresh_from_db()
    assert application.status == "interview" and application.follow_up_date == later


def test_an_invalid_interview_changes_nothing(alice_client, alice):
    application = make_application(alice, status="applied")
    follow_up = application.follow_up_date
    response = alice_client.post(reverse("applications:interview_add", args=[application.pk]),
                                 interview_data(starts_at="soon", move_to_interview="on"))
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == "applied" and application.follow_up_date == follow_up is not None
