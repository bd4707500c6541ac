"""The account pages speak like the navigation ("Log in", "Sign up", "Log out") and labels read as words."""

import re

from django.test import Client
from django.urls import reverse


def labels(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)]


def test_the_login_page_says_log_in_like_the_navigation(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert "<h1>Log in</h1>" in html and ">Log in</button>" in html and "<title>Log in" in html
    assert "Sign In" not in html and "sign in" not in html.lower()
    assert 'href="/accounts/login/">Log in</a>' in html  # the navigation, for the record
    assert labels(html)[-3:] == ["Username or email", "Password", "Keep me logged in on this device"]
    assert "Remember Me" not in html


def test_a_failed_login_shows_its_message_on_the_page(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice", "password": "wrong"})
    assert response.status_code == 200  # allauth's answer; the message is on the page
    assert 'class="field-errors" role="alert"' in response.content.decode()


def test_signup_and_logout_pages_use_the_same_words(alice_client):
    html = Client().get(reverse("account_signup")).content.decode()
    assert "<h1>Sign up</h1>" in html and ">Log in</a>" in html and "sign in" not in html.lower()
    html = alice_client.get(reverse("account_logout")).content.decode()
    assert "<h1>Log out</h1>" in html and "Sign Out" not in html


def test_no_label_ends_with_a_colon_and_the_job_link_is_named(alice_client):
    for name in ("jobs:create", "profile:settings", "sources:list", "jobs:add_from_url"):
        found = labels(alice_client.get(reverse(name)).content.decode())
        assert found and not [label for label in found if label.endswith(":")], (name, found)
    assert "Link to the posting" in labels(alice_client.get(reverse("jobs:create")).content.decode())
