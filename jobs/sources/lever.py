"""Lever Postings API: ``GET /v0/postings/{token}?mode=json``.

Payload: a bare JSON array of postings (an unknown board answers ``{"ok": false, "error": ...}``).
Each posting has ``text`` (the title), ``categories{commitment,department,location,team,
allLocations}``, ``createdAt`` (epoch **milliseconds**), ``workplaceType``
(remote/hybrid/onsite/unspecified), ``description``/``descriptionPlain``, ``lists[{text,content}]``
(``content`` is a run of ``<li>``), ``additional``, ``hostedUrl``/``applyUrl``, and optionally
``salaryRange{min,max,currency,interval}`` (``interval`` like "per-year-salary", "per-hour-wage")
with ``salaryDescription``. Lever has no company name field: it comes from the board token.
"""

from __future__ import annotations

import html as _html
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from . import common
from .base import Posting, Source, SourceError, salary_from_numbers

_INTERVALS = {"year": "year", "annual": "year", "month": "month", "week": "week", "day": "day", "hour": "hour"}


class LeverSource(Source):
    kind = "lever"
    label = "Lever"
    takes = "board"
    complete_listing = True  # the board's whole list of open postings
    base_url = "https://api.lever.co"
    homepage = "https://www.lever.co"
    # No published limit for the public postings API; poll a board at most every 30 minutes.
    min_interval = timedelta(minutes=30)
    max_bytes = 30_000_000

    def build_requests(self, params):
        params = self.validate_params(params)
        return [self.url(f"v0/postings/{self.quote_token(params['board'])}", {"mode": "json"})]

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        if isinstance(payload, Mapping):
            detail = payload.get("error") or payload.get("message") or "an object instead of a list"
            raise SourceError(f"lever: {detail}")
        board = str((params or {}).get("board") or "")
        return self.collect(payload, lambda job: self._posting(job, board))

    def _posting(self, job: Mapping[str, Any], board: str) -> Posting:
        categories = job.get("categories") or {}
        if not isinstance(categories, Mapping):
            categories = {}
        location_value = categories.get("allLocations") or categories.get("location") or ""
        location, hint = common.clean_location(location_value)
        html_value = _compose_html(job)
        if html_value:
            html, text = common.description(html_value, encoded=False)
        else:
            plain = job.get("descriptionPlain") or ""
            html, text = common.description(common.text_to_html(plain), encoded=False)
        salary = _salary(job.get("salaryRange"))
        # Often prose ("the band is shown below", the company's awards): salaryRange wins, and the text is
        # shown only when it states that pay (Source.make_posting).
        salary_text = job.get("salaryDescriptionPlain") or common.html_to_text(job.get("salaryDescription") or "")
        return self.make_posting(
            external_id=job["id"],
            title=job["text"],
            company=common.title_from_token(board),
            location=location,
            remote_option=common.resolve_remote(workplace=job.get("workplaceType"), location_hint=hint,
                                                title=job.get("text", "")),
            job_type=common.map_job_type(categories.get("commitment")),
            description_html=html,
            description_text=text,
            salary_text=salary_text,
            salary=salary,
            url=job.get("hostedUrl") or job.get("applyUrl") or "",
            posted_at=common.parse_datetime(job.get("createdAt")),
            tags=[categories.get("team"), categories.get("department")],
        )


def _compose_html(job: Mapping[str, Any]) -> str:
    """description + each list as a titled <ul> + additional, as Lever's hosted page shows them."""
    parts: list[str] = []
    description = job.get("description")
    if not description:
        description = (job.get("opening") or "") + (job.get("descriptionBody") or "")
    if isinstance(description, str) and description.strip():
        parts.append(description)
    for item in job.get("lists") or ():
        if not isinstance(item, Mapping):
            continue
        heading = common.clean_text(item.get("text"))
        content = item.get("content") or ""
        if heading:
            parts.append(f"<h3>{_html.escape(heading)}</h3>")
        if isinstance(content, str) and content.strip():
            parts.append(f"<ul>{content}</ul>" if "<li" in content and "<ul" not in content else content)
    additional = job.get("additional")
    if isinstance(additional, str) and additional.strip():
        parts.append(additional)
    return "\n".join(parts)


def _salary(value: Any):
    if not isinstance(value, Mapping):
        return None
    interval = str(value.get("interval") or "").lower()
    period = next((p for key, p in _INTERVALS.items() if key in interval), "")
    return salary_from_numbers(value.get("min"), value.get("max"), str(value.get("currency") or ""), period)
