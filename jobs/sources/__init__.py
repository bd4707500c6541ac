"""Job sources: the boards a user follows and the jobs pulled from them every day.

- the plugins, one module per board (``greenhouse.py``, ``lever.py``, …) behind ``base.Source``,
  with shared parsing helpers in ``common.py``, and their registry here (:data:`SOURCES`);
- ``ingest.py``: fetch → keep what fits the profile → drop what the user has → write;
- the pages under Settings → Job sources (``views.py``, ``forms.py``, ``urls.py``), the operators'
  admin (``admin.py``), the django-q2 tasks (``tasks.py``) and ``manage.py ingest``.

Subscriptions and runs are tables of the jobs app (``jobs.models``).

>>> detect_board("https://boards.greenhouse.io/acme/jobs/123")
('greenhouse', 'acme')
>>> get_source("lever").build_requests({"board": "acme"})
['https://api.lever.co/v0/postings/acme?mode=json']
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from jobs.choices import JobOrigin

from .adzuna import AdzunaSource
from .arbeitnow import ArbeitnowSource
from .ashby import AshbySource
from .base import Posting, Source, SourceError
from .greenhouse import GreenhouseSource
from .lever import LeverSource
from .remoteok import RemoteOKSource
from .remotive import RemotiveSource

__all__ = [
    "SOURCES",
    "Posting",
    "Source",
    "SourceError",
    "UnknownSource",
    "detect_board",
    "enabled_sources",
    "get_source",
]

SOURCES: dict[str, type[Source]] = {
    cls.kind: cls
    for cls in (
        GreenhouseSource, LeverSource, AshbySource, RemotiveSource, RemoteOKSource, ArbeitnowSource, AdzunaSource,
    )
}


class UnknownSource(SourceError, KeyError):
    """No plugin has this kind."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


_OWN_SOURCES = dict(JobOrigin.choices)


def source_label(kind: str) -> str:
    """How a job's source reads in the UI: the board's name, or how the user added it."""
    if kind in SOURCES:
        return SOURCES[kind].label
    return str(_OWN_SOURCES.get(kind, kind.capitalize() if kind else "Unknown"))


def get_source(kind: str) -> Source:
    """A ready-to-use plugin instance for ``kind`` ("greenhouse", "remotive", ...)."""
    cls = SOURCES.get((kind or "").strip().lower())
    if cls is None:
        raise UnknownSource(f"unknown job source {kind!r}; known: {', '.join(sorted(SOURCES))}")
    return cls()


def enabled_sources() -> list[type[Source]]:
    return [cls for cls in SOURCES.values() if cls.is_enabled()]


_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
# Path segments that are part of a board's URL scheme, never a company token.
_RESERVED = frozenset({"embed", "v1", "v0", "boards", "jobs", "job_board", "api", "posting-api", "job-board",
                       "postings", "apply", "search", "careers"})

# (host pattern, path pattern, kind): the token is the path pattern's first group.
_URL_RULES: list[tuple[re.Pattern[str], re.Pattern[str], str]] = [
    (re.compile(r"^boards-api(?:\.eu)?\.greenhouse\.io$"), re.compile(r"^/v1/boards/([^/]+)"), "greenhouse"),
    (re.compile(r"^(?:job-)?boards(?:\.eu)?\.greenhouse\.io$"), re.compile(r"^/([^/]+)"), "greenhouse"),
    (re.compile(r"^api(?:\.eu)?\.lever\.co$"), re.compile(r"^/v0/postings/([^/]+)"), "lever"),
    (re.compile(r"^jobs(?:\.eu)?\.lever\.co$"), re.compile(r"^/([^/]+)"), "lever"),
    (re.compile(r"^api\.ashbyhq\.com$"), re.compile(r"^/posting-api/job-board/([^/]+)"), "ashby"),
    (re.compile(r"^jobs\.ashbyhq\.com$"), re.compile(r"^/([^/]+)"), "ashby"),
]
_AGGREGATOR_HOSTS = {
    "remotive.com": "remotive", "remotive.io": "remotive", "remoteok.com": "remoteok", "remoteok.io": "remoteok",
    "arbeitnow.com": "arbeitnow",
}


def detect_board(url_or_name: str) -> tuple[str, str] | None:
    """``(kind, board_token)`` for a careers URL, a ``"kind:token"`` string or a bare aggregator
    name (token ""), else None.

    Recognised: boards.greenhouse.io/<token> (and ``/embed/job_board?for=<token>``),
    job-boards.greenhouse.io/<token>, boards-api.greenhouse.io/v1/boards/<token>/jobs,
    jobs.lever.co/<token>, api.lever.co/v0/postings/<token>, jobs.ashbyhq.com/<token>,
    api.ashbyhq.com/posting-api/job-board/<token> (with or without scheme, any path after
    the token, EU hosts for Greenhouse and Lever)."""
    if not isinstance(url_or_name, str):
        return None
    text = url_or_name.strip()
    if not text:
        return None

    lowered = text.lower()
    if lowered in SOURCES:
        return (lowered, "") if SOURCES[lowered].takes == "query" else None
    named = re.fullmatch(r"([a-z]+)\s*:\s*([^\s/:]+)", text, re.I)
    if named and named.group(1).lower() in SOURCES and "//" not in text:
        kind, token = named.group(1).lower(), named.group(2)
        if SOURCES[kind].takes == "board" and _TOKEN.match(token) and token.lower() not in _RESERVED:
            return kind, token
        return None

    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if host.startswith("www."):
        host = host[4:]
    path = unquote(parts.path or "")

    if re.fullmatch(r"(?:job-)?boards(?:\.eu)?\.greenhouse\.io", host) and path.rstrip("/") in (
        "/embed/job_board", "/embed/job_app"
    ):
        token = (parse_qs(parts.query).get("for") or [""])[0]
        return ("greenhouse", token) if _TOKEN.match(token) else None

    for host_re, path_re, kind in _URL_RULES:
        if not host_re.match(host):
            continue
        match = path_re.match(path)
        if not match:
            continue
        token = match.group(1)
        if _TOKEN.match(token) and token.lower() not in _RESERVED:
            return kind, token
        return None

    for suffix, kind in _AGGREGATOR_HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return kind, ""
    if re.fullmatch(r"(?:[a-z0-9-]+\.)*adzuna\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})", host):
        return "adzuna", ""
    return None
