"""Normalisation and distributions on a seeded set whose answers are worked out by hand."""

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from insights.salaries.analysis import Skip, Stats, YearlyRange, normalise, position_of, salary_insights
from insights.salaries.families import title_family
from insights.salaries.rates import RatesError, parse_table

TABLE = parse_table({
    "base": "EUR", "as_of": "2026-12-01",
    "rates": {"EUR": 1, "USD": 0.8, "GBP": 1.25, "CHF": 1},
    "periods": {"year": 1, "month": 12, "week": 52, "day": 200, "hour": 2000},
}, Path("test.json"))


@pytest.mark.parametrize(("low", "high", "currency", "period", "target", "expected"), [
    (D(60000), D(80000), "EUR", "year", "EUR", YearlyRange(D(60000), D(80000))),
    (D(5000), D(6000), "EUR", "month", "EUR", YearlyRange(D(60000), D(72000))),
    (D(500), None, "EUR", "day", "EUR", YearlyRange(D(100000), D(100000))),  # a day rate, one-sided
    (None, D(50), "GBP", "hour", "EUR", YearlyRange(D(125000), D(125000))),  # 50 × 2000 × 1.25
    (D(100000), D(125000), "USD", "year", "EUR", YearlyRange(D(80000), D(100000))),
    (D(80000), D(80000), "EUR", "year", "USD", YearlyRange(D(100000), D(100000))),  # via the base: 80k / 0.8
    (D(1000), D(1000), "GBP", "week", "USD", YearlyRange(D(81250), D(81250))),  # 52k × 1.25 / 0.8
])
def test_normalise_to_a_yearly_range_in_the_target_currency(low, high, currency, period, target, expected):
    assert normalise(low, high, currency, period, TABLE, target) == expected


def test_normalise_says_why_it_cannot_convert():
    assert normalise(None, None, "EUR", "year", TABLE, "EUR") is None
    assert normalise(D(1), D(2), "", "year", TABLE, "EUR") == Skip.NO_CURRENCY
    assert normalise(D(1), D(2), "JPY", "year", TABLE, "EUR") == Skip.UNKNOWN_CURRENCY
    assert normalise(D(1), D(2), "EUR", "", TABLE, "EUR") == Skip.NO_PERIOD
    assert normalise(D(1), D(2), "EUR", "year", TABLE, "JPY") == Skip.UNKNOWN_CURRENCY


def test_quartiles_are_inclusive():
    stats = Stats.of([D(10), D(20), D(30), D(40)])
    assert (stats.count, stats.lowest, stats.q1, stats.median, stats.q3, stats.highest) == (
        4, D(10), D(18), D(25), D(32), D(40))  # 17.5 and 32.5 round half to even
    assert Stats.of([D(7)]) == Stats(1, D(7), D(7), D(7), D(7), D(7))
    assert Stats.of([]) is None


def row(n, title, low, high, currency="EUR", period="year", location="Berlin, Germany", remote="onsite", level=""):
    return {"id": n, "title": title, "company": f"Co {n}", "location": location, "remote_option": remote,
            "text_level": level, "salary_min": low, "salary_max": high, "salary_currency": currency,
            "salary_period": period}


SEEDED = [
    row(1, "Senior Backend Engineer", D(70000), D(90000)),  # mid 80k
    row(2, "Senior Python Developer", D(60000), D(80000)),  # 70k
    row(3, "Senior Backend Engineer", D(90000), D(110000), remote="remote", location="Remote, EU"),  # 100k
    row(4, "Backend Engineer", D(5000), D(5000), period="month", location="Munich, Germany"),  # 60k, level unknown
    row(5, "Senior Frontend Engineer", D(100000), D(100000), currency="USD", location="New York, NY"),  # 80k
    row(6, "Junior Backend Developer", D(20), D(25), period="hour", location="Amsterdam",
        remote="hybrid"),  # 40k–50k → 45k
    row(7, "Senior Backend Engineer", None, None),  # no salary
    row(8, "Backend Engineer", D(50000), D(60000), currency=""),  # no currency
    row(9, "Backend Engineer", D(50000), D(60000), currency="JPY"),  # not in the table
    row(10, "Senior Backend Engineer", D(500), D(600), period="day"),  # 100k–120k → 110k
]


@pytest.fixture(scope="module")
def seeded():
    return salary_insights(SEEDED, TABLE, currency="EUR", target_roles=["Backend Engineer"], target_level="senior")


def _by(groups):
    return {g.label: (g.stats.count, g.stats.median) for g in groups}


def test_counts_say_what_is_left_out(seeded):
    assert (seeded.jobs, seeded.with_salary, seeded.without_salary) == (10, 7, 1)
    assert seeded.skipped == {Skip.NO_CURRENCY: 1, Skip.UNKNOWN_CURRENCY: 1}


def test_overall_distribution(seeded):
    # Midpoints: 45k 60k 70k 80k 80k 100k 110k
    assert seeded.overall == Stats(7, D(45000), D(65000), D(80000), D(90000), D(110000))


def test_distributions_by_family_level_location_and_remote(seeded):
    assert _by(seeded.dimensions["family"]) == {"Backend": (6, D(75000)), "Frontend": (1, D(80000))}
    assert _by(seeded.dimensions["level"]) == {"Senior": (5, D(80000)), "Level not stated": (1, D(60000)),
                                               "Junior": (1, D(45000))}
    assert _by(seeded.dimensions["place"]) == {"Germany": (4, D(75000)), "Remote: EU": (1, D(100000)),
                                               "United States": (1, D(80000)), "Netherlands": (1, D(45000))}
    assert _by(seeded.dimensions["remote"]) == {"On-site": (5, D(80000)), "Remote": (1, D(100000)),
                                                "Hybrid": (1, D(45000))}
    # Biggest groups first, then the higher median.
    assert [g.label for g in seeded.dimensions["place"]] == ["Germany", "Remote: EU", "United States", "Netherlands"]


def test_target_role_and_level(seeded):
    assert seeded.target_description == "Backend · Senior"
    assert seeded.target.stats == Stats(4, D(70000), D(77500), D(90000), D(102500), D(110000))


def test_position_against_the_same_family_and_level(seeded):
    position = position_of(1, seeded)  # 80k among senior backend 70k, 100k, 110k
    assert position.basis == "Backend · Senior" and position.stats.count == 3
    assert (position.below, position.percentile, position.band) == (1, 33, "middle")
    top = position_of(10, seeded)  # 110k among 70k 80k 100k
    assert (top.percentile, top.band) == (100, "high")


def test_position_falls_back_to_the_family_then_gives_up(seeded):
    position = position_of(4, seeded)  # level not stated: alone at its level, 5 other backend jobs
    assert position.basis == "Backend (any level)" and position.stats.count == 5
    assert position.percentile == 20  # 60k: only 45k below
    assert position_of(5, seeded) is None  # the only frontend job
    assert position_of(7, seeded) is None  # no salary


def test_target_without_jobs_at_the_level_falls_back_to_the_families_and_says_so():
    data = salary_insights(SEEDED, TABLE, target_roles=["React Developer"], target_level="senior")
    assert data.target_description == "Frontend · Senior" and data.target.stats.count == 1
    data = salary_insights(SEEDED, TABLE, target_roles=["React Developer"], target_level="junior")
    assert data.target_description == "Frontend · any level (none is junior)"
    assert data.target.stats.median == D(80000)
    data = salary_insights(SEEDED, TABLE, target_roles=["Data Scientist"], target_level="junior")
    assert data.target is None and data.target_description == "Data science & ML · Junior"


def test_the_same_jobs_in_another_currency():
    usd = salary_insights(SEEDED, TABLE, currency="USD")
    assert usd.overall.median == D(100000)  # 80k EUR / 0.8
    assert usd.target is None and usd.target_description == ""


@pytest.mark.parametrize(("title", "family"), [
    ("Senior Backend Engineer (Python)", "Backend"), ("Python Developer", "Backend"),
    ("Engineering Manager, Payments", "Engineering management"), ("Full-Stack Developer", "Full-stack"),
    ("Site Reliability Engineer", "DevOps, SRE & platform"), ("Data Scientist", "Data science & ML"),
    ("Staff Software Engineer", "Software engineering"), ("Head Chef", "Other"), ("Senior UX Designer", "Design"),
])
def test_title_families(title, family):
    assert title_family(title) == family


@pytest.mark.parametrize(("change", "message"), [
    ({"base": "euro"}, "three-letter currency code"),
    ({"rates": {"EUR": 1, "USD": -1}}, "the rate of USD must be a positive number"),
    ({"rates": {"EUR": 1, "USD": "abc"}}, "the rate of USD must be a positive number"),
    ({"rates": {"EUR": 2}}, "must have the rate 1"),
    ({"periods": {"year": 1, "month": 12}}, "'week' is missing"),
    ({"as_of": "yesterday"}, "as_of must be a date"),
])
def test_a_malformed_table_is_refused_with_a_reason(change, message):
    data = {"base": "EUR", "as_of": "2026-12-01", "rates": {"EUR": 1},
            "periods": {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}, **change}
    with pytest.raises(RatesError, match=message):
        parse_table(data, Path("x.json"))


def test_the_shipped_table_is_valid_and_dated():
    import json

    from insights.salaries.rates import SHIPPED
    table = parse_table(json.loads(SHIPPED.read_text()), SHIPPED)
    assert table.base == "EUR" and table.as_of <= date(2026, 12, 31)
    assert table.periods["hour"] == 2080 and table.periods["day"] == 260
    assert {"USD", "GBP", "CHF", "PLN"} <= set(table.rates)
