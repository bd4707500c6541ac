"""Preview pages (signed in, own data only) and the signed one-click unsubscribe (no login)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from copilot.accounts.models import Profile
from insights.digests.tokens import SALT, InvalidToken, make_token, read_token
from insights.models import DigestLog
from tests.factories import make_job, make_user


def _profile(user) -> Profile:
    return Profile.objects.get(user=user)


# ----------------------------------------------------------------------------------------------- preview


@pytest.fixture
def alices_job(alice):
    return make_job(alice, title="Alice's Staff Engineer", company="Northwind", tech_stack=["Python", "Django"])


def test_preview_needs_login(client):
    response = client.get(reverse("digests:preview", args=["morning"]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert client.get(reverse("digests:preview_html", args=["morning"])).status_code == 302


def test_preview_shows_the_brief_as_it_would_be_sent_now(alice_client, alices_job):
    response = alice_client.get(reverse("digests:preview", args=["morning"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Morning brief: Alice&#x27;s Staff Engineer at Northwind" in page  # the subject
    assert "Alice&#x27;s Staff Engineer" in page and "Plain-text part" in page
    assert reverse("digests:preview_html", args=["morning"]) in page
    assert reverse("profile:settings") in page
    assert not DigestLog.objects.exists()  # a preview sends and records nothing


def test_preview_frame_serves_the_html_part_with_its_own_csp(alice_client, alices_job):
    response = alice_client.get(reverse("digests:preview_html", args=["morning"]))
    assert response.status_code == 200
    assert "Alice's Staff Engineer" in response.content.decode()  # css-inline re-serialises: ' needs no escape
    csp = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in csp and "frame-ancestors 'self'" in csp and "script-src" not in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_previews_show_only_my_own_data(alice, alices_job, bob):
    make_job(bob, title="Bob's Data Engineer", company="Elsewhere")
    client = Client()
    client.force_login(bob)
    for name in ("digests:preview", "digests:preview_html"):
        page = client.get(reverse(name, args=["morning"])).content.decode().replace("&#x27;", "'")
        assert "Bob's Data Engineer" in page
        assert "Alice" not in page and "Northwind" not in page


def test_preview_says_so_when_there_is_nothing_to_send(bob_client):
    for kind in ("morning", "evening"):
        response = bob_client.get(reverse("digests:preview", args=[kind]))
        assert response.status_code == 200
        assert "Nothing to send right now" in response.content.decode()


def test_evening_preview_lists_todays_work(alice_client, alice):
    from applications.services import start_application

    start_application(user=alice, job=make_job(alice, title="Applied Role"), status="applied")
    page = alice_client.get(reverse("digests:preview", args=["evening"])).content.decode()
    assert "Evening summary: applied to Applied Role at Acme Widgets" in page


def test_preview_of_an_unknown_kind_is_a_404(alice_client):
    assert alice_client.get(reverse("digests:preview", args=["weekly"])).status_code == 404
    assert alice_client.get(reverse("digests:preview_html", args=["weekly"])).status_code == 404


def test_settings_page_links_to_both_previews(alice_client):
    page = alice_client.get(reverse("profile:settings")).content.decode()
    assert reverse("digests:preview", args=["morning"]) in page
    assert reverse("digests:preview", args=["evening"]) in page


# ----------------------------------------------------------------------------------------------- tokens


def test_tokens_round_trip_and_refuse_tampering(alice):
    token = make_token(alice.pk, "morning")
    assert (read_token(token).user_id, read_token(token).kind) == (alice.pk, "morning")
    _, _, signature = token.partition(":")
    forged = signing.dumps({"u": alice.pk + 1, "k": "morning"}, salt=SALT).split(":", 1)[0] + ":" + signature
    for bad in (token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], forged, token + "x", "garbage",
                signing.dumps({"u": alice.pk, "k": "morning"}),  # no salt: another purpose
                signing.dumps({"u": alice.pk, "k": "weekly"}, salt=SALT),
                signing.dumps({"u": "1", "k": "morning"}, salt=SALT),
                signing.dumps([alice.pk, "morning"], salt=SALT)):
        with pytest.raises(InvalidToken):
            read_token(bad)


# ----------------------------------------------------------------------------------------------- unsubscribe


def _url(user, kind: str = "morning") -> str:
    return reverse("digests:unsubscribe", args=[make_token(user.pk, kind)])


def test_get_shows_a_confirm_button_and_changes_nothing(client, alice):
    response = client.get(_url(alice))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Unsubscribe from the morning brief?" in page and '<button type="submit">Unsubscribe</button>' in page
    assert "a•••@example.com" in page and "alice@example.com" not in page
    assert _profile(alice).morning_digest is True


def test_post_unsubscribes_without_login_only_from_that_kind(client, alice):
    response = client.post(_url(alice))
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    profile = _profile(alice)
    assert (profile.morning_digest, profile.evening_digest) == (False, True)
    client.post(_url(alice, "evening"))
    assert _profile(alice).evening_digest is False


def test_one_click_post_works_without_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(alice), data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert _profile(alice).morning_digest is False


def test_a_tampered_token_is_refused_with_a_clear_page(client, alice):
    token = make_token(alice.pk, "morning")
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for method in (client.get, client.post):
        response = method(reverse("digests:unsubscribe", args=[tampered]))
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert _profile(alice).morning_digest is True


def test_a_token_never_unsubscribes_anyone_but_its_owner(alice, bob):
    client = Client()
    client.force_login(bob)  # bob signed in, following alice's link: the token decides, not the session
    client.post(_url(alice))
    assert _profile(alice).morning_digest is False
    assert _profile(bob).morning_digest is True and _profile(bob).evening_digest is True


def test_a_token_for_a_deleted_account_is_a_404(client, db):
    ghost = make_user("ghost")
    url = _url(ghost)
    ghost.delete()
    response = client.post(url)
    assert response.status_code == 404 and "not valid" in response.content.decode()


def test_unsubscribed_users_get_no_more_digests(client, alice):
    from insights.digests.sending import send_due_digests
    from tests.insights.digests.helpers import job_at, outbox, utc

    job_at(alice, utc(2026, 3, 9, 12), "Backend Engineer")
    client.post(_url(alice))
    send_due_digests(utc(2026, 3, 10, 7, 0))
    assert not outbox()


def test_unsubscribe_accepts_only_get_and_post(client, alice):
    assert client.put(_url(alice)).status_code == 405
    assert client.delete(_url(alice)).status_code == 405


def test_admin_lists_digest_logs(admin_client, alice):
    DigestLog.objects.create(user=alice, kind="morning", local_date=timezone.localdate(), status="failed",
                             attempts=1, last_error="SMTPServerDisconnected: gone",
                             attempted_at=timezone.now() - timedelta(hours=1))
    response = admin_client.get(reverse("admin:insights_digestlog_changelist") + "?status__exact=failed&q=alice")
    assert response.status_code == 200 and "SMTPServerDisconnected" in response.content.decode()
