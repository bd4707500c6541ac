"""The normalised :class:`Posting` shape and the :class:`Source` plugin base class.

A plugin knows one board API. It turns ``params`` into request URLs
(:meth:`Source.build_requests`), and a decoded JSON payload into postings
(:meth:`Source.parse`, pure, no I/O). :meth:`Source.fetch` glues both to
``copilot.http.fetch``.

``params`` (a mapping):

* company boards (Greenhouse, Lever, Ashby): ``{"board": "<token>"}``;
* aggregators (Remotive, Remote OK, Arbeitnow, Adzuna): ``{"query": "python", "location": "Berlin"}``,
  both optional; some take more (``pages``, ``country``, ``limit``), see each plugin.

Errors: ``parse`` raises :class:`SourceError` when the payload does not have the board's
shape (valid JSON of the wrong shape is detected, not silently turned into zero postings).
``fetch`` also raises :class:`SourceError` for bad params or a disabled source, and lets
``copilot.http.FetchError`` (network, HTTP status, malformed JSON) propagate.

Base URLs can be redirected (tests, a local stub server) with the Django setting, or
environment variable holding JSON, ``JOB_BOARD_BASE_URLS = {"greenhouse": "http://127.0.0.1:8001"}``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

from copilot.weburl import is_web_url
from jobs.choices import JobType, RemoteOption
from jobs.salary import SalaryRange, board_salary

from . import common

logger = logging.getLogger("jobs.sources")

__all__ = ["Listing", "Posting", "Source", "SourceError", "base_url_overrides"]


class SourceError(Exception):
    """A board answered with something we cannot use, or the source is misconfigured."""


@dataclass(frozen=True)
class Posting:
    """One job ad, normalised the same way whatever board it came from."""

    source: str  # board kind, e.g. "greenhouse"
    external_id: str  # the board's own id, as a string
    title: str
    company: str
    location: str = ""  # cleaned; remote markers removed ("Remote - EU" -> "EU")
    remote_option: str = ""  # "remote" | "hybrid" | "onsite" | ""
    job_type: str = ""  # "full_time" | "part_time" | "contract" | "internship" | "temporary" | ""
    description_html: str = ""  # entity-decoded and sanitised (jobs.sanitize.clean_html)
    description_text: str = ""
    salary_text: str = ""
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str = ""
    salary_period: str = ""  # "year" | "month" | "week" | "day" | "hour" | ""
    url: str = ""
    posted_at: datetime | None = None  # aware, UTC
    # What the posting asks of the candidate (jobs.skills.read_posting): required tech skills, the
    # nice-to-have ones, and soft skills and spoken languages.
    tech_stack: list[str] = field(default_factory=list)
    preferred_stack: list[str] = field(default_factory=list)
    soft_skills: list[str] = field(default_factory=list)
    attribution_url: str = ""  # "" when the board does not require attribution
    attribution_text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class Listing(list[Posting]):
    """The postings one fetch returned. ``complete`` is False when some items of the board's answer could
    not be read: their jobs may still be listed, so nothing may be taken as gone (``jobs.closing``)."""

    complete: bool = True


def base_url_overrides() -> dict[str, str]:
    """``JOB_BOARD_BASE_URLS`` from Django settings, else from the environment (JSON), else {}."""
    value = common.get_setting("JOB_BOARD_BASE_URLS", None)
    if value is None:
        raw = os.environ.get("JOB_BOARD_BASE_URLS", "").strip()
        if raw:
            try:
                value = json.loads(raw)
            except ValueError:
                logger.warning("JOB_BOARD_BASE_URLS in the environment is not JSON; ignored")
                value = None
    if not isinstance(value, Mapping):
        return {}
    return {str(k): str(v) for k, v in value.items() if v}


_TOKEN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class Source:
    """Base class of a job-board plugin. Subclasses set the class attributes and ``parse``."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    requires_key: ClassVar[bool] = False
    # "board": takes params["board"] (a company's board token); "query": takes query/location.
    takes: ClassVar[str] = "board"
    # How often one set of params may be polled. The board's own rule is noted on each plugin.
    min_interval: ClassVar[timedelta] = timedelta(hours=1)
    base_url: ClassVar[str] = ""
    # Non-empty when the board's terms require crediting it next to its jobs.
    attribution: ClassVar[str] = ""
    # True when one fetch returns every open posting of the board (a company's own board), so a posting
    # missing from it has closed (jobs.closing); False for searches, which return a page of results.
    complete_listing: ClassVar[bool] = False
    homepage: ClassVar[str] = ""
    timeout: float = 20.0  # seconds; an instance may be given another (ingest.configured_source)
    max_bytes: int = 10_000_000
    max_pages: ClassVar[int] = 1

    # ------------------------------------------------------------------ configuration

    @classmethod
    def is_enabled(cls) -> bool:
        return True

    @classmethod
    def get_base_url(cls) -> str:
        return (base_url_overrides().get(cls.kind) or cls.base_url).rstrip("/")

    def headers(self) -> dict[str, str]:
        return {"Accept": "application/json"}

    def validate_params(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        """Copy and check ``params``; raise :class:`SourceError` when they cannot work."""
        if params is not None and not isinstance(params, Mapping):
            raise SourceError(f"{self.kind}: params must be a mapping")
        clean = dict(params or {})
        if self.takes == "board":
            board = str(clean.get("board") or "").strip().strip("/")
            if not board:
                raise SourceError(_("%(source)s needs a board token") % {"source": self.label})
            if not _TOKEN_RE.match(board):
                raise SourceError(_("%(source)s: %(board)s is not a valid board token")
                                  % {"source": self.label, "board": repr(board)})
            clean["board"] = board
        else:
            clean["query"] = " ".join(str(clean.get("query") or "").split())
            clean["location"] = " ".join(str(clean.get("location") or "").split())
        pages = clean.get("pages", 1)
        try:
            pages = int(pages)
        except (TypeError, ValueError):
            pages = 1
        clean["pages"] = max(1, min(pages, self.max_pages))
        return clean

    # ------------------------------------------------------------------ the plugin API

    def build_requests(self, params: Mapping[str, Any] | None) -> list[str]:
        raise NotImplementedError

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        raise NotImplementedError

    def has_more(self, payload: Any, page: int, params: Mapping[str, Any]) -> bool:
        """After ``page`` (1-based) was parsed from ``payload``: is another page worth fetching?"""
        return True

    def filter_postings(self, postings: list[Posting], params: Mapping[str, Any]) -> list[Posting]:
        """Client-side filtering for boards that cannot filter by query/location themselves."""
        return postings

    _unread: int = 0  # items of the last fetch that could not be read (set by collect)

    def fetch(self, params: Mapping[str, Any] | None = None, *, deadline: float | None = None) -> Listing:
        """All postings for ``params`` (a :class:`Listing`, which says whether every item could be read).
        ``deadline`` (seconds) bounds the whole fetch, every page and retry included; without it each page
        may take ``copilot.http.fetch``'s default."""
        if not self.is_enabled():
            raise SourceError(_("%(source)s is disabled (missing API credentials)") % {"source": self.label})
        clean = self.validate_params(params)
        from copilot import http

        ends = time.monotonic() + deadline if deadline is not None else None
        postings: list[Posting] = []
        seen: set[str] = set()
        self._unread = 0
        for page, url in enumerate(self.build_requests(clean), start=1):
            left = None if ends is None else round(ends - time.monotonic(), 1)  # tenths read well in messages
            if left is not None and left <= 0:
                raise http.FetchError(_("%(source)s did not answer in time: gave up after %(seconds)ss overall")
                                      % {"source": self.label, "seconds": f"{deadline:g}"})
            response = http.fetch(url, headers=self.headers(), timeout=self.timeout, max_bytes=self.max_bytes,
                                  deadline=left)
            payload = response.json()
            batch = self.parse(payload, clean)
            for posting in batch:
                if posting.external_id not in seen:
                    seen.add(posting.external_id)
                    postings.append(posting)
            if not batch or not self.has_more(payload, page, clean):
                break
        listing = Listing(self.filter_postings(postings, clean))
        listing.complete = not self._unread
        return listing

    # ------------------------------------------------------------------ helpers for plugins

    def url(self, path: str, query: Mapping[str, Any] | None = None) -> str:
        url = f"{self.get_base_url()}/{path.lstrip('/')}"
        if query:
            items = [(k, v) for k, v in query.items() if v not in (None, "")]
            if items:
                url += "?" + urlencode(items, quote_via=quote)
        return url

    @staticmethod
    def quote_token(token: str) -> str:
        return quote(token, safe="")

    def collect(self, items: Any, build: Callable[[Mapping[str, Any]], Posting | None]) -> list[Posting]:
        """Run ``build`` on each item. Bad items are skipped and logged; if there were items
        but none could be read, the payload is not what we expect: raise :class:`SourceError`."""
        if not isinstance(items, list):
            raise SourceError(f"{self.kind}: expected a list of jobs, got {type(items).__name__}")
        postings: list[Posting] = []
        errors: list[str] = []
        for index, item in enumerate(items):
            if not isinstance(item, Mapping):
                errors.append(f"item {index} is {type(item).__name__}")
                continue
            try:
                posting = build(item)
            except (SourceError, KeyError, TypeError, ValueError, AttributeError) as exc:
                errors.append(f"item {index}: {exc!r}")
                continue
            if posting is not None:
                postings.append(posting)
        if errors:
            self._unread += len(errors)
            logger.warning("%s: skipped %d of %d items: %s", self.kind, len(errors), len(items), "; ".join(errors[:3]))
            if not postings:
                raise SourceError(f"{self.kind}: none of the {len(items)} items has the expected shape "
                                  f"({errors[0]})")
        return postings

    @staticmethod
    def expect_mapping(payload: Any, kind: str, *keys: str) -> Mapping[str, Any]:
        if not isinstance(payload, Mapping):
            raise SourceError(f"{kind}: expected a JSON object, got {type(payload).__name__}")
        missing = [k for k in keys if k not in payload]
        if missing:
            detail = payload.get("error") or payload.get("message") or ""
            raise SourceError(f"{kind}: response has no {', '.join(map(repr, missing))}"
                              + (f" ({detail})" if isinstance(detail, str) and detail else ""))
        return payload

    def make_posting(
        self,
        *,
        external_id: Any,
        title: Any,
        company: Any,
        location: str = "",
        remote_option: str = "",
        job_type: str = "",
        description_html: str = "",
        description_text: str | None = None,
        salary_text: Any = "",
        salary: SalaryRange | None = None,
        url: Any = "",
        posted_at: datetime | None = None,
        tags: Iterable[Any] = (),
        attribution_url: str | None = None,
    ) -> Posting:
        """Build a :class:`Posting`, checking the required fields and filling the derived ones.

        ``description_html`` must already be sanitised (``common.description``). ``salary`` is
        the board's structured range, if it has one: it wins over ``salary_text``, which is kept
        to show only when it states that pay (:func:`jobs.salary.board_salary`). Without one, the
        range is read from ``salary_text``, and a text that states no pay is dropped."""
        if external_id in (None, "") or isinstance(external_id, (dict, list, bool)):
            raise SourceError("posting without an id")
        title = common.clean_text(title)
        if not title:
            raise SourceError(f"posting {external_id} has no title")
        company = common.clean_text(company)
        salary_text, salary = board_salary(common.clean_text(salary_text) if isinstance(salary_text, str) else "",
                                           salary)
        if description_text is None:
            description_text = ""
        url = common.web_url(url, source=self.kind, external_id=external_id)
        if attribution_url is None or not is_web_url(attribution_url):  # the posting's own link, logged above
            attribution_url = (url or self.homepage) if self.attribution else ""
        skills = common.posting_skills(title, description_text, company, tags)
        return Posting(
            source=self.kind,
            external_id=str(external_id).strip(),
            title=title,
            company=company,
            location=location or "",
            remote_option=remote_option if remote_option in RemoteOption.values else "",
            job_type=job_type if job_type in JobType.values else "",
            description_html=description_html or "",
            description_text=description_text,
            salary_text=salary_text,
            salary_min=salary.min,
            salary_max=salary.max,
            salary_currency=salary.currency if salary else "",
            salary_period=salary.period if salary else "",
            url=url,
            posted_at=posted_at,
            tech_stack=list(skills.required),
            preferred_stack=list(skills.preferred),
            soft_skills=list(skills.soft),
            attribution_url=attribution_url if self.attribution else "",
            attribution_text=self.attribution,
        )


def salary_from_numbers(low: Any, high: Any, currency: str, period: str) -> SalaryRange | None:
    """A :class:`SalaryRange` from structured numbers; None when both are missing or zero."""

    def number(value: Any) -> Decimal | None:
        if value in (None, "") or isinstance(value, bool):
            return None
        try:
            amount = Decimal(str(value))
        except ArithmeticError:
            return None
        if not amount.is_finite() or amount <= 0:
            return None
        if amount == amount.to_integral_value():
            return amount.quantize(Decimal(1))
        return amount.quantize(Decimal("0.01"))

    lo, hi = number(low), number(high)
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return SalaryRange(min=lo, max=hi, currency=(currency or "").upper(), period=period or "")
