"""The clipper: reading what the bookmarklet sent, the review page, and the refusals (cross-site, over-size)."""

from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from jobs.importing.clipper import (
    MAX_DESCRIPTION_CHARS,
    MAX_HTML_CHARS,
    bookmarklet_url,
    main_content,
    read_clipped_page,
)
from jobs.models import Job
from tests.factories import make_job
from tests.jobs.importing.clip_pages import WITH_JSON_LD, WITHOUT_JSON_LD

CLIP = "/jobs/clip/"
PAGE_URL = "https://careers.kestrel.example/jobs/42"


def test_a_page_with_json_ld_is_read_from_its_structured_data():
    draft = read_clipped_page(url="https://heron.example/jobs/7", title="Staff Data Engineer", html=WITH_JSON_LD)
    assert draft.found_structured_data
    assert (draft.title, draft.company, draft.job_type) == ("Staff Data Engineer", "Heron Analytics", "full_time")
    assert "Leipzig" in draft.location
    assert {"Python", "Apache Spark", "AWS"} <= set(draft.tech_stack)
    assert draft.preferred_stack == ["Apache Airflow"]


def test_a_page_without_json_ld_gives_its_main_text_without_page_chrome_or_scripts():
    draft = read_clipped_page(url=PAGE_URL, title="Careers – Kestrel Robotics", html=WITHOUT_JSON_LD)
    assert not draft.found_structured_data
    assert draft.title == "Embedded Rust Developer"
    assert draft.company == "Kestrel Robotics"  # guessed from the site name, and the notes say so
    assert any("guessed" in note for note in draft.notes)
    text = draft.description_html
    assert "firmware in Rust for ARM Cortex-M" in text and "<li>" in text
    for chrome in ("Products", "Similar jobs", "Imprint", "cookies", "Apply now", "color: red"):
        assert chrome not in text
    for hostile in ("steal", "onclick", "onerror", "<script", "<img"):
        assert hostile not in text
    assert {"Rust", "Embedded Systems"} & set(draft.tech_stack) and "Linux" in draft.tech_stack


def test_a_page_whose_main_is_tiny_falls_back_to_the_body():
    page = "<body><main>Cookie settings</main><div><h1>QA Lead</h1><p>" + "Test automation with Cypress. " * 20 \
           + "</p></div></body>"
    description, heading = main_content(page)
    assert "Cypress" in description and heading == "QA Lead"


def test_a_huge_page_gives_a_bounded_well_formed_description():
    page = "<main><h1>SRE</h1>" + "<p>Linux &amp; Kubernetes on call.</p>" * 50_000 + "<p>" + "x" * 300_000 + "</main>"
    description, heading = main_content(page)
    assert heading == "SRE"
    assert len(description) <= MAX_DESCRIPTION_CHARS + 100 and description.endswith("</p>")


def test_broken_markup_never_raises():
    for page in ("", "<main><svg><main>", "<div hidden><p>x", "</nav></nav><p>" + "a" * 300, "<![CDATA[<main>"):
        read_clipped_page(url=PAGE_URL, title="", html=page)


def test_the_bookmarklet_carries_the_apps_address_and_nothing_else():
    link = bookmarklet_url("https://jobs.example.com")
    code = unquote(link.removeprefix("javascript:"))
    assert link.startswith("javascript:") and '"https://jobs.example.com"' in code
    assert "e.origin===A" in code and "w.postMessage(d,A)" in code  # only the app's origin receives the page
    assert "csrf" not in code.lower() and "token" not in code.lower()


def test_the_instructions_page_shows_the_bookmarklet_for_this_site(alice_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = alice_client.get(reverse("jobs:clipper"))
    assert response.status_code == 200
    assert "javascript:" in response.text and "http://testserver" in unquote(response.text)


def test_the_popup_page_keeps_its_opener_and_carries_the_csrf_token(alice_client):
    response = alice_client.get(CLIP)
    assert response.status_code == 200
    assert response["Cross-Origin-Opener-Policy"] == "unsafe-none"  # other pages keep same-origin
    assert response["X-Frame-Options"] == "DENY"
    assert 'name="csrfmiddlewaretoken"' in response.text and 'enctype="multipart/form-data"' in response.text
    assert alice_client.get(reverse("jobs:list"))["Cross-Origin-Opener-Policy"] == "same-origin"


def test_posting_a_page_shows_the_filled_form_and_saves_nothing(alice_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):  # session, user, profile; the duplicate check (jobs.duplicates) 3 at most
        response = alice_client.post(CLIP, {"url": PAGE_URL, "title": "Careers", "html": WITHOUT_JSON_LD})
    assert response.status_code == 200
    assert "Check and save this job" in response.text
    assert 'value="Embedded Rust Developer"' in response.text
    assert 'name="origin" value="clipper"' in response.text
    assert "steal" not in response.text
    assert not Job.objects.exists()


def test_saving_the_reviewed_form_stores_a_clipped_job(alice_client, alice):
    response = alice_client.post(reverse("jobs:create"), {
        "origin": "clipper", "title": "Embedded Rust Developer", "company": "Kestrel Robotics", "url": PAGE_URL,
        "description_html": "<p>Firmware in Rust</p>"})
    assert response.status_code == 302
    job = Job.objects.get(user=alice)
    assert (job.source, job.title) == ("clipper", "Embedded Rust Developer")


def test_the_review_says_when_the_job_is_saved_already(alice_client, alice, bob):
    mine = make_job(alice, title="Staff Data Engineer", company="Heron Analytics", location="Leipzig, DE")
    make_job(bob, title="Embedded Rust Developer", company="Kestrel Robotics")  # bob's: never shown to alice
    response = alice_client.post(CLIP, {"url": "https://heron.example/jobs/7", "html": WITH_JSON_LD})
    assert "You already have this job" in response.text and mine.get_absolute_url() in response.text
    response = alice_client.post(CLIP, {"url": PAGE_URL, "html": WITHOUT_JSON_LD})
    assert "You already have this job" not in response.text


def test_a_cross_site_post_without_the_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    data = {"url": PAGE_URL, "title": "x", "html": WITHOUT_JSON_LD}
    # A form on another site posting to the app: no token, a foreign Origin.
    response = client.post(CLIP, data, HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert client.post(CLIP, data).status_code == 403  # no token at all
    # A token is not enough from another origin either (it cannot have one, but say it did).
    token = client.get(CLIP).context["csrf_token"]
    response = client.post(CLIP, {**data, "csrfmiddlewaretoken": str(token)}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    # The app's own popup: same origin, with the token.
    response = client.post(CLIP, {**data, "csrfmiddlewaretoken": str(token)}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200 and "Embedded Rust Developer" in response.text


def test_an_over_size_page_is_refused_with_a_message(alice_client):
    page = "<main><p>" + "x" * MAX_HTML_CHARS + "</p></main>"
    response = alice_client.post(CLIP, {"url": PAGE_URL, "html": page})
    assert response.status_code == 413
    assert "too large to clip" in response.text
    assert not Job.objects.exists()


def test_a_body_over_djangos_upload_limit_is_refused_before_it_is_read(alice_client, settings):
    page = "<main><p>" + "€" * 900_000 + "</p></main>"  # under the character cap, 2.7 MB of UTF-8
    assert len(page) < MAX_HTML_CHARS and len(page.encode()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = alice_client.post(CLIP, {"url": PAGE_URL, "html": page})
    assert response.status_code == 400
    assert not Job.objects.exists()


@pytest.mark.parametrize("data", [
    {"url": "javascript:alert(1)", "html": "<p>x</p>"},
    {"url": "not a url", "html": "<p>x</p>"},
    {"url": PAGE_URL, "html": ""},
    {"url": PAGE_URL, "html": "<p>x</p>", "title": "t" * 1001},
])
def test_malformed_clips_are_refused_with_a_message(alice_client, data):
    response = alice_client.post(CLIP, data)
    assert response.status_code == 400
    assert "The clipper sent something we cannot read" in response.text


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.post(CLIP, {"url": PAGE_URL, "html": WITHOUT_JSON_LD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
