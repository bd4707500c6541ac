"""What the morning brief and the evening summary say, on a known data set with frozen time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings

from applications.services import update_dates
from copilot.accounts.models import User
from insights.digests.content import MAX_LOOKBACK, build_evening_summary, build_morning_brief
from insights.models import DigestLog
from jobs.matching import match_job
from tests.factories import make_user

from .helpers import at, interview_at, job_at, move_at, track_at, utc

# Alice lives in Europe/Berlin (UTC+1 in March): 08:00 there is 07:00 UTC, 20:00 is 19:00 UTC.
MORNING = utc(2026, 3, 10, 7, 0)
EVENING = utc(2026, 3, 10, 19, 0)
LONG_AGO = utc(2026, 3, 1, 12, 0)


def _fresh(user):
    """The user as the sender loads it: with the profile, so it costs no query."""
    return User.objects.select_related("profile").get(pk=user.pk)


@pytest.fixture
def morning_data(alice, bob):
    best = job_at(alice, utc(2026, 3, 9, 12), "Senior Python Engineer", company="Northwind",
                  tech_stack=["Python", "Django", "PostgreSQL"], location="Berlin, Germany", remote_option="hybrid")
    frontend = job_at(alice, utc(2026, 3, 9, 15), "Frontend Developer", company="Quillstack",
                      tech_stack=["React", "TypeScript"], location="Munich, Germany")
    interested = job_at(alice, utc(2026, 3, 9, 14), "Platform Engineer", company="Fernway",
                        tech_stack=["Python", "Kubernetes"], location="Remote - EU", remote_option="remote")
    track_at(alice, interested, utc(2026, 3, 9, 14, 5))
    job_at(alice, utc(2026, 3, 8, 6), "Old Backend Role", company="Atlas")  # more than 24 h before the brief
    applied = job_at(alice, utc(2026, 3, 9, 13), "Already Applied", company="Sorrel")
    track_at(alice, applied, utc(2026, 3, 9, 13, 5), status="applied")
    job_at(bob, utc(2026, 3, 9, 12), "Bob's Secret Job", company="Elsewhere")

    due_today = track_at(alice, job_at(alice, LONG_AGO, "Due Today Role", company="Lumenfield"), LONG_AGO, "applied")
    overdue = track_at(alice, job_at(alice, LONG_AGO, "Overdue Role", company="Cobalt"), LONG_AGO, "applied")
    later = track_at(alice, job_at(alice, LONG_AGO, "Later Role", company="Harbour"), LONG_AGO, "applied")
    closed = track_at(alice, job_at(alice, LONG_AGO, "Closed Role", company="Gone"), LONG_AGO, "applied")
    move_at(closed, "rejected", LONG_AGO)
    update_dates(application=due_today, applied_date=date(2026, 3, 3), follow_up_date=date(2026, 3, 10))
    update_dates(application=overdue, applied_date=date(2026, 3, 1), follow_up_date=date(2026, 3, 7))
    update_dates(application=later, applied_date=date(2026, 3, 5), follow_up_date=date(2026, 3, 12))
    update_dates(application=closed, applied_date=date(2026, 3, 1), follow_up_date=date(2026, 3, 8))

    interview_at(due_today, utc(2026, 3, 10, 13, 0))  # 14:00 in Berlin
    interview_at(overdue, utc(2026, 3, 9, 23, 30), kind="phone")  # 00:30 in Berlin: today there
    interview_at(later, utc(2026, 3, 10, 23, 30))  # 00:30 tomorrow in Berlin
    return {"best": best, "frontend": frontend, "interested": interested}


def test_morning_brief_lists_new_matches_follow_ups_and_interviews(morning_data, alice):
    brief = build_morning_brief(_fresh(alice), now=MORNING)

    assert brief is not None
    assert brief.local_date == date(2026, 3, 10)
    assert brief.matches[0].title == "Senior Python Engineer"
    assert {m.title for m in brief.matches} == {"Senior Python Engineer", "Frontend Developer", "Platform Engineer"}
    assert brief.new_jobs == 3
    top = brief.matches[0]
    assert top.company == "Northwind" and top.location == "Berlin, Germany" and top.remote_label == "Hybrid"
    assert top.score == match_job(morning_data["best"], alice.profile).total
    assert [(s.name, s.matched) for s in top.skills] == [("Python", True), ("Django", True), ("PostgreSQL", True)]
    assert top.reasons == match_job(morning_data["best"], alice.profile).reasons
    assert top.reasons[0].startswith("Matches all 3 skills: Python, Django, PostgreSQL — little to go on")
    assert top.url == f"{settings.SITE_URL.rstrip('/')}/jobs/{morning_data['best'].pk}/"
    scores = [m.score for m in brief.matches]
    assert scores == sorted(scores, reverse=True)

    assert [(f.title, f.days_overdue) for f in brief.follow_ups] == [("Overdue Role", 3), ("Due Today Role", 0)]
    assert [(i.title, i.starts_at.strftime("%H:%M"), i.kind_label) for i in brief.interviews] == [
        ("Overdue Role", "00:30", "Phone screen"), ("Due Today Role", "14:00", "Video call"),
    ]
    assert "interview" in brief.summary and "3 new matches" in brief.summary and "2 follow-ups due" in brief.summary


def test_morning_brief_never_shows_another_users_jobs(morning_data, alice, bob):
    brief = build_morning_brief(_fresh(alice), now=MORNING)
    assert "Bob's Secret Job" not in {m.title for m in brief.matches}
    assert build_morning_brief(_fresh(bob), now=MORNING).matches[0].title == "Bob's Secret Job"


def test_morning_brief_keeps_the_top_five_by_score(alice):
    for n in range(7):
        stack = ["Python", "Django", "PostgreSQL"][: n % 3 + 1] + ["Rust"] * (n % 2)
        job_at(alice, utc(2026, 3, 9, 10, n), f"Engineer {n}", tech_stack=stack)
    brief = build_morning_brief(_fresh(alice), now=MORNING)
    assert len(brief.matches) == 5 and brief.new_jobs == 7 and brief.more_matches == 2
    assert [m.score for m in brief.matches] == sorted((m.score for m in brief.matches), reverse=True)


def test_new_matches_are_those_since_the_last_brief_sent(alice):
    job_at(alice, utc(2026, 3, 9, 9), "Seen Yesterday")
    job_at(alice, utc(2026, 3, 9, 12), "Added After Yesterdays Brief")
    DigestLog.objects.create(user=alice, kind="morning", local_date=date(2026, 3, 9), status="sent",
                             attempts=1, sent_at=utc(2026, 3, 9, 7))
    brief = build_morning_brief(_fresh(alice), now=MORNING)
    assert [m.title for m in brief.matches] == ["Added After Yesterdays Brief", "Seen Yesterday"]

    DigestLog.objects.filter(user=alice).update(sent_at=utc(2026, 3, 9, 10))
    brief = build_morning_brief(_fresh(alice), now=MORNING)
    assert [m.title for m in brief.matches] == ["Added After Yesterdays Brief"]


def test_new_matches_never_reach_back_further_than_a_week(alice):
    job_at(alice, MORNING - MAX_LOOKBACK - timedelta(hours=1), "Ancient")
    job_at(alice, MORNING - timedelta(days=3), "Recent")
    DigestLog.objects.create(user=alice, kind="morning", local_date=date(2026, 1, 1), status="sent",
                             attempts=1, sent_at=utc(2026, 1, 1, 7))
    assert [m.title for m in build_morning_brief(_fresh(alice), now=MORNING).matches] == ["Recent"]


def test_morning_brief_is_none_when_there_is_nothing_to_say(alice):
    job_at(alice, utc(2026, 3, 1), "Old News")
    assert build_morning_brief(_fresh(alice), now=MORNING) is None


@pytest.fixture
def evening_data(alice, bob):
    sent_today = track_at(alice, job_at(alice, LONG_AGO, "Applied Today", company="Northwind"), utc(2026, 3, 9, 9))
    move_at(sent_today, "applied", utc(2026, 3, 10, 9))
    just_after_midnight = track_at(alice, job_at(alice, LONG_AGO, "Applied After Midnight", company="Atlas"), LONG_AGO)
    move_at(just_after_midnight, "applied", utc(2026, 3, 9, 23, 30))  # 00:30 in Berlin
    late_yesterday = track_at(alice, job_at(alice, LONG_AGO, "Applied Late Yesterday", company="Sorrel"), LONG_AGO)
    move_at(late_yesterday, "applied", utc(2026, 3, 9, 22, 30))  # 23:30 in Berlin, yesterday
    interviewing = track_at(alice, job_at(alice, LONG_AGO, "Interviewing", company="Fernway"), LONG_AGO, "applied")
    move_at(interviewing, "interview", utc(2026, 3, 10, 10))
    rejected = track_at(alice, job_at(alice, LONG_AGO, "Rejected Today", company="Quillstack"), LONG_AGO, "applied")
    move_at(rejected, "rejected", utc(2026, 3, 10, 11))
    track_at(alice, job_at(alice, LONG_AGO, "Only Interested", company="Lumen"), LONG_AGO)
    job_at(alice, utc(2026, 3, 10, 8), "Saved This Morning", company="Harbour", location="Hamburg")
    job_at(alice, utc(2026, 3, 10, 19, 30), "Saved After The Summary")  # after "now"
    theirs = track_at(bob, job_at(bob, LONG_AGO, "Bob Applied"), LONG_AGO)
    move_at(theirs, "applied", utc(2026, 3, 10, 9))


def test_evening_summary_reports_todays_applications_changes_saved_jobs_and_active(evening_data, alice):
    summary = build_evening_summary(_fresh(alice), now=EVENING)

    assert summary is not None and summary.local_date == date(2026, 3, 10)
    assert [(c.title, c.at.strftime("%H:%M")) for c in summary.applied] == [
        ("Applied After Midnight", "00:30"), ("Applied Today", "10:00"),
    ]
    assert [(c.title, c.from_label, c.to_label) for c in summary.changes] == [
        ("Interviewing", "Applied", "Interview"), ("Rejected Today", "Applied", "Rejected"),
    ]
    assert [j.title for j in summary.saved] == ["Saved This Morning"] and summary.saved_count == 1
    assert summary.active_count == 4  # applied ×3 and the interview; not rejected, not merely interested
    assert {a.title for a in summary.active} == {"Applied Today", "Applied After Midnight", "Applied Late Yesterday",
                                                 "Interviewing"}
    assert summary.active[0].title == "Interviewing"  # most recently moved first (10:00 UTC)
    assert summary.summary == "2 applications sent, 2 status changes and 1 job saved"
    assert all(c.url.startswith("http") for c in summary.applied)


def test_evening_summary_is_none_when_nothing_happened_today(alice):
    application = track_at(alice, job_at(alice, LONG_AGO, "Quiet"), LONG_AGO, "applied")
    move_at(application, "interview", utc(2026, 3, 9, 12))
    assert build_evening_summary(_fresh(alice), now=EVENING) is None  # active applications alone are no news


def test_morning_brief_costs_the_same_queries_however_much_data(alice, django_assert_num_queries):
    def grow(n: int) -> None:
        for i in range(n):
            application = track_at(alice, job_at(alice, utc(2026, 3, 9, 12, i), f"Job {i}"), LONG_AGO, "applied")
            update_dates(application=application, applied_date=date(2026, 3, 1), follow_up_date=date(2026, 3, 9))
            interview_at(application, utc(2026, 3, 10, 9, i))
            job_at(alice, utc(2026, 3, 9, 13, i), f"New {i}", tech_stack=["Python", "Go"])

    grow(1)
    user = _fresh(alice)
    with django_assert_num_queries(4):
        small = build_morning_brief(user, now=MORNING)
    grow(12)
    user = _fresh(alice)
    with django_assert_num_queries(4):
        big = build_morning_brief(user, now=MORNING)
    assert len(small.interviews) < len(big.interviews) and len(big.matches) == 5


def test_evening_summary_costs_the_same_queries_however_much_data(alice, django_assert_num_queries):
    def grow(n: int) -> None:
        for i in range(n):
            application = track_at(alice, job_at(alice, utc(2026, 3, 10, 8, i), f"Job {i}"), utc(2026, 3, 10, 9, i))
            move_at(application, "applied", utc(2026, 3, 10, 10, i))
            move_at(application, "interview", utc(2026, 3, 10, 11, i))

    grow(1)
    user = _fresh(alice)
    with django_assert_num_queries(3):
        build_evening_summary(user, now=EVENING)
    grow(15)
    user = _fresh(alice)
    with django_assert_num_queries(3):
        summary = build_evening_summary(user, now=EVENING)
    assert summary.applied_count == 16 and summary.more_applied == 8 and summary.active_count == 16


def test_a_user_without_a_profile_gets_an_empty_one_not_an_error(db):
    user = make_user("noprofile")
    user.profile.delete()
    user = User.objects.get(pk=user.pk)
    with at(MORNING):
        assert build_morning_brief(user, now=MORNING) is None
