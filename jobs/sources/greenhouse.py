"""Greenhouse Job Board API: ``GET /v1/boards/{token}/jobs?content=true``.

Payload: ``{"jobs": [...], "meta": {"total": N}}``. Each job's ``content`` is the HTML
*entity-encoded* (``&lt;p&gt;``), and entities inside that HTML are encoded once more
(``&amp;nbsp;``), so it is decoded until stable before sanitising. ``metadata`` holds
custom fields such as "Location Type" (Remote / Hybrid / On-Site / null). Pay ranges, when a
company publishes them, sit in the content as ``<div class="pay-range"><span>$X</span>…``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from jobs.salary import parse_salary

from . import common
from .base import Posting, Source

_PAY_RANGE = re.compile(r'<div[^>]*class="[^"]*\bpay-range\b[^"]*"[^>]*>(.*?)</div>', re.S | re.I)
_PAY_TITLE = re.compile(r'<div[^>]*class="[^"]*\btitle\b[^"]*"[^>]*>(.*?)</div>', re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_WORKPLACE_FIELDS = ("location type", "workplace type", "remote", "work type", "workplace", "remote status",
                     "work location", "remote type")
_JOB_TYPE_FIELDS = ("employment type", "job type", "commitment", "time type", "contract type", "employment")


class GreenhouseSource(Source):
    kind = "greenhouse"
    label = "Greenhouse"
    takes = "board"
    complete_listing = True  # the board's whole list of open postings
    base_url = "https://boards-api.greenhouse.io"
    homepage = "https://www.greenhouse.io"
    # No published limit for the public Job Board API (its GETs are cached); be polite and
    # poll a company's board at most every 30 minutes.
    min_interval = timedelta(minutes=30)
    max_bytes = 30_000_000  # content=true on a big board is several MB

    def build_requests(self, params):
        params = self.validate_params(params)
        return [self.url(f"v1/boards/{self.quote_token(params['board'])}/jobs", {"content": "true"})]

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        data = self.expect_mapping(payload, self.kind, "jobs")
        board = str((params or {}).get("board") or "")
        return self.collect(data["jobs"], lambda job: self._posting(job, board))

    def _posting(self, job: Mapping[str, Any], board: str) -> Posting:
        metadata = _metadata(job.get("metadata"))
        location_value = job.get("location")
        location, hint = common.clean_location(location_value)
        if not location and job.get("offices"):
            location, office_hint = common.clean_location(job.get("offices"))
            hint = hint or office_hint
        workplace = _field(metadata, _WORKPLACE_FIELDS)
        content = job.get("content") or ""
        decoded = common.decode_entities(content) if isinstance(content, str) else ""
        html, text = common.description(decoded, encoded=False)
        salary_text = _pay_range_text(decoded)
        salary = parse_salary(salary_text) if salary_text else None
        company = job.get("company_name") or common.title_from_token(board)
        return self.make_posting(
            external_id=job["id"],
            title=job["title"],
            company=company,
            location=location,
            remote_option=common.resolve_remote(workplace=workplace, location_hint=hint, title=job.get("title", "")),
            job_type=common.map_job_type(_field(metadata, _JOB_TYPE_FIELDS)),
            description_html=html,
            description_text=text,
            salary_text=salary_text,
            salary=salary,
            url=job.get("absolute_url") or "",
            posted_at=common.parse_datetime(job.get("first_published") or job.get("updated_at")),
            tags=[d.get("name") for d in job.get("departments") or () if isinstance(d, Mapping)],
        )


def _metadata(value: Any) -> dict[str, Any]:
    """Greenhouse ``metadata`` ([{name, value, value_type}]) as {lower-cased name: value}."""
    result: dict[str, Any] = {}
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping) and isinstance(item.get("name"), str):
                result[item["name"].strip().lower()] = item.get("value")
    return result


def _field(metadata: Mapping[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = metadata.get(name)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v), None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _pay_range_text(decoded_html: str) -> str:
    """'$265,000 — $365,000 USD per year' from Greenhouse's pay-transparency block, or ''."""
    match = _PAY_RANGE.search(decoded_html or "")
    if not match:
        return ""
    spans = [common.clean_text(_TAG.sub(" ", s)) for s in re.findall(r"<span[^>]*>(.*?)</span>", match.group(1), re.S)]
    spans = [s for s in spans if s]
    if not spans:
        return ""
    text = " ".join(s if any(c.isdigit() for c in s) else "-" for s in spans)
    text = re.sub(r"\s*-\s*(?:-\s*)+", " - ", text).strip(" -")
    titles = _PAY_TITLE.findall(decoded_html[max(0, match.start() - 500): match.start()])
    label = common.clean_text(_TAG.sub(" ", titles[-1])).lower() if titles else ""
    if "hour" in label:
        text += " per hour"
    elif "annual" in label or "year" in label or "salary" in label:
        text += " per year"
    return text
