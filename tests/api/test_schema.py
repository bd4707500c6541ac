"""Schemathesis over the whole OpenAPI document: generated requests (valid by the schema) to every
operation, as alice with a read-and-write token, against the WSGI app. No answer may be a server error,
and every answer must match what the document says (status code, content type, headers, body)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.tokens import create_token
from applications.services import add_note, schedule_interview
from tests.factories import make_application, make_job

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
ID_PARAMETERS = ("job_id", "application_id", "interview_id")


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """The WSGI app closes the database connection after each request (``close_old_connections``), which
    on PostgreSQL would drop the test's transaction; Django's own test client disconnects it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def alice_data(alice, settings, wsgi_keeps_the_test_connection):
    settings.API_RATE_LIMIT = 100_000  # the generated requests come far faster than any script's
    application = make_application(alice, make_job(alice, title="Data Engineer", salary_text="€60k–75k"),
                                   status="applied")
    make_job(alice, title="Platform Engineer", remote_option="remote")
    add_note(application=application, text="Called the recruiter")
    interview = schedule_interview(application=application, starts_at=timezone.now(), kind="phone")
    secret = create_token(user=alice, name="schemathesis", scope="write").secret
    return {"headers": {"Authorization": f"Bearer {secret}"},
            "ids": {"job_id": application.job_id, "application_id": application.pk, "interview_id": interview.pk}}


# Loaded at collection: the document itself needs no database. (A lazy loader, schemathesis.pytest.from_fixture,
# relies on a pytest internal that pytest 9 no longer has.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_the_api_keeps_its_schema(case, alice_data):
    # Half of the generated ids name alice's own objects, so the operations' success paths run too.
    for name in ID_PARAMETERS:
        value = (case.path_parameters or {}).get(name)
        if isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = alice_data["ids"][name]
    case.call_and_validate(headers=alice_data["headers"], checks=CHECKS)
