"""The OpenAPI document and its docs page: every resource is in it, and the page loads only local assets
under the app's strict CSP (the browser check is tests/browser/test_api_tokens_flow.py)."""

from __future__ import annotations

import re


def test_the_schema_describes_every_resource_and_both_ways_in(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]) >= {
        "/api/v1/jobs", "/api/v1/jobs/{job_id}", "/api/v1/applications", "/api/v1/applications/{application_id}",
        "/api/v1/applications/{application_id}/status", "/api/v1/applications/{application_id}/timeline",
        "/api/v1/applications/{application_id}/notes", "/api/v1/applications/{application_id}/interviews",
        "/api/v1/interviews/{interview_id}", "/api/v1/profile", "/api/v1/recommendations", "/api/v1/skill-gap",
        "/api/v1/analytics/summary",
    }
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    patch = schema["paths"]["/api/v1/jobs/{job_id}"]["patch"]["responses"]
    assert {"200", "401", "403", "404", "422", "429"} <= set(patch)


def test_the_docs_page_uses_local_assets_under_the_csp(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert "cdn" not in html


def test_the_docs_page_gives_try_it_out_the_csrf_token(alice_client):
    html = alice_client.get("/api/v1/docs").content.decode()
    assert 'data-api-csrf="true"' in html
    assert re.search(r'data-csrf-token="[A-Za-z0-9]{32,}"', html)


def test_the_schema_is_built_once_per_process(client, db):
    from api.v1 import api

    assert api.get_openapi_schema() is api.get_openapi_schema()
    assert client.get("/api/v1/openapi.json").json() == client.get("/api/v1/openapi.json").json()
