"""Requests per minute, per token and per session user: past the limit, 429 with Retry-After."""

from __future__ import annotations

import pytest
from django.db import connection

from api import ratelimit
from tests.api.helpers import bearer


@pytest.fixture
def limit(settings):
    settings.API_RATE_LIMIT = 3
    return 3


def test_it_answers_429_with_retry_after_past_the_limit(client, alice, limit, time_machine):
    time_machine.move_to("2026-12-03T10:00:15Z", tick=False)
    headers = bearer(alice)
    for _ in range(limit):
        assert client.get("/api/v1/profile", **headers).status_code == 200
    response = client.get("/api/v1/profile", **headers)
    assert response.status_code == 429
    assert response["Retry-After"] == "45"  # the minute's window ends at 10:01:00
    assert "Too many requests" in response.json()["detail"]


def test_the_count_starts_again_in_the_next_minute(client, alice, limit, time_machine):
    time_machine.move_to("2026-12-03T10:00:50Z", tick=False)
    headers = bearer(alice)
    for _ in range(limit):
        client.get("/api/v1/profile", **headers)
    assert client.get("/api/v1/profile", **headers).status_code == 429
    time_machine.move_to("2026-12-03T10:01:01Z", tick=False)
    assert client.get("/api/v1/profile", **headers).status_code == 200


def test_each_token_has_its_own_count(client, alice, bob, limit):
    first, second, bobs = bearer(alice, name="one"), bearer(alice, name="two"), bearer(bob)
    for _ in range(limit):
        client.get("/api/v1/profile", **first)
    assert client.get("/api/v1/profile", **first).status_code == 429
    assert client.get("/api/v1/profile", **second).status_code == 200
    assert client.get("/api/v1/profile", **bobs).status_code == 200


def test_the_session_is_limited_per_user(alice_client, limit):
    for _ in range(limit):
        assert alice_client.get("/api/v1/profile").status_code == 200
    assert alice_client.get("/api/v1/profile").status_code == 429


def test_a_limited_write_changes_nothing(client, alice, limit):
    headers = bearer(alice)
    for _ in range(limit):
        client.get("/api/v1/profile", **headers)
    response = client.patch("/api/v1/profile", {"skills": ["Rust"]}, content_type="application/json", **headers)
    assert response.status_code == 429
    alice.profile.refresh_from_db()
    assert "Rust" not in alice.profile.skills


def test_unknown_tokens_are_not_counted_against_anyone(client, alice, limit):
    for _ in range(limit + 2):
        assert client.get("/api/v1/profile", HTTP_AUTHORIZATION="Bearer ccp_nope").status_code == 401
    assert client.get("/api/v1/profile", **bearer(alice)).status_code == 200


def test_retry_after_is_at_least_one_second(settings):
    settings.API_RATE_LIMIT = 0
    with pytest.raises(ratelimit.RateLimited) as raised:
        ratelimit.check("someone", now=119.9)
    assert raised.value.retry_after == 1


def test_the_count_is_shared_through_the_database_cache(client, alice, limit, settings):
    # Production without Redis: the count lives in the copilot_cache table, shared by every worker.
    database_cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "copilot_cache"}
    settings.CACHES = {**settings.CACHES, "default": database_cache}
    headers = bearer(alice)
    for _ in range(limit):
        assert client.get("/api/v1/profile", **headers).status_code == 200
    assert client.get("/api/v1/profile", **headers).status_code == 429
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM copilot_cache WHERE cache_key LIKE %s", ["%api-rate:token:%"])
        assert cursor.fetchone()[0] == 1
