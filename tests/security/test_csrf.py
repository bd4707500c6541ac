"""State-changing endpoints refuse requests without a CSRF token, and GET never changes state."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client

from tests.security.test_access_matrix import EXISTING, OWN_PAGES, OWNED_OBJECTS, PUBLIC, url_for

# RFC 8058 one-click unsubscribe is a POST from the mail client: the signed token protects it instead.
CSRF_EXEMPT_BY_DESIGN = {"digests:unsubscribe"}
# Read-only endpoints that answer any method with a redirect or 405 (no state change possible).
POST_TARGETS = sorted((OWN_PAGES | set(OWNED_OBJECTS) | {"account_login", "account_signup", "account_reset_password"})
                      & EXISTING)


@pytest.fixture
def csrf_client(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


@pytest.mark.parametrize("name", POST_TARGETS)
def test_post_without_a_csrf_token_is_refused(csrf_client, objects, name):
    response = csrf_client.post(url_for(name, objects), {"status": "offer", "text": "x", "title": "x", "company": "y"})
    assert response.status_code == 403, (name, response.status_code)


def test_the_only_exemption_is_a_public_token_endpoint():
    assert CSRF_EXEMPT_BY_DESIGN <= PUBLIC
    assert not CSRF_EXEMPT_BY_DESIGN & set(POST_TARGETS)


def _snapshot() -> dict[str, list]:
    snapshot = {}
    for model in apps.get_models():
        if model._meta.app_label in {"jobs", "applications", "accounts", "insights"}:
            snapshot[model._meta.label] = list(model.objects.order_by("pk").values())
    return snapshot


def test_get_never_changes_state(alice_client, objects):
    alice_client.get("/dashboard/")  # first visit stores the time zone in the session
    before = _snapshot()
    for name in sorted((OWN_PAGES | set(OWNED_OBJECTS)) & EXISTING):
        alice_client.get(url_for(name, objects))
    after = _snapshot()
    for label in before:
        assert before[label] == after[label], f"a GET changed {label}"
