"""Remote OK API: ``GET /api``.

Payload: a JSON array whose element 0 is the legal notice (``{"last_updated": ..., "legal":
"API Terms of Service: ..."}``), followed by jobs with ``id`` (a string), ``slug``, ``epoch``
(seconds), ``date`` (ISO), ``company``, ``position`` (the title), ``tags``, ``description``
(HTML, with UTF-8 that was encoded twice: "youâ\\x80\\x99ll"), ``location`` (free text, may be
"" or "Cammeray, "), ``salary_min``/``salary_max`` (USD per year, 0 = not given),
``apply_url`` and ``url``.

Terms ("legal"): link back to the job's URL on Remote OK (a followed link, no nofollow) and
mention Remote OK as the source; do not use their logo. The API has no search parameters:
query and location are filtered client-side.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from jobs.choices import RemoteOption

from . import common
from .base import Posting, Source, SourceError, salary_from_numbers


class RemoteOKSource(Source):
    kind = "remoteok"
    label = "Remote OK"
    takes = "query"
    base_url = "https://remoteok.com"
    homepage = "https://remoteok.com"
    attribution = "via Remote OK"
    # Remote OK publishes no number; the endpoint returns the whole (cached) feed each time,
    # so there is nothing to gain from polling more often than hourly.
    min_interval = timedelta(hours=1)

    def build_requests(self, params):
        self.validate_params(params)
        return [self.url("api")]

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        if not isinstance(payload, list):
            raise SourceError(f"remoteok: expected a JSON array, got {type(payload).__name__}")
        jobs = [item for item in payload if not (isinstance(item, Mapping) and _is_notice(item))]
        if not jobs:
            return []
        return self.collect(jobs, self._posting)

    def _posting(self, job: Mapping[str, Any]) -> Posting:
        location, _ = common.clean_location(job.get("location") or "")
        html, text = common.description(common.fix_mojibake(job.get("description") or ""), encoded=None)
        url = job.get("url") or job.get("apply_url") or ""
        tags = raw_tags if isinstance(raw_tags := job.get("tags"), list) else []
        return self.make_posting(
            external_id=job["id"],
            title=common.fix_mojibake(job["position"]),
            company=common.fix_mojibake(job.get("company") or ""),
            location=location,
            remote_option=RemoteOption.REMOTE,  # everything on Remote OK is remote
            job_type=common.map_job_type([t for t in tags if isinstance(t, str)]),
            description_html=html,
            description_text=text,
            salary=salary_from_numbers(job.get("salary_min"), job.get("salary_max"), "USD", "year"),
            url=url,
            posted_at=common.parse_datetime(job.get("epoch") or job.get("date")),
            tags=tags,
            attribution_url=url or self.homepage,
        )

    def filter_postings(self, postings, params):
        return filter_by_query(postings, params.get("query") or "", params.get("location") or "")


def _is_notice(item: Mapping[str, Any]) -> bool:
    return "legal" in item or ("position" not in item and "last_updated" in item)


def filter_by_query(postings: list[Posting], query: str, location: str = "") -> list[Posting]:
    """Keep postings whose title, company, description or tech stack contain every query word,
    and (for remote boards) whose location is unrestricted or mentions ``location``."""
    words = [w for w in re.split(r"\s+", query.lower()) if w]
    wanted = location.strip().lower()
    kept = []
    for posting in postings:
        haystack = " ".join([posting.title, posting.company, posting.description_text,
                             " ".join(posting.tech_stack), " ".join(posting.preferred_stack)]).lower()
        if words and not all(w in haystack for w in words):
            continue
        if wanted and posting.location and wanted not in posting.location.lower():
            continue
        kept.append(posting)
    return kept
