"""Arbeitnow job board API: ``GET /api/job-board-api?page=N`` (Europe, mostly Germany).

Payload: ``{"data": [...], "links": {"first", "last", "prev", "next"}, "meta": {...}}``
(recordings may keep only ``data``). Each job has ``slug`` (the id), ``company_name``,
``title``, ``description`` (HTML; in some jobs the HTML arrives entity-encoded,
``&lt;p&gt;``), ``remote`` (bool), ``url``, ``tags``, ``job_types`` (free labels such as
"full time", "Vollzeit", "professional / experienced"), ``location`` and ``created_at``
(epoch seconds).

The API has no search parameters: query/location are filtered client-side. Only the first
``pages`` pages are read (``params["pages"]``, default 1, at most ``max_pages``); the
``links.next`` of the last page read is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from jobs.choices import RemoteOption

from . import common
from .base import Posting, Source
from .remoteok import filter_by_query


class ArbeitnowSource(Source):
    kind = "arbeitnow"
    label = "Arbeitnow"
    takes = "query"
    base_url = "https://www.arbeitnow.com"
    homepage = "https://www.arbeitnow.com"
    # Free API without a published limit; the feed changes a few times a day, poll hourly at most.
    min_interval = timedelta(hours=1)
    max_pages = 5

    def build_requests(self, params):
        params = self.validate_params(params)
        urls = [self.url("api/job-board-api")]
        urls += [self.url("api/job-board-api", {"page": page}) for page in range(2, params["pages"] + 1)]
        return urls

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        data = self.expect_mapping(payload, self.kind, "data")
        return self.collect(data["data"], self._posting)

    def has_more(self, payload: Any, page: int, params: Mapping[str, Any]) -> bool:
        links = payload.get("links") if isinstance(payload, Mapping) else None
        if isinstance(links, Mapping) and "next" in links:
            return bool(links["next"])
        return True

    def _posting(self, job: Mapping[str, Any]) -> Posting:
        location, hint = common.clean_location(job.get("location") or "")
        html, text = common.description(job.get("description") or "", encoded=None)
        tags = raw_tags if isinstance(raw_tags := job.get("tags"), list) else []
        return self.make_posting(
            external_id=job["slug"],
            title=job["title"],
            company=job.get("company_name") or "",
            location=location,
            remote_option=common.resolve_remote(is_remote=job.get("remote"), location_hint=hint,
                                                title=job.get("title", "")),
            job_type=common.map_job_type(job.get("job_types")),
            description_html=html,
            description_text=text,
            url=job.get("url") or "",
            posted_at=common.parse_datetime(job.get("created_at")),
            tags=tags,
        )

    def filter_postings(self, postings, params):
        location = params.get("location") or ""
        matched = filter_by_query(postings, params.get("query") or "")
        if not location:
            return matched
        wanted = location.lower()
        return [p for p in matched if p.remote_option == RemoteOption.REMOTE or wanted in p.location.lower()]
