"""insights.analytics: the data functions, from rows to numbers (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from insights.analytics import (
    application_facts,
    applications_per_week,
    funnel,
    response_by_source,
    status_breakdown,
    summarize,
)

T = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday


def ev(app_id, *statuses):
    return [(app_id, status) for status in statuses]


APPS = [
    {"id": 1, "status": "rejected", "applied_date": date(2026, 11, 3), "job__source": "greenhouse", "first_sent": T},
    {"id": 2, "status": "interested", "applied_date": None, "job__source": "manual"},
    {"id": 3, "status": "applied", "applied_date": date(2026, 11, 10), "job__source": "manual"},
    {"id": 4, "status": "offer", "applied_date": None, "job__source": "greenhouse", "first_sent": T},
    {"id": 5, "status": "withdrawn", "applied_date": date(2026, 10, 20), "job__source": "manual"},
]
EVENTS = [
    *ev(1, "interested", "applied", "interview", "rejected"),
    *ev(2, "interested"),
    *ev(3, "interested", "applied"),
    *ev(4, "interested", "interview", "offer"),  # never moved through "applied": implied
    *ev(5, "interested", "applied", "withdrawn"),
]


def facts():
    return application_facts(APPS, EVENTS)


def test_stages_ever_reached_come_from_the_timeline():
    by_id = {f.id: f for f in facts()}
    assert by_id[1].reached == 2  # rejected after an interview still reached the interview
    assert by_id[2].reached == 0
    assert by_id[4].reached == 3
    assert by_id[5].reached == 1
    assert [by_id[i].responded for i in range(1, 6)] == [True, False, False, True, False]
    assert [by_id[i].sent for i in range(1, 6)] == [True, False, True, True, True]


def test_funnel_counts_every_stage_reached():
    stages = funnel(facts())
    assert [(s.label, s.count, s.percent) for s in stages] == [
        ("Tracked", 5, 100),
        ("Applied", 4, 80),
        ("Interview", 2, 40),
        ("Offer", 1, 20),
        ("Accepted", 0, 0),
    ]


def test_the_current_status_counts_when_the_timeline_is_missing():
    [fact] = application_facts([{"id": 9, "status": "interview", "applied_date": None, "job__source": ""}], [])
    assert (fact.reached, fact.responded, fact.sent) == (2, True, True)


def test_rejected_implies_applied():
    [fact] = application_facts(
        [{"id": 9, "status": "rejected", "applied_date": None, "job__source": ""}], ev(9, "interested", "rejected")
    )
    assert fact.sent and fact.responded


def test_summary_and_response_rate():
    summary = summarize(facts(), jobs=12)
    assert (summary.jobs, summary.applications, summary.sent, summary.responded) == (12, 5, 4, 2)
    assert (summary.interviews, summary.offers) == (0, 1)
    assert summary.response_rate == 50


def test_no_response_rate_when_nothing_was_sent():
    assert summarize([], jobs=0).response_rate is None


def test_status_breakdown_in_board_order_without_zeros():
    rows = status_breakdown(facts())
    assert [(r.key, r.count) for r in rows] == [
        ("interested", 1),
        ("applied", 1),
        ("offer", 1),
        ("rejected", 1),
        ("withdrawn", 1),
    ]
    assert rows[0].label == "Interested"


def test_applications_per_week_fills_empty_weeks():
    weeks = applications_per_week(facts(), today=date(2026, 11, 12))
    assert weeks[-1].week == date(2026, 11, 9)
    assert len(weeks) == 8  # at least 8 weeks are shown
    counts = {w.week: w.count for w in weeks}
    # 5: applied 20 Oct; 1: 3 Nov; 4: no applied date, reached applied (via interview) on Monday 2 Nov; 3: 10 Nov
    assert counts[date(2026, 10, 19)] == 1
    assert counts[date(2026, 11, 2)] == 2
    assert counts[date(2026, 11, 9)] == 1
    assert sum(counts.values()) == 4
    assert all(w.week.weekday() == 0 for w in weeks)


def test_applications_per_week_goes_back_at_most_26_weeks():
    old = [{"id": 1, "status": "applied", "applied_date": date(2024, 1, 3), "job__source": ""}]
    weeks = applications_per_week(application_facts(old, []), today=date(2026, 11, 12))
    assert len(weeks) == 26


def test_response_rate_by_source():
    rates = response_by_source(facts())
    assert [(r.source, r.sent, r.responded, r.rate) for r in rates] == [
        ("greenhouse", 2, 2, 100),
        ("manual", 2, 0, 0),
    ]
