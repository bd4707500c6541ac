"""jobs.sources.ingest: fetch → profile filter → dedup → one transaction, failures isolated per board."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copilot.accounts.models import Profile
from jobs.matching import match_job
from jobs.models import IngestionRun, Job, SourceSubscription
from jobs.sources import Posting, ingest
from jobs.sources.ingest import ProfileFilter, run_all, run_subscription, store_postings
from tests.jobs.sources.helpers import (  # noqa: F401  (only_loopback: autouse)
    fixture_json,
    make_job,
    make_subscription,
    only_loopback,
    oversized,
    serve,
    slow,
)
from tests.stubserver import StubResponse

Status = IngestionRun.Status


def posting(**fields) -> Posting:
    values = {"source": "greenhouse", "external_id": "1", "title": "Backend Engineer", "company": "Acme",
              "location": "Berlin, Germany", **fields}
    return Posting(**values)


# --------------------------------------------------------------------------- a healthy run


def test_it_adds_the_boards_jobs_with_the_board_name_as_source(boards, bob):
    serve(boards, "greenhouse")
    subscription = make_subscription(bob, "greenhouse")

    run = run_subscription(subscription)

    assert (run.status, run.fetched, run.added, run.duplicates, run.filtered_out) == (Status.SUCCEEDED, 3, 3, 0, 0)
    jobs = Job.objects.for_user(bob).order_by("external_id")
    assert [j.external_id for j in jobs] == ["7301001", "7301002", "7301003"]
    backend = jobs[0]
    assert backend.source == "greenhouse"
    assert backend.title == "Senior Backend Engineer (Python)" and backend.company == "Nimbus Labs"
    assert backend.canonical_url == "https://job-boards.greenhouse.io/nimbus-labs/jobs/7301001"
    assert (backend.salary_min, backend.salary_max, backend.salary_currency) == (Decimal("70000"), Decimal("90000"),
                                                                                "EUR")
    assert {"Python", "Django"} <= set(backend.tech_stack)
    assert "<script" not in backend.description_html and "software for ports" in backend.description_text
    assert backend.posted_date is not None
    subscription.refresh_from_db()
    assert subscription.last_added == 3 and subscription.last_error == "" and subscription.last_run_at is not None
    assert run.finished_at is not None and run.trigger == IngestionRun.Trigger.SCHEDULE


def test_it_keeps_the_attribution_link_boards_require(boards, bob):
    serve(boards, "remotive")
    run_subscription(make_subscription(bob, "remotive"))

    job = Job.objects.get(user=bob, external_id="3100001")
    assert job.source == "remotive"
    assert job.attribution_url == job.url and job.url.startswith("https://remotive.com/")


def test_it_invalidates_the_insights_cache_once_when_jobs_were_added(boards, bob):
    serve(boards, "greenhouse")
    version = Profile.objects.get(user=bob).data_version
    run_subscription(make_subscription(bob, "greenhouse"))
    assert Profile.objects.get(user=bob).data_version == version + 1


def test_a_rerun_adds_nothing(boards, bob):
    serve(boards, "greenhouse")
    subscription = make_subscription(bob, "greenhouse")
    run_subscription(subscription)

    again = run_subscription(subscription, force=True)

    assert (again.status, again.added, again.duplicates) == (Status.SUCCEEDED, 0, 3)
    assert Job.objects.for_user(bob).count() == 3


def test_a_job_renamed_on_the_board_is_still_the_same_job(boards, bob):
    """Same (source, external id) is a duplicate even when title and URL changed: no IntegrityError."""
    serve(boards, "greenhouse")
    make_job(bob, source="greenhouse", external_id="7301001", title="Old title", company="Elsewhere")
    run = run_subscription(make_subscription(bob, "greenhouse"))
    assert (run.status, run.added, run.duplicates) == (Status.SUCCEEDED, 2, 1)


def test_a_second_run_within_the_boards_interval_is_skipped_with_the_reason(boards, bob):
    serve(boards, "greenhouse")
    subscription = make_subscription(bob, "greenhouse")
    run_subscription(subscription)

    too_soon = run_subscription(subscription, trigger=IngestionRun.Trigger.USER)

    assert too_soon.status == Status.SKIPPED
    assert "Greenhouse may be asked at most once every 30 minutes" in too_soon.error
    assert "next refresh allowed in" in too_soon.error
    assert boards.hits("/v1/boards/nimbus-labs/jobs") == 1


def test_the_reason_a_worker_keeps_is_in_the_language_the_user_picked(boards, bob):
    serve(boards, "greenhouse")
    bob.profile.language = "de"
    bob.profile.save()
    subscription = make_subscription(bob, "greenhouse")
    run_subscription(subscription)

    too_soon = run_subscription(subscription, trigger=IngestionRun.Trigger.USER)

    assert "Greenhouse darf pro Abonnement höchstens einmal alle 30 Minuten abgefragt werden" in too_soon.error


def test_after_the_interval_the_board_is_asked_again(boards, bob):
    serve(boards, "greenhouse")
    subscription = make_subscription(bob, "greenhouse")
    run_subscription(subscription)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        later = run_subscription(subscription)
    assert later.status == Status.SUCCEEDED and later.duplicates == 3
    assert boards.hits("/v1/boards/nimbus-labs/jobs") == 2


def test_disabled_subscriptions_and_sources_without_keys_are_skipped(boards, bob):
    off = run_subscription(make_subscription(bob, "greenhouse", enabled=False))
    adzuna = run_subscription(make_subscription(bob, "adzuna"))
    assert (off.status, off.error) == (Status.SKIPPED, "This subscription is disabled.")
    assert adzuna.status == Status.SKIPPED and "no API key" in adzuna.error
    assert not boards.requests


def test_adzuna_runs_when_the_key_is_configured(boards, bob, settings):
    settings.ADZUNA_APP_ID, settings.ADZUNA_APP_KEY = "test-id", "test-key"
    serve(boards, "adzuna")
    run = run_subscription(make_subscription(bob, "adzuna"))
    assert (run.status, run.added) == (Status.SUCCEEDED, 3)
    assert Job.objects.filter(user=bob, source="adzuna").first().attribution_url == "https://www.adzuna.com"


# --------------------------------------------------------------------------- failures


def test_one_failing_board_never_stops_the_others_nor_leaves_partial_data(boards, bob):
    serve(boards, "greenhouse")
    serve(boards, "lever", StubResponse(500, {"Content-Type": "text/plain"}, b"boom"))
    serve(boards, "ashby", slow())
    serve(boards, "remotive", (200, {"Content-Type": "application/json"}, b'{"jobs": [{"id": 1,'))
    serve(boards, "remoteok", oversized())
    serve(boards, "arbeitnow", {"data": "not a list"})  # valid JSON, wrong shape
    subscriptions = {kind: make_subscription(bob, kind)
                     for kind in ("lever", "ashby", "greenhouse", "remotive", "remoteok", "arbeitnow")}

    runs = {run.source: run for run in run_all(bob)}

    assert runs["greenhouse"].status == Status.SUCCEEDED and runs["greenhouse"].added == 3
    expected_errors = {
        "lever": "HTTP 500",
        "ashby": "timed out",
        "remotive": "malformed JSON",
        "remoteok": "larger than",
        "arbeitnow": "expected a list",
    }
    for kind, fragment in expected_errors.items():
        run = runs[kind]
        assert run.status == Status.FAILED, kind
        assert fragment in run.error, (kind, run.error)
        assert run.added == 0 and run.finished_at is not None
        subscriptions[kind].refresh_from_db()
        assert fragment in subscriptions[kind].last_error
    assert set(Job.objects.for_user(bob).values_list("source", flat=True)) == {"greenhouse"}


def test_a_body_growing_past_the_limit_while_streaming_fails_the_run(boards, bob, settings):
    settings.JOB_SOURCE_MAX_BYTES = 2_000
    body = b'{"jobs": [' + b" " * 10_000 + b"]}"
    serve(boards, "greenhouse", StubResponse(200, {"Content-Type": "application/json"}, body, chunked=True,
                                             chunk_size=1_000))
    run = run_subscription(make_subscription(bob, "greenhouse"))
    assert run.status == Status.FAILED and "larger than 2000 bytes" in run.error
    assert not Job.objects.exists()


def test_a_database_failure_midway_rolls_back_the_whole_board(boards, bob, monkeypatch):
    serve(boards, "greenhouse")
    monkeypatch.setattr(ingest, "BULK_BATCH_SIZE", 1)
    real_bulk_create = Job.objects.bulk_create
    calls = []

    def failing_bulk_create(objs, **kwargs):
        calls.append(1)
        real_bulk_create(objs[:1], **kwargs)  # the first row is written...
        raise IntegrityError("simulated failure after the first row")

    monkeypatch.setattr(Job.objects, "bulk_create", failing_bulk_create)
    run = run_subscription(make_subscription(bob, "greenhouse"))

    assert calls and run.status == Status.FAILED and "simulated failure" in run.error
    assert not Job.objects.exists()  # ...and rolled back with the rest


def test_failures_are_logged_with_structured_fields(boards, bob, caplog):
    serve(boards, "lever", StubResponse(500))
    subscription = make_subscription(bob, "lever")
    with caplog.at_level(logging.INFO, logger="copilot.ingest"):
        run = run_subscription(subscription)
    record = next(r for r in caplog.records if r.name == "copilot.ingest" and r.levelno == logging.WARNING)
    assert record.run_id == run.pk and record.subscription_id == subscription.pk and record.user_id == bob.pk
    assert record.source == "lever" and record.status == "failed" and "HTTP 500" in record.error


def test_an_unexpected_crash_in_one_board_is_contained(boards, bob, monkeypatch):
    serve(boards, "greenhouse")
    serve(boards, "lever")
    real = ingest.fetch_postings

    def crash_for_lever(kind, params):
        if kind == "lever":
            raise ZeroDivisionError("bug")
        return real(kind, params)

    monkeypatch.setattr(ingest, "fetch_postings", crash_for_lever)
    make_subscription(bob, "lever")
    make_subscription(bob, "greenhouse")
    runs = {r.source: r for r in run_all(bob)}
    assert runs["lever"].status == Status.FAILED and "ZeroDivisionError" in runs["lever"].error
    assert runs["greenhouse"].added == 3


def test_run_all_without_a_user_runs_everyones_enabled_subscriptions(boards, alice, bob):
    serve(boards, "greenhouse")
    make_subscription(alice, "greenhouse")
    make_subscription(bob, "greenhouse")
    make_subscription(bob, "lever", enabled=False)
    runs = run_all()
    assert sorted((r.user_id, r.source) for r in runs) == sorted([(alice.pk, "greenhouse"), (bob.pk, "greenhouse")])


def test_stale_runs_of_a_dead_worker_are_marked_failed(boards, bob):
    serve(boards, "greenhouse")
    subscription = make_subscription(bob, "greenhouse")
    stale = IngestionRun.objects.create(subscription=subscription, user=bob, source="greenhouse",
                                        status=Status.RUNNING)
    IngestionRun.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(hours=1))
    run_subscription(subscription)
    stale.refresh_from_db()
    assert stale.status == Status.FAILED and "The worker running this stopped before it finished" in stale.error


def test_scraping_switched_off_skips_the_run(boards, bob, settings):
    settings.ENABLE_JOB_SCRAPING = False
    run = run_subscription(make_subscription(bob, "greenhouse"))
    assert run.status == Status.SKIPPED and "ENABLE_JOB_SCRAPING" in run.error
    assert not boards.requests


# --------------------------------------------------------------------------- dedup


def test_it_dedups_against_existing_jobs_by_url_variant_and_company_suffix(boards, bob):
    serve(boards, "greenhouse")
    make_job(bob, title="Senior Backend Engineer (Python)", company="Somebody else",
             url="http://www.job-boards.greenhouse.io/nimbus-labs/jobs/7301001/?gh_src=abc&utm_source=linkedin")
    make_job(bob, title="Data Engineer", company="Nimbus Labs GmbH", location="EU")

    run = run_subscription(make_subscription(bob, "greenhouse"))

    assert (run.added, run.duplicates) == (1, 2)
    assert Job.objects.get(user=bob, source="greenhouse").title == "Product Designer"


def test_other_users_jobs_do_not_count_as_duplicates(boards, alice, bob):
    serve(boards, "greenhouse")
    run_subscription(make_subscription(alice, "greenhouse"))
    run = run_subscription(make_subscription(bob, "greenhouse"))
    assert run.added == 3


def test_store_postings_dedups_within_the_batch_and_reads_the_users_jobs_once(bob, django_assert_num_queries):
    make_job(bob, title="Frontend Developer", company="Acme", location="Berlin")
    batch = [
        posting(external_id="1", url="https://acme.example/jobs/1"),
        posting(external_id="2", url="https://acme.example/jobs/1?utm_source=x"),  # same URL
        posting(external_id="3", company="ACME Inc.", title="Backend Engineer", url=""),  # same company/title/place
        posting(external_id="4", title="Frontend Developer", location="Berlin, Germany"),  # already saved
        posting(external_id="5", title="Data Engineer"),
    ]
    with django_assert_num_queries(3):  # one read of the jobs, one of the profile (match scores), one insert
        result = store_postings(user_id=bob.pk, source="greenhouse", postings=batch)
    assert [p.external_id for p in result.new] == ["1", "5"] and result.duplicates == 3
    assert Job.objects.filter(user=bob, source="greenhouse").count() == 2


def test_store_postings_trims_to_the_columns_and_drops_impossible_amounts(bob):
    long = posting(title="T" * 500, company="C" * 500, location="L" * 500, salary_text="S" * 500,
                   salary_min=Decimal("1e15"), salary_max=Decimal("50000"), salary_currency="EURO",
                   url="https://x.example/" + "a" * 2100, external_id="9" * 300)
    store_postings(user_id=bob.pk, source="greenhouse", postings=[long])
    job = Job.objects.get(user=bob)
    assert (len(job.title), len(job.company), len(job.location), len(job.salary_text)) == (200, 200, 200, 200)
    assert job.salary_min is None and job.salary_max == Decimal("50000") and job.salary_currency == "EUR"
    assert job.url == "" and len(job.external_id) == 200


def test_store_postings_dry_run_writes_nothing(bob):
    result = store_postings(user_id=bob.pk, source="greenhouse", postings=[posting()], dry_run=True)
    assert result.added == 1 and not Job.objects.exists()


# --------------------------------------------------------------------------- the profile filter


def test_profile_filter_for_alice_keeps_matching_skills_in_her_city_or_remote(boards, alice):
    serve(boards, "greenhouse")
    serve(boards, "remotive")
    serve(boards, "arbeitnow")
    runs = {r.source: r for r in (run_subscription(make_subscription(alice, kind))
                                  for kind in ("greenhouse", "remotive", "arbeitnow"))}
    titles = set(Job.objects.for_user(alice).values_list("title", flat=True))
    # Python/Django in Berlin (hybrid); remote Python; remote Rails asking for PostgreSQL
    assert titles == {"Senior Backend Engineer (Python)", "Senior Python Developer", "Ruby on Rails Contractor"}
    assert runs["greenhouse"].filtered_out == 2  # data engineer (no shared skill), designer in Lisbon
    assert runs["arbeitnow"].filtered_out == 3  # Python, but in Leipzig and not remote; the others: no shared skill


def test_empty_profile_keeps_everything_but_caps_new_jobs_per_run(bob, monkeypatch, boards):
    monkeypatch.setattr(ingest, "EMPTY_PROFILE_CAP", 2)
    serve(boards, "greenhouse")
    run = run_subscription(make_subscription(bob, "greenhouse"))
    assert (run.added, run.filtered_out) == (2, 1)


def test_a_posting_shares_a_skill_when_its_required_or_nice_to_have_stack_does():
    rule = ProfileFilter.build(skills=["Rust"])
    assert rule.keeps(posting(tech_stack=["Go"], preferred_stack=["Rust"]))
    assert not rule.keeps(posting(tech_stack=["Go"], preferred_stack=["Zig"]))
    assert not ProfileFilter.build(skills=["German"]).keeps(posting(tech_stack=["Go"], soft_skills=["German"]))


def test_a_stored_posting_keeps_its_three_skill_lists(bob):
    job = ingest.job_from_posting(
        posting(tech_stack=["Go", "PostgreSQL"], preferred_stack=["Rust"], soft_skills=["English"],
                description_html="<p>Go and PostgreSQL; Rust is a plus.</p>",
                description_text="Go and PostgreSQL; Rust is a plus."),
        user_id=bob.pk, source="greenhouse")
    assert (job.tech_stack, job.preferred_stack, job.soft_skills) == (["Go", "PostgreSQL"], ["Rust"], ["English"])


def test_target_roles_match_normalised_titles():
    rule = ProfileFilter.build(roles=["Backend Engineer"])
    assert rule.keeps(posting(title="Sr. Back-End Engineer (m/w/d)"))
    assert not rule.keeps(posting(title="Frontend Engineer"))
    assert ProfileFilter.build(roles=["Backend Engineer"], skills=["Figma"]).keeps(
        posting(title="Designer", tech_stack=["figma"]))


@pytest.mark.parametrize(("preference", "posting_fields", "kept"), [
    ("any", {"location": "Munich, Germany"}, True),
    ("any", {"location": "München"}, True),  # an alias of a preferred city
    ("any", {"location": "Hamburg, Germany"}, True),  # the country is preferred too
    ("any", {"location": "Paris", "remote_option": "remote"}, True),
    ("onsite", {"location": "", "remote_option": "remote"}, False),
    ("remote", {"location": "Munich", "remote_option": "hybrid"}, False),
    ("remote", {"location": "", "remote_option": "remote"}, True),
    ("hybrid", {"location": "Munich", "remote_option": "onsite"}, False),
    ("hybrid", {"location": "Munich", "remote_option": "hybrid"}, True),
    ("any", {"location": ""}, True),  # no location given: kept
    ("any", {"location": "Lisbon, Portugal"}, False),
])
def test_location_and_remote_preference(preference, posting_fields, kept):
    rule = ProfileFilter.build(locations=["Munich", "Germany"], remote_preference=preference)
    assert rule.keeps(posting(**posting_fields)) is kept


# (preferred locations, remote preference, posting location, posting remote option, kept)
PLACE_CASES = [
    (["Warsaw"], "any", "Warszawa, Poland", "", True),  # the local name of a preferred city
    (["Warszawa"], "any", "Warsaw, PL", "onsite", True),
    (["Germany"], "any", "Berlin, DE", "", True),  # a country holds its cities, however written
    (["Deutschland"], "any", "Köln", "hybrid", True),
    (["Portland, OR"], "any", "Portland, ME", "", False),  # the same name in another state
    (["Portland, OR"], "any", "Portland, Oregon", "", True),
    (["Berlin"], "any", "Remote (US only)", "", False),  # a remote scope that leaves them out
    (["Berlin"], "any", "US-Remote", "remote", False),
    (["Lisbon"], "any", "Remote - EU", "", True),  # a remote scope that holds them
    (["Berlin"], "any", "Anywhere", "", True),
    (["Berlin"], "onsite", "Berlin, Germany; Remote", "", True),  # remote, or from their city
    (["Berlin"], "onsite", "Remote - EU", "", False),
    (["Remote"], "onsite", "Remote", "remote", True),  # "Remote" typed says they take remote work
    (["Berlin"], "remote", "Berlin", "hybrid", False),
    (["Berlin"], "hybrid", "Berlin (On-site)", "", False),
    (["Berlin"], "any", "", "", True),  # no place given
    ([], "any", "Tokyo, Japan", "onsite", True),  # no place wanted
]


@pytest.mark.parametrize(("preferred", "preference", "location", "remote_option", "kept"), PLACE_CASES)
def test_the_keep_rule_reads_places_like_the_match_score(preferred, preference, location, remote_option, kept):
    rule = ProfileFilter.build(locations=preferred, remote_preference=preference)
    assert rule.is_in_place(posting(location=location, remote_option=remote_option)) is kept


LOCATIONS = ["Berlin", "Berlin, DE", "Warszawa", "Portland, ME", "Remote - EU", "Remote (US only)", "Anywhere",
             "Berlin, Germany; Remote", "Hybrid (Munich)", "London, UK", "", "Germany", "Remote, Germany", "CET ± 2"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(["Berlin", "Germany", "Warsaw", "Portland, OR", "Remote", "Remote - EU", "Lisbon"]),
             max_size=3),
    st.sampled_from(["any", "remote", "hybrid", "onsite"]),
    st.sampled_from(LOCATIONS),
    st.sampled_from(["", "remote", "hybrid", "onsite"]),
)
def test_the_keep_rule_never_keeps_a_job_the_score_gives_no_location_credit(preferred, preference, location,
                                                                            remote_option):
    rule = ProfileFilter.build(locations=preferred, remote_preference=preference)
    job = posting(location=location, remote_option=remote_option)
    place = match_job(job, Profile(preferred_locations=preferred, remote_preference=preference))
    if rule.is_in_place(job):
        assert place.component("location").score > 0, place.component("location").reason


def test_the_rule_is_described_in_plain_words():
    empty = ProfileFilter.build()
    assert empty.is_empty and "every job is kept" in empty.describe()[0]
    lines = " ".join(ProfileFilter.build(skills=["Python"], roles=["Data Engineer"], locations=["Berlin"]).describe())
    assert "Data Engineer" in lines and "Python" in lines and "Berlin" in lines and "or remote" in lines


def test_subscription_params_are_canonical_so_duplicates_collide(bob):
    a = ingest.subscription_params("remotive", query="  Python   Django ", location="Berlin")
    b = ingest.subscription_params("remotive", query="python django", location=" berlin")
    assert a == b == {"query": "python django", "location": "berlin"}
    SourceSubscription.objects.create(user=bob, kind="remotive", params=a)
    with pytest.raises(IntegrityError):
        SourceSubscription.objects.create(user=bob, kind="remotive", params=b)


# --------------------------------------------------------------------------- links that are not web addresses


def greenhouse_with(url: str) -> dict:
    payload = fixture_json("greenhouse")
    for job in payload["jobs"]:
        job["absolute_url"] = url
    return payload


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
                                 "JavaScript:alert(1)", "ftp://files.example.com/job", "//evil.example/job"])
def test_a_board_answering_other_links_gets_its_jobs_stored_without_them(boards, alice, caplog, url):
    serve(boards, "greenhouse", greenhouse_with(url))
    with caplog.at_level(logging.WARNING, logger="jobs.sources"):
        run = ingest.run_subscription(make_subscription(alice, "greenhouse"))

    assert run.status == "succeeded" and run.added > 0
    assert set(Job.objects.filter(user=alice).values_list("url", flat=True)) == {""}
    assert any("dropped a link that is not http(s)" in record.getMessage() for record in caplog.records)


def test_a_board_that_credits_itself_with_a_script_link_gets_the_homepage_instead(boards, alice):
    payload = fixture_json("remotive")
    for job in payload["jobs"]:
        job["url"] = "javascript:alert(1)"
    serve(boards, "remotive", payload)

    ingest.run_subscription(make_subscription(alice, "remotive"))

    links = set(Job.objects.filter(user=alice).values_list("url", "attribution_url"))
    assert links == {("", "https://remotive.com")}


def test_board_previews_show_no_other_links(boards, alice):
    serve(boards, "greenhouse", greenhouse_with("javascript:alert(1)"))
    preview = ingest.preview(user=alice, kind="greenhouse", params={"board": "nimbus-labs"})
    assert preview.fetched and all(posting.url == "" for posting, _ in preview.sample)
