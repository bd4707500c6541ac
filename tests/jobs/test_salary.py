from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from jobs.salary import MAX_AMOUNT, SalaryRange, format_salary, parse_salary

D = Decimal


@pytest.mark.parametrize("text, expected", [
    ("$120,000 - $150,000 a year", (D(120000), D(150000), "USD", "year")),
    ("€60k–80k", (D(60000), D(80000), "EUR", "year")),
    ("£45,000 per annum", (D(45000), D(45000), "GBP", "year")),
    ("USD 50/hr", (D(50), D(50), "USD", "hour")),
    ("up to 90k", (None, D(90000), "", "year")),
    ("Up to €90,000 per year", (None, D(90000), "EUR", "year")),
    ("From $100K", (D(100000), None, "USD", "year")),
    ("$100K+ plus 401(k)", (D(100000), None, "USD", "year")),
    ("70.000 € brutto/Jahr", (D(70000), D(70000), "EUR", "year")),
    ("ab 60.000 €", (D(60000), None, "EUR", "year")),
    ("€ 4.000 - 5.000 / Monat", (D(4000), D(5000), "EUR", "month")),
    ("$18 - $22/hr", (D(18), D(22), "USD", "hour")),
    ("$14/hr", (D(14), D(14), "USD", "hour")),
    ("£500 per day", (D(500), D(500), "GBP", "day")),
    ("£800 a week", (D(800), D(800), "GBP", "week")),
    ("$45,000 - $50,000", (D(45000), D(50000), "USD", "year")),
    ("40-50K EUR", (D(40000), D(50000), "EUR", "year")),
    ("£40-100,000 annual bonus", (D(40000), D(100000), "GBP", "year")),
    ("Salary: £70,000 - 85,000 per year", (D(70000), D(85000), "GBP", "year")),
    ("OTE $168K – $231K • Offers Equity", (D(168000), D(231000), "USD", "year")),
    ("$265,000—$365,000 USD", (D(265000), D(365000), "USD", "year")),
    ("CHF 120'000 p.a.", (D(120000), D(120000), "CHF", "year")),
    ("A$130,000 - A$160,000", (D(130000), D(160000), "AUD", "year")),
    ("₹12,00,000", (D(1200000), D(1200000), "INR", "")),
    ("¥6,000,000 per year", (D(6000000), D(6000000), "JPY", "year")),
    ("between $50k and $60k", (D(50000), D(60000), "USD", "year")),
    ("€50,50/h", (D("50.50"), D("50.50"), "EUR", "hour")),
    ("$1.5M", (D(1500000), D(1500000), "USD", "year")),
    ("150000 - 120000 USD", (D(120000), D(150000), "USD", "year")),  # swapped
    ("5 days a week, $50/hr", (D(50), D(50), "USD", "hour")),
    ("Salary 2026: $50k", (D(50000), D(50000), "USD", "year")),
    ("$67,172 - $95,960 plus equity", (D(67172), D(95960), "USD", "year")),
    ("GBP 35k", (D(35000), D(35000), "GBP", "year")),
    ("USD50-60k", (D(50000), D(60000), "USD", "year")),
])
def test_parse_salary(text, expected):
    result = parse_salary(text)
    assert (result.min, result.max, result.currency, result.period) == expected


@pytest.mark.parametrize("text", [
    "Competitive", "DOE", "", None, "Negotiable", "   ", "401(k) match", "Great benefits",
])
def test_unparseable_is_empty(text):
    result = parse_salary(text)
    assert result == SalaryRange(None, None, "", "")
    assert not result


def test_small_amounts_without_period_do_not_get_one():
    assert parse_salary("$500 - $900").period == ""


def test_result_is_frozen_with_decimals():
    result = parse_salary("$120,000 - $150,000 a year")
    assert isinstance(result.min, Decimal) and isinstance(result.max, Decimal)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.min = Decimal(1)  # type: ignore[misc]


def test_html_entities_are_decoded():
    assert parse_salary("&pound;45,000&nbsp;&ndash;&nbsp;&pound;55,000").max == D(55000)


@pytest.mark.parametrize("args, expected", [
    ((D(120000), D(150000), "USD", "year"), "$120,000 – $150,000 per year"),
    ((D(60000), None, "EUR", "year"), "From €60,000 per year"),
    ((None, D(90000), "GBP", ""), "Up to £90,000"),
    ((D(50), D(50), "USD", "hour"), "$50 per hour"),
    ((D("50.5"), D("60.25"), "CHF", "hour"), "CHF 50.50 – CHF 60.25 per hour"),
    ((120000, "150000", "usd", "year"), "$120,000 – $150,000 per year"),
    ((D(1000), D(2000), "", "month"), "1,000 – 2,000 per month"),
    ((None, None, "USD", "year"), ""),
])
def test_format_salary(args, expected):
    assert format_salary(*args) == expected


@pytest.mark.parametrize("text", ["$120,000 - $150,000 a year", "€60k–80k", "USD 50/hr", "From $100K", "up to 90k"])
def test_format_then_parse_round_trips(text):
    first = parse_salary(text)
    again = parse_salary(format_salary(first.min, first.max, first.currency, first.period))
    assert again == first


@pytest.mark.parametrize("text", [
    "We are proud to rank in the top 20 percent of the Inc 5000 list",
    "Competitive, top 20 percent of Inc 5000",
    "A Fortune 500 company",
    "Up to 20% bonus",
    "5 days a week",
    "30 days PTO",
    "Team of 150 engineers across 12 countries",
    "We offer a competitive salary and 25 days of holiday",
])
def test_shares_counts_and_names_are_not_pay(text):
    assert not parse_salary(text)


@pytest.mark.parametrize("text, expected", [
    ("The salary for this role is 85000 per year", (D(85000), D(85000))),
    ("Base pay between 90,000 and 110,000 depending on experience", (D(90000), D(110000))),
    ("Gehalt 60.000", (D(60000), D(60000))),
    ("60000-80000", (D(60000), D(80000))),
])
def test_bare_numbers_count_where_the_text_speaks_of_pay(text, expected):
    result = parse_salary(text)
    assert (result.min, result.max) == expected


@pytest.mark.parametrize(
    "text", ["1" + "0" * 30, "$" + "9" * 40 + " per year", "9" * 29 + "k", "€1,000,000,000,000,000,000,000,000,000"])
def test_amounts_past_decimals_precision_are_read_never_raise_and_are_not_storable(text):
    salary = parse_salary(text)
    assert salary.max is not None and salary.max > MAX_AMOUNT
    assert not salary.storable


def test_amounts_the_columns_hold_are_storable():
    assert parse_salary("$9,999,999,999 per year").storable
    assert parse_salary("").storable  # no salary is fine
