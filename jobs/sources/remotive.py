"""Remotive public API: ``GET /api/remote-jobs?search=...`` (also ``category``, ``company_name``, ``limit``).

Payload: ``{"00-warning": ..., "0-legal-notice": ..., "job-count": N, "total-job-count": N,
"jobs": [...]}`` (recordings may keep only ``jobs``). Each job has ``id``, ``url``, ``title``,
``company_name``, ``category``, ``tags``, ``job_type`` (full_time / contract / part_time /
freelance / internship, often ""), ``publication_date`` (ISO without timezone: read as UTC),
``candidate_required_location`` (the region a remote candidate must be in) and ``salary``
(free text, "usually a yearly salary range, in USD", often "").

Terms: link back to the job's URL on Remotive AND mention Remotive as the source
(``attribution_url`` / ``attribution_text``); do not resubmit the jobs to other job sites.
Jobs are delayed 24 hours. Location filtering is not offered by the API: done client-side.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from jobs.choices import RemoteOption
from jobs.salary import SalaryRange, parse_salary

from . import common
from .base import Posting, Source


class RemotiveSource(Source):
    kind = "remotive"
    label = "Remotive"
    takes = "query"
    base_url = "https://remotive.com"
    homepage = "https://remotive.com"
    attribution = "via Remotive"
    # Remotive: "you only need to GET Remotive job data through this API a couple of times a day
    # (we advise max. 4 times a day) ... excessive requests (more than 2x per minute) will be blocked."
    min_interval = timedelta(hours=6)

    def build_requests(self, params):
        params = self.validate_params(params)
        query: dict[str, Any] = {"search": params["query"]}
        for key in ("category", "company_name", "limit"):
            if params.get(key) not in (None, ""):
                query[key] = params[key]
        return [self.url("api/remote-jobs", query)]

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        data = self.expect_mapping(payload, self.kind, "jobs")
        return self.collect(data["jobs"], self._posting)

    def _posting(self, job: Mapping[str, Any]) -> Posting:
        location, _ = common.clean_location(job.get("candidate_required_location") or "")
        html, text = common.description(job.get("description") or "", encoded=None)
        salary_text = job.get("salary") if isinstance(job.get("salary"), str) else ""
        salary = parse_salary(salary_text)
        if salary and not salary.currency and salary.max is not None and salary.max >= 1000:
            salary = SalaryRange(salary.min, salary.max, "USD", salary.period)  # Remotive: "in USD"
        url = job.get("url") or ""
        return self.make_posting(
            external_id=job["id"],
            title=job["title"],
            company=job.get("company_name") or "",
            location=location,
            remote_option=RemoteOption.REMOTE,  # everything on Remotive is remote
            job_type=common.map_job_type(job.get("job_type")),
            description_html=html,
            description_text=text,
            salary_text=salary_text,
            salary=salary,
            url=url,
            posted_at=common.parse_datetime(job.get("publication_date")),
            tags=tags if isinstance(tags := job.get("tags"), list) else (),
            attribution_url=url or self.homepage,
        )

    def filter_postings(self, postings, params):
        return filter_by_location(postings, params.get("location") or "")


def filter_by_location(postings: list[Posting], location: str) -> list[Posting]:
    """Keep remote postings open to ``location``: a match in the location text, or no restriction."""
    wanted = location.strip().lower()
    if not wanted:
        return postings
    return [p for p in postings if not p.location or wanted in p.location.lower()]
