"""jobs.importing.jsonld: posting pages -> PostingDraft. No DB, no network (stub on 127.0.0.1 only)."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from copilot import http
from copilot.http import BlockedURL, FetchError, HTTPStatusError
from jobs.importing import jsonld
from jobs.importing.jsonld import PostingDraft, fetch_posting, parse_job_posting
from tests.paths import FIXTURES, PROJECT_ROOT, shared_sample
from tests.stubserver import StubResponse

PAGES = FIXTURES / "pages"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def ld(*blocks: object, head: str = "") -> str:
    """A minimal page with the given JSON-LD blocks (str blocks are inserted verbatim)."""
    scripts = "".join(
        f'<script type="application/ld+json">{b if isinstance(b, str) else json.dumps(b)}</script>' for b in blocks
    )
    return f"<!doctype html><html><head>{head}{scripts}</head><body></body></html>"


def posting(**fields: object) -> dict:
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": "Engineer", **fields}


# --------------------------------------------------------------------------- the skills asked


def test_the_skills_are_read_from_the_description_and_the_structured_requirements():
    draft = parse_job_posting(ld(posting(
        title="Backend Engineer",
        hiringOrganization={"@type": "Organization", "name": "Ledgerly"},
        description="<p>Ledgerly is an AI-powered accounting platform.</p><h3>Nice to have</h3><p>Terraform.</p>",
        responsibilities="Build services in Kotlin.",
        qualifications=["Strong PostgreSQL", "Fluent English"],
        skills=[{"@type": "DefinedTerm", "name": "Docker"}],
    )), url="https://jobs.example/1")
    assert draft.requirements == "Strong PostgreSQL\nFluent English\nDocker"
    assert draft.tech_stack == ["Backend Development", "Kotlin", "PostgreSQL", "Docker"]
    assert draft.preferred_stack == ["Terraform"]
    assert draft.soft_skills == ["English"]


def test_a_page_without_structured_data_still_gets_its_title_read():
    draft = parse_job_posting('<html><head><title>Senior Engineer (Go) | Acme</title></head></html>', url="https://a.b/1")
    assert draft.tech_stack == ["Go"]


# --------------------------------------------------------------------------- fixture pages


def test_top_level_json_ld():
    draft = parse_job_posting(page("toplevel.html"), url="https://au.exampleboard.test/viewjob?jk=a1b2")
    assert isinstance(draft, PostingDraft)
    assert draft.found_structured_data is True
    assert draft.title == "Platform Reliability Engineer"  # not the og:title, not the <svg><title>
    assert draft.company == "Lumen Ledger Pty Ltd"
    assert draft.location == "Fitzroy, VIC, AU"
    assert draft.job_type == "full_time"
    assert draft.remote_option == ""
    assert draft.salary_min == Decimal("125000") and draft.salary_max == Decimal("155000")
    assert draft.salary_currency == "AUD" and draft.salary_period == "year"
    assert draft.salary_text == "AUD 125,000 – AUD 155,000 per year"
    assert draft.posted_date == date(2026, 3, 14)
    assert draft.external_id == "LL-2026-041"
    assert draft.url == "https://au.exampleboard.test/viewjob?jk=a1b2"
    assert draft.description_html.startswith("<div>")
    assert "<b>About Lumen Ledger</b>" in draft.description_html
    assert "co-ops &amp; small charities" in draft.description_html
    assert "<li>Kubernetes on two clouds</li>" in draft.description_html
    assert draft.notes == []


def test_graph_with_remote_contract_day_rate():
    draft = parse_job_posting(page("graph.html"), url="https://careers.orchard.test/jobs/7781")
    assert draft.found_structured_data
    assert draft.title == "Contract Data Engineer (Remote)"
    assert draft.company == "Orchard Analytics Ltd"  # hiringOrganization given as a plain string
    assert draft.remote_option == "remote"  # jobLocationType TELECOMMUTE
    assert draft.location == "United Kingdom; Ireland"  # from applicantLocationRequirements
    assert draft.job_type == "contract"
    assert (draft.salary_min, draft.salary_max) == (Decimal(550), Decimal(550))
    assert draft.salary_currency == "GBP" and draft.salary_period == "day"
    assert draft.salary_text == "£550 per day"
    assert draft.posted_date == date(2026, 5, 2)
    assert draft.external_id == "ORC-7781"
    assert "dbt models &amp; Airflow" in draft.description_html


def test_list_of_several_types():
    draft = parse_job_posting(page("multi_types.html"), url="https://jobs.kiefer.test/40412")
    assert draft.found_structured_data
    assert draft.title == "Werkstudent Frontend (m/w/d)"  # from "name" when "title" is absent
    assert draft.company == "Kiefer Mobility GmbH"  # legalName
    assert draft.location == "Berlin, DE; Hamburg, DE"  # two places; region == locality not repeated
    assert draft.job_type == "part_time"  # first recognised of ["OTHER", "PART_TIME"]
    assert draft.salary_min == Decimal(1600) and draft.salary_max is None
    assert draft.salary_currency == "EUR" and draft.salary_period == "month"
    assert draft.salary_text == "From €1,600 per month"
    assert draft.posted_date == date(2026, 2, 28)
    assert draft.external_id == "40412"
    assert draft.description_html == "<p>20 Stunden pro Woche, React &amp; TypeScript.</p>"  # entity-encoded HTML


def test_broken_block_is_skipped_and_good_block_used():
    draft = parse_job_posting(page("broken_then_good.html"), url="https://tidewater.test/jobs/qa")
    assert draft.found_structured_data
    assert draft.title == "Junior QA Analyst"
    assert draft.company == "Tidewater Health"
    assert draft.location == "42 Harbour Road, Halifax, NS"  # address given as a string
    assert draft.job_type == "full_time"  # "Full-time"
    assert draft.salary_text == "CAD 24.50 – CAD 29 per hour"
    assert draft.salary_min == Decimal("24.5") and draft.salary_max == Decimal(29)
    assert draft.external_id == "QA-118"
    assert "tolerated" in draft.description_html
    assert any("could not be read" in note for note in draft.notes)


def test_no_json_ld_falls_back_to_meta_tags():
    draft = parse_job_posting(page("no_jsonld.html"), url="https://jobs.bramble.test/designer")
    assert draft.found_structured_data is False
    assert draft.title == "Product Designer"  # og:title without the " | Bramble Jobs" suffix
    assert draft.company == "Bramble Jobs"
    assert draft.description_html == (
        "<p>Design calm, accessible tools for allotment societies &amp; garden clubs. "
        "Hybrid, two days a week in Leeds.</p>"
    )
    assert draft.salary_min is None and draft.posted_date is None
    notes = " ".join(draft.notes)
    assert "No structured job data" in notes
    assert "location" in notes and "salary" in notes


def test_xss_in_json_ld_is_removed():
    draft = parse_job_posting(page("xss.html"), url="https://quillfeather.test/jobs/sec")
    assert draft.found_structured_data
    html = draft.description_html
    lowered = html.lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<svg", "<style", "alert("):
        assert bad not in lowered, (bad, html)
    assert not re.search(r"\bon\w+\s*=", lowered)
    assert "Harden our platform." in html
    assert '<a href="https://quillfeather.test/apply"' in html
    assert draft.title == "Security Engineer"
    assert draft.company == "Quillfeather Labs"


def test_real_indeed_sample():
    sample = shared_sample("job-boards/jobposting-html/indeed-au-papercut-viewjob.html")
    draft = parse_job_posting(sample.read_text(encoding="utf-8"), url="https://au.indeed.com/viewjob?jk=x")
    assert draft.found_structured_data
    assert draft.title == "Senior DevOps Engineer"
    assert draft.company == "PaperCut Software"
    assert draft.location == "Camberwell, VIC, AU"
    assert draft.job_type == "full_time"
    assert (draft.salary_min, draft.salary_max, draft.salary_currency, draft.salary_period) == (
        Decimal(130000), Decimal(160000), "AUD", "year")
    assert draft.salary_text == "AUD 130,000 – AUD 160,000 per year"
    assert draft.posted_date == date(2026, 8, 6)
    assert "<script" not in draft.description_html.lower()
    assert len(draft.description_html) > 1000


# --------------------------------------------------------------------------- shapes and odd input


@pytest.mark.parametrize("kind", ["JobPosting", ["JobPosting"], "http://schema.org/JobPosting", "schema:JobPosting",
                                  ["Thing", "JobPosting"]])
def test_type_spellings(kind):
    assert parse_job_posting(ld(posting(**{"@type": kind})), url="u").title == "Engineer"


def test_posting_nested_in_webpage_main_entity():
    data = {"@type": "WebPage", "mainEntity": posting(title="Nested Role")}
    draft = parse_job_posting(ld(data), url="u")
    assert draft.found_structured_data and draft.title == "Nested Role"


def test_several_postings_uses_the_first_and_says_so():
    draft = parse_job_posting(ld([posting(title="First"), posting(title="Second")]), url="u")
    assert draft.title == "First"
    assert any("2 jobs" in note for note in draft.notes)


def test_json_ld_without_job_posting_falls_back():
    head = '<meta property="og:title" content="Staff Writer"><title>ignored</title>'
    draft = parse_job_posting(ld({"@type": "Organization", "name": "Acme"}, head=head), url="u")
    assert draft.found_structured_data is False
    assert draft.title == "Staff Writer"


def test_title_tag_fallback_ignores_svg_titles():
    html = "<html><head></head><body><svg><title>icon</title></svg></body></html>"
    assert parse_job_posting(html, url="u").title == ""
    html = "<html><head><title> Ops  Lead &amp; Mentor </title></head></html>"
    assert parse_job_posting(html, url="u").title == "Ops Lead & Mentor"


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        ({"@type": "MonetaryAmount", "currency": "USD",
          "value": {"@type": "QuantitativeValue", "minValue": 120000, "maxValue": 150000, "unitText": "YEAR"}},
         (Decimal(120000), Decimal(150000), "USD", "year", "$120,000 – $150,000 per year")),
        ({"currency": "USD", "value": {"maxValue": "95,000", "unitText": "year"}},
         (None, Decimal(95000), "USD", "year", "Up to $95,000 per year")),
        ({"currency": "EUR", "value": {"minValue": 80000, "maxValue": 60000, "unitText": "ANNUAL"}},  # swapped
         (Decimal(60000), Decimal(80000), "EUR", "year", "€60,000 – €80,000 per year")),
        ({"currency": "USD", "value": 42.5, "unitText": "HOUR"},  # value directly on the MonetaryAmount
         (Decimal("42.5"), Decimal("42.5"), "USD", "hour", "$42.50 per hour")),
        ({"currency": "CHF", "value": {"value": 9000, "unitText": "MONTH"}},
         (Decimal(9000), Decimal(9000), "CHF", "month", "CHF 9,000 per month")),
        ({"currency": "USD", "value": {"value": 1200, "unitText": "WEEK"}},
         (Decimal(1200), Decimal(1200), "USD", "week", "$1,200 per week")),
        ([{"currency": "SEK", "value": {"minValue": 45000, "unitText": "MONTH"}}],  # list of amounts
         (Decimal(45000), None, "SEK", "month", "From SEK 45,000 per month")),
        ({"currency": "EUR", "value": {"minValue": "70.000", "maxValue": "85.000", "unitText": "YEAR"}},
         (Decimal(70000), Decimal(85000), "EUR", "year", "€70,000 – €85,000 per year")),
    ],
)
def test_base_salary_shapes(salary, expected):
    draft = parse_job_posting(ld(posting(baseSalary=salary)), url="u")
    assert (draft.salary_min, draft.salary_max, draft.salary_currency, draft.salary_period,
            draft.salary_text) == expected


def test_salary_as_free_text_is_read_when_it_states_pay():
    draft = parse_job_posting(ld(posting(baseSalary="$100k-$120k DOE")), url="u")
    assert draft.salary_text == "$100k-$120k DOE"
    assert (draft.salary_min, draft.salary_max, draft.salary_currency) == (Decimal(100000), Decimal(120000), "USD")


@pytest.mark.parametrize("prose", [
    "Competitive salary",
    "Our team ranks in the top 20 percent of the Inc 5000 list of fastest-growing companies",
])
def test_salary_field_holding_prose_is_not_a_salary(prose):
    draft = parse_job_posting(ld(posting(baseSalary=prose)), url="u")
    assert (draft.salary_text, draft.salary_min, draft.salary_max) == ("", None, None)
    assert any("states no pay" in note for note in draft.notes)


def test_estimated_salary_is_used_with_a_note():
    estimate = [{"@type": "MonetaryAmountDistribution", "currency": "USD",
                 "value": {"minValue": 90000, "maxValue": 110000, "unitText": "YEAR"}}]
    draft = parse_job_posting(ld(posting(estimatedSalary=estimate)), url="u")
    assert draft.salary_text == "$90,000 – $110,000 per year"
    assert any("estimate" in note for note in draft.notes)


def test_unknown_salary_unit_and_employment_type_are_noted():
    data = posting(baseSalary={"currency": "USD", "value": {"value": 5000, "unitText": "SPRINT"}},
                   employmentType="VOLUNTEER")
    draft = parse_job_posting(ld(data), url="u")
    assert draft.salary_period == "" and draft.salary_text == "$5,000"
    assert draft.job_type == ""
    notes = " ".join(draft.notes)
    assert "SPRINT" in notes and "VOLUNTEER" in notes


@pytest.mark.parametrize(
    ("value", "expected"),
    [("FULL_TIME", "full_time"), ("Part-time", "part_time"), ("CONTRACTOR", "contract"), ("INTERN", "internship"),
     ("TEMPORARY", "temporary"), (["PER_DIEM"], "temporary"), ("full time", "full_time"), ([], ""), (None, "")],
)
def test_employment_types(value, expected):
    assert parse_job_posting(ld(posting(employmentType=value)), url="u").job_type == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"jobLocationType": ["TELECOMMUTE"]}, ("remote", "Remote")),
        ({"jobLocationType": "TELECOMMUTE", "title": "Engineer (Hybrid)",
          "jobLocation": {"address": {"addressLocality": "Leeds"}}}, ("hybrid", "Leeds")),
        ({"title": "Hybrid Cloud Engineer", "jobLocation": {"address": {"addressLocality": "Oslo"}}}, ("", "Oslo")),
        ({"title": "Remote Sensing Analyst"}, ("", "")),
        ({"title": "Engineer - Remote"}, ("remote", "Remote")),
        ({"jobLocation": {"address": {"addressLocality": "Remote, US"}}}, ("remote", "Remote, US")),
        ({"title": "Nurse (On-site)", "jobLocation": {"name": "St Mary's"}}, ("onsite", "St Mary's")),
        ({"jobLocation": "Lisbon, Portugal"}, ("", "Lisbon, Portugal")),
    ],
)
def test_remote_option_and_location(fields, expected):
    draft = parse_job_posting(ld(posting(**fields)), url="u")
    assert (draft.remote_option, draft.location) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-01-31", date(2026, 1, 31)), ("2026-01-31T23:59:59-08:00", date(2026, 1, 31)),
     ("31/01/2026", None), ("2026-02-30", None), (20260131, None), (None, None)],
)
def test_date_posted(value, expected):
    assert parse_job_posting(ld(posting(datePosted=value)), url="u").posted_date == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [({"@type": "PropertyValue", "name": "ACME", "value": "R-1"}, "R-1"), ("abc-9", "abc-9"), (77, "77"),
     ([{"@type": "PropertyValue", "value": 5}], "5"), (None, "")],
)
def test_identifier(value, expected):
    assert parse_job_posting(ld(posting(identifier=value)), url="u").external_id == expected


@pytest.mark.parametrize("org", [{"@type": "Organization", "name": "Acme &amp; Sons"}, "Acme &amp; Sons",
                                 [{"name": "Acme & Sons"}]])
def test_hiring_organization_shapes(org):
    assert parse_job_posting(ld(posting(hiringOrganization=org)), url="u").company == "Acme & Sons"


@pytest.mark.parametrize(
    "data",
    [
        posting(title=123, description={"x": 1}, hiringOrganization=[], jobLocation=[None, 5, {"address": None}],
                baseSalary={"value": {"minValue": "lots"}}, employmentType={"a": 1}, datePosted=[],
                identifier={"value": {"deep": True}}, jobLocationType=7),
        posting(baseSalary={"currency": "USD", "value": {"minValue": "NaN", "maxValue": "-5"}}),
        posting(baseSalary={"currency": "USD", "value": {"minValue": 1e400}}),
        posting(title=None, name=None),
        {"@type": "JobPosting"},
        {"@graph": "not a list"},
        [[[[[[[[[[[[posting()]]]]]]]]]]]],
    ],
)
def test_garbage_values_never_raise(data):
    draft = parse_job_posting(ld(data), url="u")
    assert isinstance(draft, PostingDraft)


@pytest.mark.parametrize(
    "html",
    ["", "<html", "<script type='application/ld+json'>", "<script type='application/ld+json'>" + "[" * 50_000,
     "<<<>>>&&&;</script></title>", "\x00\x01binary\xff",
     '<script type="application/ld+json">{"@type": "JobPosting", "title": "Unterminated"}'],
)
def test_broken_html_never_raises(html):
    assert isinstance(parse_job_posting(html, url="u"), PostingDraft)


def test_unterminated_json_ld_at_end_of_document_is_still_read():
    html = '<script type="application/ld+json">{"@type": "JobPosting", "title": "Cut Off"}'
    assert parse_job_posting(html, url="u").title == "Cut Off"


def test_other_script_types_are_ignored():
    html = '<script type="application/json">{"@type": "JobPosting", "title": "No"}</script>'
    html += '<script>var x = {"@type": "JobPosting", "title": "Nope"};</script>'
    assert parse_job_posting(html, url="u").found_structured_data is False


def test_script_type_with_parameters_and_case():
    html = '<SCRIPT TYPE="Application/LD+JSON; charset=utf-8">{"@type":"JobPosting","title":"Caps"}</SCRIPT>'
    assert parse_job_posting(html, url="u").title == "Caps"


def test_missing_fields_are_listed_in_notes():
    draft = parse_job_posting(ld(posting()), url="u")
    [note] = [n for n in draft.notes if n.startswith("Could not find")]
    for label in ("company", "location", "description", "salary", "posting date", "employment type"):
        assert label in note
    assert "title" not in note


def test_module_does_not_import_django():
    import subprocess
    import sys

    code = "import sys, jobs.importing.jsonld, copilot.http; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PROJECT_ROOT)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- fetch_posting


@pytest.fixture
def loopback_is_public(monkeypatch):
    real = http.is_allowed_address
    monkeypatch.setattr(http, "is_allowed_address", lambda ip: ip == "127.0.0.1" or real(ip))
    monkeypatch.setattr(http, "_sleep", lambda seconds: None)


def test_fetch_posting_uses_the_public_only_door(monkeypatch):
    calls = []

    def fake_fetch(url, **kwargs):
        calls.append((url, kwargs))
        return http.Response(url="https://jobs.test/final", status=200,
                             headers={"content-type": "text/html; charset=utf-8"}, body=page("graph.html").encode())

    monkeypatch.setattr(jsonld, "fetch", fake_fetch)
    draft = fetch_posting("https://jobs.test/start", deadline=20)
    assert calls == [("https://jobs.test/start",
                      {"public_only": True, "timeout": 8, "max_bytes": 3_000_000, "retries": 1, "deadline": 20})]
    assert draft.title == "Contract Data Engineer (Remote)"
    assert draft.url == "https://jobs.test/final"  # the URL after redirects


def test_fetch_posting_end_to_end(stub_server, loopback_is_public):
    stub_server.html("/jobs/1", page("toplevel.html"))
    draft = fetch_posting(stub_server.url("/jobs/1"))
    assert draft.title == "Platform Reliability Engineer"
    assert draft.url == stub_server.url("/jobs/1")
    assert stub_server.requests[0].headers["user-agent"] == http.USER_AGENT


def test_fetch_posting_refuses_private_addresses(stub_server):
    stub_server.html("/jobs/1", page("toplevel.html"))
    with pytest.raises(BlockedURL):
        fetch_posting(stub_server.url("/jobs/1"))  # 127.0.0.1 is not public
    assert stub_server.requests == []


def test_fetch_posting_propagates_http_errors(stub_server, loopback_is_public):
    stub_server.add("/gone", StubResponse(404, body="no such job"))
    with pytest.raises(HTTPStatusError) as info:
        fetch_posting(stub_server.url("/gone"))
    assert info.value.status == 404
    assert stub_server.hits("/gone") == 1


def test_fetch_posting_rejects_non_html(stub_server, loopback_is_public):
    stub_server.add("/cv.pdf", StubResponse(200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"))
    with pytest.raises(FetchError, match="not a web page"):
        fetch_posting(stub_server.url("/cv.pdf"))


def test_fetch_posting_honours_meta_charset(stub_server, loopback_is_public):
    body = ('<html><head><meta charset="windows-1252"><title>Caf\u00e9 Manager \u2013 Lyon</title></head></html>'
            ).encode("cp1252")
    stub_server.add("/cafe", StubResponse(200, {"Content-Type": "text/html"}, body))
    assert fetch_posting(stub_server.url("/cafe")).title == "Caf\u00e9 Manager \u2013 Lyon"
