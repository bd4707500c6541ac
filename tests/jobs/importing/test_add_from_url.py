"""Add from URL, end to end through the real HTTP client against a local stub server."""


import pytest
from django.urls import reverse

from copilot import http
from jobs.models import Job
from tests.paths import FIXTURES

PAGES = FIXTURES / "pages"


@pytest.fixture
def public_name(monkeypatch, stub_server):
    """Make 'jobs.example.test' resolve to the stub server and treat that one address as public."""
    monkeypatch.setattr(http, "resolve", lambda host, port: ["127.0.0.1"] if host == "jobs.example.test" else [])
    monkeypatch.setattr(http, "is_allowed_address", lambda address: address == "127.0.0.1")
    return f"http://jobs.example.test:{stub_server.port}"


def test_a_page_with_json_ld_prefills_the_form_and_saves_nothing(alice_client, alice, stub_server, public_name):
    stub_server.html("/posting", (PAGES / "toplevel.html").read_text())
    response = alice_client.post(reverse("jobs:add_from_url"), {"url": f"{public_name}/posting"})
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


def test_a_page_without_json_ld_fills_what_it_can_and_says_so(alice_client, stub_server, public_name):
    stub_server.html("/plain", (PAGES / "no_jsonld.html").read_text())
    response = alice_client.post(reverse("jobs:add_from_url"), {"url": f"{public_name}/plain"})
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
def test_private_addresses_are_refused_with_a_message(alice_client, url):
    response = alice_client.post(reverse("jobs:add_from_url"), {"url": url})
    assert response.status_code == 400
    assert "We could not read that page" in response.content.decode()
    assert not Job.objects.exists()


def test_non_http_schemes_are_refused(alice_client):
    response = alice_client.post(reverse("jobs:add_from_url"), {"url": "ftp://example.com/job"})
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_a_redirect_to_a_private_address_is_refused(alice_client, stub_server, public_name):
    stub_server.redirect("/hop", "http://10.1.2.3/internal")
    response = alice_client.post(reverse("jobs:add_from_url"), {"url": f"{public_name}/hop"})
    assert response.status_code == 400
    assert "We could not read that page" in response.content.decode()
