"""Add from URL, end to end through the real HTTP client against a local stub server: the request only
queues the read, a worker does it within a deadline, and the result page polls for it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from copilot import http
from jobs.fetches import recover_fetches
from jobs.models import BackgroundFetch, Job
from tests.paths import FIXTURES
from tests.stubserver import StubResponse

PAGES = FIXTURES / "pages"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def public_name(monkeypatch, stub_server):
    """Make 'jobs.example.test' resolve to the stub server and treat that one address as public."""
    monkeypatch.setattr(http, "resolve", lambda host, port: ["127.0.0.1"] if host == "jobs.example.test" else [])
    monkeypatch.setattr(http, "is_allowed_address", lambda address: address == "127.0.0.1")
    return f"http://jobs.example.test:{stub_server.port}"


def read(client, url: str, capture):
    """Post the URL with the worker running the read as the request commits (Q_CLUSTER sync); the result page."""
    with capture(execute=True):
        response = client.post(reverse("jobs:add_from_url"), {"url": url})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_a_page_with_json_ld_prefills_the_form_and_saves_nothing(alice_client, alice, stub_server, public_name,
                                                                  django_capture_on_commit_callbacks):
    stub_server.html("/posting", (PAGES / "toplevel.html").read_text())
    response = read(alice_client, f"{public_name}/posting", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] and form.initial["company"]
    # The skills read from the page go to the form, for the user to check before saving ("Kubernetes on two
    # clouds" sits under "About Lumen Ledger": the company's introduction asks nothing).
    assert {"tech_stack", "preferred_stack", "soft_skills", "requirements"} <= form.initial.keys()
    assert form.initial["tech_stack"] == []
    assert "structured data" in response.content.decode()
    assert 'name="origin" value="url"' in response.content.decode()
    assert not Job.objects.exists()


def test_a_page_without_json_ld_fills_what_it_can_and_says_so(alice_client, stub_server, public_name,
                                                               django_capture_on_commit_callbacks):
    stub_server.html("/plain", (PAGES / "no_jsonld.html").read_text())
    response = read(alice_client, f"{public_name}/plain", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert response.context["form"].initial["title"]
    assert "no structured job data" in response.content.decode()


def test_confirming_saves_with_source_url(alice_client, alice):
    alice_client.post(reverse("jobs:create"), {"title": "Read From Page", "company": "Acme", "origin": "url"})
    assert Job.objects.get(user=alice).source == "url"


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/job", "http://localhost/job", "http://10.0.0.8/job", "http://[::1]/job", "http://169.254.169.254/latest"],
)
def test_private_addresses_are_refused_with_a_message(alice_client, url, django_capture_on_commit_callbacks):
    response = read(alice_client, url, django_capture_on_commit_callbacks)
    assert "We could not read that page: refused" in response.content.decode()
    assert not Job.objects.exists()


def test_a_name_resolving_to_a_private_address_is_refused_without_revealing_it(
        alice_client, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(http, "resolve", lambda host, port: ["10.1.2.3"])
    html = read(alice_client, "http://intranet.example.test/job", django_capture_on_commit_callbacks).content.decode()
    assert "refused: the address is not public (intranet.example.test)" in html
    assert "10.1.2.3" not in html


def test_non_http_schemes_are_refused(alice_client):
    response = alice_client.post(reverse("jobs:add_from_url"), {"url": "ftp://example.com/job"})
    assert response.status_code == 400
    assert not BackgroundFetch.objects.exists()


def test_a_redirect_to_a_private_address_is_refused(alice_client, stub_server, public_name,
                                                    django_capture_on_commit_callbacks):
    stub_server.redirect("/hop", "http://10.1.2.3/internal")
    html = read(alice_client, f"{public_name}/hop", django_capture_on_commit_callbacks).content.decode()
    assert "We could not read that page: refused: the address is not public" in html


# --------------------------------------------------------------------------- the web side never waits


def test_the_request_only_queues_the_read_and_the_result_page_polls(alice_client, stub_server, public_name):
    stub_server.html("/posting", (PAGES / "toplevel.html").read_text())
    response = alice_client.post(reverse("jobs:add_from_url"), {"url": f"{public_name}/posting"})  # no worker here

    fetch = BackgroundFetch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:add_from_url_result", args=[fetch.pk])
    assert fetch.status == "queued" and stub_server.hits("/posting") == 0  # the web request asked nobody
    page = alice_client.get(response["Location"]).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page  # reloads without JavaScript
    assert "Waiting to read" in page
    fragment = alice_client.get(response["Location"], **HTMX).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<html" not in fragment


def test_once_read_the_polling_fragment_reloads_the_page_into_the_form(alice_client, stub_server, public_name,
                                                                       django_capture_on_commit_callbacks):
    stub_server.html("/posting", (PAGES / "toplevel.html").read_text())
    with django_capture_on_commit_callbacks(execute=True):
        location = alice_client.post(reverse("jobs:add_from_url"), {"url": f"{public_name}/posting"})["Location"]

    polled = alice_client.get(location, **HTMX)
    assert polled.status_code == 200 and polled["HX-Refresh"] == "true"
    assert alice_client.get(location).context["form"].initial["title"]


def test_a_dripping_server_is_cut_at_the_fetch_deadline(alice_client, stub_server, public_name, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    monkeypatch.setattr(BackgroundFetch, "DEADLINE", 1.0)
    stub_server.add("/drip", StubResponse(200, {"Content-Type": "text/html"}, b"<html>" + b" " * 4000,
                                          chunked=True, drip=0.5, chunk_size=100))
    html = read(alice_client, f"{public_name}/drip", django_capture_on_commit_callbacks).content.decode()
    assert "We could not read that page: timed out fetching jobs.example.test: gave up after 1s overall" in html


def test_another_users_fetch_is_a_404(alice_client, bob):
    fetch = BackgroundFetch.objects.create(user=bob, kind="posting", request={"url": "https://jobs.example.com/1"})
    assert alice_client.get(reverse("jobs:add_from_url_result", args=[fetch.pk])).status_code == 404


def test_a_read_whose_worker_died_says_so_once_its_lease_runs_out(alice_client, alice):
    fetch = BackgroundFetch.objects.create(user=alice, kind="posting", request={"url": "https://jobs.example.com/1"},
                                           status="running", started_at=timezone.now() - timedelta(minutes=2),
                                           lease_expires_at=timezone.now() - timedelta(seconds=1))
    html = alice_client.get(reverse("jobs:add_from_url_result", args=[fetch.pk])).content.decode()
    assert "The background worker stopped before it finished" in html
    assert 'value="https://jobs.example.com/1"' in html  # ready to try again

    assert recover_fetches() == 1
    fetch.refresh_from_db()
    assert fetch.status == "failed" and "stopped while reading it" in fetch.error
