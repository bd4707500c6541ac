"""Who may call the API: a token (read or read-write), the app's own session (with CSRF on writes), nobody else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from api.tokens import create_token, hash_secret, revoke_token
from jobs.models import Job
from tests.api.helpers import bearer, send
from tests.factories import make_job

JOB = {"title": "Site Reliability Engineer", "company": "Northwind"}


def test_it_refuses_a_caller_without_credentials(client, alice):
    make_job(alice)
    response = client.get("/api/v1/jobs")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_it_refuses_a_malformed_or_unknown_token(client, alice):
    for value in ("Bearer nonsense", "Bearer ccp_" + "x" * 43, "Basic abc", "Bearer "):
        assert client.get("/api/v1/jobs", HTTP_AUTHORIZATION=value).status_code == 401, value


def test_a_token_opens_its_owners_data_only(client, alice, bob):
    make_job(alice, title="Alice's job")
    make_job(bob, title="Bob's job")
    response = client.get("/api/v1/jobs", **bearer(alice))
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Alice's job"]


def test_only_a_hash_of_the_secret_is_stored(alice):
    new = create_token(user=alice, name="script")
    stored = ApiToken.objects.get(pk=new.token.pk)
    assert stored.token_hash == hash_secret(new.secret)
    assert new.secret not in {stored.token_hash, stored.prefix, stored.name}
    assert new.secret.startswith(stored.prefix) and len(stored.prefix) < len(new.secret) // 4


def test_a_read_token_reads_but_gets_403_on_every_write(client, alice):
    job = make_job(alice)
    headers = bearer(alice, scope="read")
    assert client.get(f"/api/v1/jobs/{job.pk}", **headers).status_code == 200
    for method, url, body in [("post", "/api/v1/jobs", JOB), ("patch", f"/api/v1/jobs/{job.pk}", {"title": "X"}),
                              ("delete", f"/api/v1/jobs/{job.pk}", None),
                              ("post", "/api/v1/applications", {"job_id": job.pk}),
                              ("patch", "/api/v1/profile", {"skills": ["Go"]})]:
        response = send(client, method, url, body, **headers)
        assert response.status_code == 403, (method, url)
        assert "read-only" in response.json()["detail"]
    job.refresh_from_db()
    assert job.title == "Backend Engineer"
    assert Job.objects.filter(user=alice).count() == 1
    assert not ApiToken.objects.filter(user=alice, scope="write").exists()


def test_a_read_write_token_writes_without_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    response = send(client, "post", "/api/v1/jobs", JOB, **bearer(alice, scope="write"))
    assert response.status_code == 201
    assert Job.objects.get(user=alice).title == JOB["title"]


def test_the_session_reads_and_writes_with_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/v1/profile").json()["username"] == "alice"
    refused = send(client, "post", "/api/v1/jobs", JOB)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert not Job.objects.filter(user=alice).exists()

    client.get("/settings/tokens/")  # any page sets the CSRF cookie, as the app's pages do
    token = client.cookies["csrftoken"].value
    response = send(client, "post", "/api/v1/jobs", JOB, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert Job.objects.filter(user=alice).count() == 1


def test_an_anonymous_write_is_401_not_a_csrf_failure(alice):
    client = Client(enforce_csrf_checks=True)
    assert send(client, "post", "/api/v1/jobs", JOB).status_code == 401


def test_a_revoked_token_opens_nothing(client, alice):
    new = create_token(user=alice, name="old laptop", scope="write")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {new.secret}"}
    assert client.get("/api/v1/profile", **headers).status_code == 200
    revoke_token(token=new.token)
    assert client.get("/api/v1/profile", **headers).status_code == 401
    assert send(client, "post", "/api/v1/jobs", JOB, **headers).status_code == 401


def test_a_deactivated_users_token_opens_nothing(client, alice):
    headers = bearer(alice)
    alice.is_active = False
    alice.save()
    assert client.get("/api/v1/profile", **headers).status_code == 401


def test_each_use_is_recorded_at_most_once_a_minute(client, alice, time_machine):
    new = create_token(user=alice, name="script")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {new.secret}"}
    assert ApiToken.objects.get().last_used_at is None

    time_machine.move_to(timezone.now(), tick=False)
    first = timezone.now()
    client.get("/api/v1/profile", **headers)
    assert ApiToken.objects.get().last_used_at == first

    time_machine.shift(timedelta(seconds=30))
    client.get("/api/v1/profile", **headers)
    assert ApiToken.objects.get().last_used_at == first  # no write for every request

    time_machine.shift(timedelta(seconds=31))
    client.get("/api/v1/profile", **headers)
    assert ApiToken.objects.get().last_used_at == first + timedelta(seconds=61)


@pytest.mark.parametrize("scope", ["read", "write"])
def test_a_token_request_costs_few_queries(client, alice, django_assert_max_num_queries, scope):
    for n in range(30):
        make_job(alice, title=f"Job {n}")
    headers = bearer(alice, scope=scope)
    client.get("/api/v1/profile", **headers)  # the first use writes last_used_at
    # token + profile (time zone) | jobs count + page of jobs
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/jobs", **headers)
    assert len(response.json()["items"]) == 25


def test_token_requests_read_dates_in_the_users_time_zone(client, alice, time_machine):
    # Sunday 23:30 UTC is already Monday in Berlin (alice's zone): the current week is Berlin's, a new one.
    time_machine.move_to("2027-01-03T23:30:00Z", tick=False)
    response = client.get("/api/v1/analytics/summary", **bearer(alice))
    assert response.status_code == 200
    assert response.json()["weeks"][-1]["week"] == "2027-01-04"
