"""Failed-login limits: keyed by the real client behind our proxies, so one attacker never locks
out everyone; the per-account limit stays; login redirects stay on this site."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, make_user

LOGIN = "/accounts/login/"
PROXY = "127.0.0.1"  # nginx, as the README deploys it: every request's REMOTE_ADDR
ATTACKER = "203.0.113.9"
VISITOR = "198.51.100.7"
TOO_MANY = b"Too many failed login attempts"


def attempt(client, login: str, password: str, *, forwarded_for: str, remote: str = PROXY):
    return client.post(LOGIN, {"login": login, "password": password},
                       REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)


def signed_in(response) -> bool:
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


@pytest.fixture
def behind_nginx(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_an_attacker_behind_the_proxy_never_locks_out_another_visitor(client, db, behind_nginx):
    make_user("carol")
    for n in range(12):  # past the 10-a-minute limit per client address, each time another account
        attempt(client, f"nobody{n}", "wrong", forwarded_for=ATTACKER)

    assert signed_in(attempt(client, "carol", PASSWORD, forwarded_for=VISITOR))


def test_the_attacker_is_stopped_at_their_own_address(client, db, behind_nginx):
    make_user("carol")
    for n in range(10):
        assert TOO_MANY not in attempt(client, f"nobody{n}", "wrong", forwarded_for=ATTACKER).content

    refused = attempt(client, "carol", PASSWORD, forwarded_for=ATTACKER)
    assert TOO_MANY in refused.content and not refused.wsgi_request.user.is_authenticated


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, db, behind_nginx):
    """nginx appends the peer it saw; whatever the client wrote before that is not believed."""
    make_user("carol")
    for n in range(10):
        attempt(client, f"nobody{n}", "wrong", forwarded_for=f"10.9.8.{n}, {ATTACKER}")

    refused = attempt(client, "carol", PASSWORD, forwarded_for=f"10.9.8.99, {ATTACKER}")
    assert TOO_MANY in refused.content


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, db):
    """The default (direct exposure): a client rotating X-Forwarded-For stays one client."""
    make_user("carol")
    for n in range(10):
        attempt(client, f"nobody{n}", "wrong", forwarded_for=f"10.9.8.{n}", remote=ATTACKER)

    refused = attempt(client, "carol", PASSWORD, forwarded_for=VISITOR, remote=ATTACKER)
    assert TOO_MANY in refused.content


def test_the_per_account_limit_holds_from_any_address(client, db, behind_nginx):
    make_user("carol")
    for n in range(5):  # 5 per 5 minutes for one login, whoever tries
        attempt(client, "carol", "wrong", forwarded_for=f"198.51.100.{n + 10}")

    refused = attempt(client, "carol", PASSWORD, forwarded_for=VISITOR)
    assert TOO_MANY in refused.content


def test_a_request_that_skipped_the_proxy_is_answered_not_failed(client, db, settings):
    """Fewer forwarded addresses than trusted proxies (a misconfiguration or a direct request):
    keyed by the peer address, never a 500."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    make_user("carol")
    assert signed_in(attempt(client, "carol", PASSWORD, forwarded_for=VISITOR))


# --------------------------------------------------------------------------- where login sends you


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/jobs/", "/jobs/"),
        ("http://testserver/jobs/", "/dashboard/"),  # a downgrade from HTTPS to HTTP on the same host
        ("https://evil.example/", "/dashboard/"),
        ("//evil.example/jobs/", "/dashboard/"),
        ("https://localhost/jobs/", "/dashboard/"),  # another allowed host is another site
    ],
)
def test_login_redirects_only_to_paths_of_this_site(client, db, next_url, lands_on):
    make_user("carol")
    response = client.post(LOGIN, {"login": "carol", "password": PASSWORD, "next": next_url}, secure=True)
    assert response.status_code == 302 and response["Location"] == lands_on


def test_an_https_next_on_this_host_is_kept(client, db):
    make_user("carol")
    response = client.post(LOGIN, {"login": "carol", "password": PASSWORD, "next": "https://testserver/jobs/"},
                           secure=True)
    assert response["Location"] == "https://testserver/jobs/"
