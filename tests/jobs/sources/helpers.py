"""Shared by the ingestion tests: the boards served by the local stub server from the recorded
fixtures in tests/fixtures/boards/, and small make_x helpers. Nothing here touches the network
beyond 127.0.0.1."""

from __future__ import annotations

import json
from typing import Any

import pytest

from jobs.models import Job, JobOrigin, SourceSubscription
from jobs.sources import SOURCES
from jobs.sources.ingest import subscription_params
from tests.paths import FIXTURES
from tests.stubserver import StubResponse, StubServer

BOARD_FIXTURES = FIXTURES / "boards"

# kind -> (stub path, fixture file, params)
BOARDS: dict[str, tuple[str, str, dict[str, str]]] = {
    "greenhouse": ("/v1/boards/nimbus-labs/jobs", "greenhouse/nimbus-labs-jobs-content-true.json",
                   {"board": "nimbus-labs"}),
    "lever": ("/v0/postings/fernwood-audio", "lever/fernwood-audio-postings-mode-json.json",
              {"board": "fernwood-audio"}),
    "ashby": ("/posting-api/job-board/quillmark", "ashby/quillmark-job-board-include-compensation.json",
              {"board": "quillmark"}),
    "remotive": ("/api/remote-jobs", "remotive/remote-jobs-search-python.json", {"query": "python"}),
    "remoteok": ("/api", "remoteok/api-3-jobs.json", {"query": ""}),
    "arbeitnow": ("/api/job-board-api", "arbeitnow/job-board-api-page-1.json", {"query": ""}),
    "adzuna": ("/v1/api/jobs/gb/search/1", "adzuna/gb-search-python.json", {"query": "python"}),
}


def fixture_json(kind: str) -> Any:
    return json.loads((BOARD_FIXTURES / BOARDS[kind][1]).read_text(encoding="utf-8"))


def serve(stub: StubServer, kind: str, response: Any = None) -> str:
    """Serve ``kind``'s recorded payload (or ``response``) at its API path; returns the path."""
    path = BOARDS[kind][0]
    stub.add(path, fixture_json(kind) if response is None else response)
    return path


def serve_all(stub: StubServer) -> None:
    for kind in BOARDS:
        serve(stub, kind)


def make_subscription(user, kind: str, *, enabled: bool = True, label: str = "", **params: str) -> SourceSubscription:
    raw = params or BOARDS[kind][2]
    canonical = subscription_params(kind, board=raw.get("board", ""), query=raw.get("query", ""),
                                    location=raw.get("location", ""))
    return SourceSubscription.objects.create(user=user, kind=kind, params=canonical, enabled=enabled, label=label)


def make_job(user, **fields: Any) -> Job:
    values = {"title": "Some job", "company": "Some company", "source": JobOrigin.MANUAL, **fields}
    return Job.objects.create(user=user, **values)


def slow(delay: float = 3.0) -> StubResponse:
    return StubResponse(200, {"Content-Type": "application/json"}, b"{}", delay=delay)


def oversized() -> StubResponse:
    """Announces 50 MB (more than any plugin accepts) but sends a few bytes: rejected before reading."""
    return StubResponse(200, {"Content-Type": "application/json", "Content-Length": str(50_000_000)}, b"[]")


@pytest.fixture
def boards(settings, monkeypatch):
    """A stub server every board plugin points at, fast timeouts, no backoff sleeps, no Adzuna key."""
    import copilot.http as http

    monkeypatch.setattr(http, "_sleep", lambda seconds: None)
    monkeypatch.delenv("JOB_BOARD_BASE_URLS", raising=False)
    monkeypatch.delenv("ADZUNA_APP_ID", raising=False)
    monkeypatch.delenv("ADZUNA_APP_KEY", raising=False)
    settings.ADZUNA_APP_ID = settings.ADZUNA_APP_KEY = ""
    settings.ENABLE_JOB_SCRAPING = True
    settings.JOB_SOURCE_TIMEOUT = 0.25
    with StubServer() as stub:
        settings.JOB_BOARD_BASE_URLS = dict.fromkeys(SOURCES, stub.base_url)
        yield stub


@pytest.fixture(autouse=True)
def only_loopback(settings):
    """Imported by every ingestion test module: even a test that forgot ``boards`` cannot reach
    a real board (port 9 on 127.0.0.1 refuses the connection)."""
    settings.JOB_BOARD_BASE_URLS = dict.fromkeys(SOURCES, "http://127.0.0.1:9")
