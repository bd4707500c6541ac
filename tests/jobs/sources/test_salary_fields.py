"""Salaries are read from the field a board structures them in; prose about the company is not a salary.

Each payload below copies the shape of one board's response (see tests/fixtures/boards/) with text
written for these tests."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest

from jobs.salary import board_salary, reread_salary
from jobs.sources import get_source

D = Decimal
PROSE = ("Brightwater is proud to rank in the top 20 percent of the Inc 5000 list of fastest-growing companies, "
         "with a team of 150 people in 12 countries.")


def lever_job(**extra) -> dict:
    return {"id": "6b7c1d2e-0f3a-4b5c-8d9e-1a2b3c4d5e6f", "text": "Backend Engineer",
            "categories": {"commitment": "Full-time", "location": "Denver, CO", "allLocations": ["Denver, CO"]},
            "createdAt": 1767225600000, "workplaceType": "onsite", "descriptionPlain": "Build the billing API in Go.",
            "hostedUrl": "https://jobs.lever.co/brightwater/6b7c1d2e-0f3a-4b5c-8d9e-1a2b3c4d5e6f", **extra}


def lever(job: dict):
    (posting,) = get_source("lever").parse([job], {"board": "brightwater"})
    return posting


def test_lever_salary_range_wins_over_a_prose_salary_description():
    posting = lever(lever_job(salaryRange={"min": 110000, "max": 135000, "currency": "USD",
                                           "interval": "per-year-salary"},
                              salaryDescriptionPlain=PROSE))
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        D(110000), D(135000), "USD", "year")
    assert posting.salary_text == "$110,000 – $135,000 per year"  # written from the range, not the prose


def test_lever_description_stating_the_same_pay_is_kept_to_show():
    text = "The base salary for this role is $110,000 - $135,000 per year, plus equity."
    posting = lever(lever_job(salaryRange={"min": 110000, "max": 135000, "currency": "USD",
                                           "interval": "per-year-salary"}, salaryDescriptionPlain=text))
    assert posting.salary_text == text and posting.salary_min == D(110000)


def test_lever_prose_without_a_range_is_no_salary():
    posting = lever(lever_job(salaryDescriptionPlain=PROSE))
    assert (posting.salary_text, posting.salary_min, posting.salary_max) == ("", None, None)


def test_lever_hourly_range():
    posting = lever(lever_job(salaryRange={"min": 38, "max": 46.5, "currency": "CAD", "interval": "per-hour-wage"}))
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        D(38), D("46.50"), "CAD", "hour")


def ashby_job(compensation: dict) -> dict:
    return {"id": "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f", "title": "Data Engineer", "location": "New York, NY",
            "isRemote": False, "workplaceType": "OnSite", "employmentType": "FullTime",
            "publishedAt": "2026-05-04T10:00:00.000+00:00", "descriptionPlain": "Own our dbt models.",
            "jobUrl": "https://jobs.ashbyhq.com/brightwater/0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f", "isListed": True,
            "compensation": compensation}


def ashby(compensation: dict):
    (posting,) = get_source("ashby").parse({"jobs": [ashby_job(compensation)], "apiVersion": "1"},
                                           {"board": "brightwater"})
    return posting


def test_ashby_summary_salary_component_wins_over_equity_and_the_tier_text():
    posting = ashby({
        "compensationTierSummary": "$140K – $190K • Offers Equity • Multiple Ranges",
        "scrapeableCompensationSalarySummary": "$140K - $190K",
        "compensationTiers": [
            {"id": "t1", "title": "NYC", "tierSummary": "$160K – $190K • Offers Equity", "components": [
                {"id": "c1", "summary": "Offers Equity", "compensationType": "EquityCashValue", "interval": "1 YEAR",
                 "currencyCode": "USD", "minValue": None, "maxValue": None},
                {"id": "c2", "summary": "$160K – $190K", "compensationType": "Salary", "interval": "1 YEAR",
                 "currencyCode": "USD", "minValue": 160000, "maxValue": 190000}]},
        ],
        "summaryComponents": [
            {"compensationType": "EquityCashValue", "minValue": None, "maxValue": None, "interval": "1 YEAR"},
            {"compensationType": "Salary", "minValue": 140000, "maxValue": 190000, "currencyCode": "USD",
             "interval": "1 YEAR"}],
    })
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        D(140000), D(190000), "USD", "year")
    assert posting.salary_text == "$140K - $190K"


def test_ashby_tier_components_are_read_when_there_is_no_summary():
    posting = ashby({"compensationTierSummary": None, "scrapeableCompensationSalarySummary": None,
                     "summaryComponents": [],
                     "compensationTiers": [{"id": "t1", "title": "Remote", "components": [
                         {"id": "c1", "compensationType": "Salary", "interval": "1 MONTH", "currencyCode": "EUR",
                          "minValue": 5200, "maxValue": 6100}]}]})
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        D(5200), D(6100), "EUR", "month")
    assert posting.salary_text == "€5,200 – €6,100 per month"


def test_ashby_summary_text_that_disagrees_with_the_components_is_not_shown():
    posting = ashby({"compensationTierSummary": "Competitive pay and top 20 percent benefits",
                     "scrapeableCompensationSalarySummary": None, "compensationTiers": [],
                     "summaryComponents": [{"compensationType": "Salary", "minValue": 120000, "maxValue": 150000,
                                            "currencyCode": "USD", "interval": "1 YEAR"}]})
    assert posting.salary_text == "$120,000 – $150,000 per year"


def greenhouse(content: str):
    job = {"id": 7712003, "title": "Platform Engineer", "location": {"name": "Austin, TX"},
           "absolute_url": "https://job-boards.greenhouse.io/brightwater/jobs/7712003", "metadata": [],
           "updated_at": "2026-05-01T12:00:00-04:00", "first_published": "2026-04-28T09:00:00-04:00",
           "company_name": "Brightwater", "content": content, "departments": [], "offices": []}
    (posting,) = get_source("greenhouse").parse({"jobs": [job], "meta": {"total": 1}}, {"board": "brightwater"})
    return posting


def test_greenhouse_pay_range_block_is_read():
    block = ('<p>Run our Kubernetes platform.</p><div class="content-pay-transparency"><div class="pay-input">'
             '<div class="title">Annual base salary</div><div class="pay-range"><span>$150,000</span>'
             '<span class="divider">&mdash;</span><span>$180,000 USD</span></div></div></div>')
    posting = greenhouse(html.escape(block, quote=True))  # Greenhouse sends content entity-encoded
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        D(150000), D(180000), "USD", "year")


def test_greenhouse_prose_about_the_company_in_the_description_is_no_salary():
    posting = greenhouse(f"&lt;p&gt;{PROSE} We pay a competitive salary.&lt;/p&gt;")
    assert (posting.salary_text, posting.salary_min) == ("", None)


def test_remotive_free_text_salary_is_read_and_prose_dropped():
    base = {"id": 2012345, "url": "https://remotive.com/remote-jobs/software-dev/backend-engineer-2012345",
            "title": "Backend Engineer", "company_name": "Brightwater", "category": "Software Development",
            "tags": ["python"], "job_type": "full_time", "publication_date": "2026-05-02T08:00:00",
            "candidate_required_location": "USA", "description": "<p>Python services.</p>"}
    payload = {"job-count": 2, "jobs": [{**base, "salary": "$120k - $140k"},
                                        {**base, "id": 2012346, "salary": "Competitive, top 20 percent of Inc 5000"}]}
    paid, prose = get_source("remotive").parse(payload, {"query": ""})
    assert (paid.salary_min, paid.salary_max, paid.salary_currency) == (D(120000), D(140000), "USD")
    assert (prose.salary_text, prose.salary_min) == ("", None)


@pytest.mark.parametrize("text", [
    PROSE,
    "Competitive salary",
    "We offer a competitive salary, 25 days of holiday and a 401(k) plan with 4% match",
    "We are a Fortune 500 company",
])
def test_prose_is_not_a_salary(text):
    assert board_salary(text) == ("", board_salary("")[1])
    assert not board_salary(text)[1]


def test_a_stored_salary_misread_from_prose_is_dropped_when_read_again():
    assert reread_salary(PROSE, D(20), D(20), "", "", from_board=True) == ("", board_salary("")[1])
    # the user's own words stay, without the misread numbers
    text, salary = reread_salary("Up to 20% bonus", None, D(20), from_board=False)
    assert text == "Up to 20% bonus" and not salary


def test_a_stored_structured_salary_is_kept_when_read_again():
    text, salary = reread_salary(PROSE, D(110000), D(135000), "USD", "year", from_board=True)
    assert (salary.min, salary.max, salary.currency, salary.period) == (D(110000), D(135000), "USD", "year")
    assert text == "$110,000 – $135,000 per year"
