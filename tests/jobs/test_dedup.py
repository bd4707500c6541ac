from __future__ import annotations

from types import SimpleNamespace

import pytest

from jobs.dedup import Deduplicator, canonical_url, normalize_company, normalize_location, normalize_title


def job(title, company="Acme", location="Berlin", url=""):
    return SimpleNamespace(title=title, company=company, location=location, url=url)


# --------------------------------------------------------------------------- canonical_url


@pytest.mark.parametrize("variant", [
    "https://careers.acme.com/jobs/42",
    "https://careers.acme.com/jobs/42/",
    "HTTPS://Careers.ACME.com/jobs/42",
    "https://www.careers.acme.com/jobs/42",
    "http://careers.acme.com/jobs/42",
    "https://careers.acme.com:443/jobs/42",
    "https://careers.acme.com/jobs/42#apply",
    "https://careers.acme.com/jobs/42?utm_source=linkedin&utm_medium=social&utm_campaign=q3",
    "https://careers.acme.com/jobs/42?gclid=abc&fbclid=def&ref=hn&source=twitter",
    "https://careers.acme.com/jobs/42?gh_src=abc123&lever-source=Indeed&trk=public_jobs",
    "  https://careers.acme.com//jobs/42/?utm_term=x#top  ",
    "careers.acme.com/jobs/42",
])
def test_url_variants_are_the_same(variant):
    assert canonical_url(variant) == "https://careers.acme.com/jobs/42"


def test_remaining_params_are_sorted_and_kept():
    assert canonical_url("https://acme.com/job?id=7&lang=en&utm_source=x") == "https://acme.com/job?id=7&lang=en"
    assert canonical_url("https://acme.com/job?lang=en&id=7") == "https://acme.com/job?id=7&lang=en"
    assert canonical_url("https://boards.greenhouse.io/acme/jobs/1?gh_jid=1&gh_src=x") == \
        "https://boards.greenhouse.io/acme/jobs/1?gh_jid=1"


def test_different_jobs_keep_different_urls():
    assert canonical_url("https://acme.com/jobs/1") != canonical_url("https://acme.com/jobs/2")
    assert canonical_url("https://acme.com/job?id=1") != canonical_url("https://acme.com/job?id=2")
    assert canonical_url("https://acme.com:8443/jobs/1") == "https://acme.com:8443/jobs/1"
    assert canonical_url("https://acme.com/#/jobs/1") != canonical_url("https://acme.com/#/jobs/2")  # SPA routes
    assert canonical_url("https://acme.com/Jobs/Engineer") == "https://acme.com/Jobs/Engineer"  # path case kept


@pytest.mark.parametrize("value", [
    "", None, "not a url", "mailto:jobs@acme.com", "javascript:alert(1)", "ftp://x.io/a",
])
def test_non_http_urls_give_empty(value):
    assert canonical_url(value) == ""


# --------------------------------------------------------------------------- normalisers


@pytest.mark.parametrize("name", [
    "Acme", "ACME", "Acme Inc.", "Acme, Inc.", "Acme LLC", "Acme Ltd", "Acme Limited", "Acme GmbH", "Acme AG",
    "Acme SA", "Acme S.A.", "Acme SAS", "Acme B.V.", "Acme BV", "Acme PLC", "Acme Corp.", "Acme Corporation",
    "Acme Co.", "The Acme Company", "Acme e.V.", "Acme GmbH & Co. KG", "Ácmé", "  acme  ",
])
def test_company_suffixes_and_case(name):
    assert normalize_company(name) == "acme"


def test_company_keeps_real_words():
    assert normalize_company("Acme Robotics GmbH") == "acme robotics"
    assert normalize_company("Acme Robotics") != normalize_company("Acme")
    assert normalize_company("Société Générale") == "societe generale"
    assert normalize_company("Limited") == "limited"  # never empty
    assert normalize_company("") == ""


@pytest.mark.parametrize("title, expected", [
    ("Senior Backend Engineer", "senior backend engineer"),
    ("Sr. Backend Engineer", "senior backend engineer"),
    ("Senior Backend Eng", "senior backend engineer"),
    ("Senior Back-End Engineer (m/w/d)", "senior backend engineer"),
    ("Senior Backend Engineer (f/m/x) - Remote", "senior backend engineer"),
    ("URGENT: Senior Backend Engineer, Full-Time", "senior backend engineer"),
    ("NEW! Hiring Senior Backend Engineer (all genders)", "senior backend engineer"),
    ("Jr. Frontend Dev", "junior frontend developer"),
    ("Senior Product Owner m/w/d", "senior product owner"),
    ("Ingénieur Logiciel (H/F)", "ingenieur logiciel"),
    ("C++ Developer", "cplusplus developer"),
])
def test_title_noise(title, expected):
    assert normalize_title(title) == expected


@pytest.mark.parametrize("a, b", [
    ("Berlin", "Berlin, Germany"), ("Berlin, DE", "berlin (HQ)"), ("München", "Munich, Bavaria"),
    ("New York City, NY", "New York, NY"), ("London; Berlin", "Berlin | London"), ("Remote", "Anywhere"),
    ("Remote", ""), ("Greater London", "London, UK"),
])
def test_locations_that_are_equal(a, b):
    assert normalize_location(a) == normalize_location(b)


@pytest.mark.parametrize("a, b", [
    ("Berlin", "Hamburg"), ("Remote - EU", "Remote - US"), ("London", "London; Berlin"), ("Berlin", "Remote"),
])
def test_locations_that_differ(a, b):
    assert normalize_location(a) != normalize_location(b)


# --------------------------------------------------------------------------- Deduplicator


def test_existing_jobs_match_by_canonical_url():
    dedup = Deduplicator([(7, "https://acme.com/jobs/42", "Acme", "Backend Engineer", "Berlin")])
    assert dedup.seen(job("Backend Engineer (m/w/d)", url="https://www.acme.com/jobs/42/?utm_source=x")) == 7
    assert dedup.seen({"url": "http://ACME.com/jobs/42#apply", "company": "", "title": "", "location": ""}) == 7
    assert dedup.seen(job("Backend Engineer", company="Other", url="https://acme.com/jobs/43")) is None


def test_generic_url_does_not_merge_different_titles():
    dedup = Deduplicator([(1, "https://acme.com/careers", "Acme", "Backend Engineer", "Berlin")])
    assert dedup.seen(job("Office Manager", url="https://acme.com/careers")) is None
    assert dedup.seen(job("Backend Engineer (m/w/d)", location="Hamburg", url="https://acme.com/careers")) == 1


def test_exact_key_with_company_suffixes_and_title_noise():
    dedup = Deduplicator([(3, "", "Acme GmbH", "Senior Backend Engineer", "Berlin, Germany")])
    assert dedup.seen(job("Sr. Backend Engineer (m/w/d)", company="ACME", location="Berlin")) == 3
    assert dedup.seen(job("Senior Backend Engineer - Remote", company="The Acme Company", location="berlin")) == 3


def test_different_locations_are_different_jobs():
    dedup = Deduplicator([(3, "", "Acme", "Senior Backend Engineer", "Berlin")])
    assert dedup.seen(job("Senior Backend Engineer", location="Hamburg")) is None
    assert dedup.seen(job("Senior Backend Enginer", location="Hamburg")) is None  # fuzzy too
    assert dedup.seen(job("Senior Backend Engineer", location="Remote")) is None


def test_fuzzy_near_identical_titles():
    dedup = Deduplicator([(5, "", "Acme", "Senior Backend Engineer", "Berlin")])
    assert dedup.seen(job("Senior Back-end Engineer")) == 5
    assert dedup.seen(job("Senior Backend Enginer")) == 5  # typo
    assert dedup.seen(job("Senior Backend Engineers")) == 5
    assert dedup.seen(job("Backend Engineer, Senior")) == 5  # token order


@pytest.mark.parametrize("other", [
    "Frontend Engineer", "Senior Frontend Engineer", "Backend Engineer", "Senior Backend Engineer II",
    "Staff Backend Engineer", "Senior Backend Engineer, Payments", "Engineering Manager, Backend",
])
def test_non_duplicates(other):
    dedup = Deduplicator([(5, "", "Acme", "Senior Backend Engineer", "Berlin")])
    assert dedup.seen(job(other)) is None


def test_levels_and_near_words_are_not_merged():
    dedup = Deduplicator([
        (1, "", "Acme", "Software Engineer II", "Berlin"),
        (2, "", "Acme", "Senior Software Engineer, Payments", "Berlin"),
    ])
    assert dedup.seen(job("Software Engineer III")) is None
    assert dedup.seen(job("Senior Software Engineer, Payouts")) is None
    assert dedup.seen(job("Software Engineer 2")) is None
    assert dedup.seen(job("Sr Software Engineer - Payments")) == 2


def test_other_company_same_title_is_new():
    dedup = Deduplicator([(1, "", "Acme", "Data Engineer", "Berlin")])
    assert dedup.seen(job("Data Engineer", company="Globex")) is None


def test_within_batch_duplicates():
    dedup = Deduplicator()
    batch = [
        job("Senior Backend Engineer", url="https://acme.com/jobs/1?utm_source=a"),
        job("Senior Backend Engineer", url="https://acme.com/jobs/1?utm_source=b"),  # same url
        job("Sr. Backend Engineer (m/w/d)", company="Acme GmbH"),  # same key
        job("Senior Back-end Engineers"),  # fuzzy
        job("Senior Backend Engineer", location="Munich"),  # other location: new
        job("Frontend Engineer"),  # new
    ]
    results = []
    for posting in batch:  # as ingestion does: a new posting is remembered for the rest of the batch
        results.append(dedup.seen(posting))
        if results[-1] is None:
            dedup.add(posting)
    assert results == [None, True, True, True, None, None]
    assert len(dedup) == 3


def test_add_with_id_and_posting_like_inputs():
    dedup = Deduplicator()
    dedup.add({"id": 11, "url": "https://acme.com/jobs/9", "company": "Acme", "title": "QA Engineer",
               "location": "Berlin"})
    dedup.add(job("Designer"), job_id=12)
    assert dedup.seen(job("QA Engineer")) == 11
    assert dedup.seen({"url": "https://acme.com/jobs/9/"}) == 11
    assert dedup.seen(job("Designer")) == 12
    assert dedup.match("", "Acme", "Designer", "Berlin, Germany") == 12


def test_postings_from_sources_work_directly():
    from jobs.sources.base import Posting

    posting = Posting(source="lever", external_id="x", title="Senior Backend Engineer", company="Acme",
                      location="Berlin", url="https://jobs.lever.co/acme/x?lever-source=LinkedIn")
    dedup = Deduplicator([(9, "https://jobs.lever.co/acme/x", "Acme", "Senior Backend Engineer", "Berlin")])
    assert dedup.seen(posting) == 9


def test_missing_company_matches_only_by_url():
    dedup = Deduplicator([(1, "", "", "Backend Engineer", "Berlin")])
    assert dedup.seen(job("Backend Engineer", company="")) is None
