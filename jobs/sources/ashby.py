"""Ashby public posting API: ``GET /posting-api/job-board/{token}?includeCompensation=true``.

Payload: ``{"jobs": [...], "apiVersion": "1"}``. Each job has ``title``, ``location`` plus
``secondaryLocations[{location}]``, ``isRemote`` and ``workplaceType`` ("Remote" / "Hybrid" /
"OnSite"; a hybrid job can still say ``isRemote: true``, so the workplace type wins),
``employmentType`` ("FullTime", "PartTime", "Intern", "Contract", "Temporary"),
``publishedAt`` (ISO), ``descriptionHtml``/``descriptionPlain``, ``jobUrl``, ``isListed`` and
``compensation{compensationTierSummary, scrapeableCompensationSalarySummary,
summaryComponents[{compensationType, minValue, maxValue, currencyCode, interval}],
compensationTiers[...]}`` (empty: null summaries and [] lists). No company name: from the token.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from . import common
from .base import Posting, Source, salary_from_numbers

_INTERVALS = {"YEAR": "year", "MONTH": "month", "WEEK": "week", "DAY": "day", "HOUR": "hour"}


class AshbySource(Source):
    kind = "ashby"
    label = "Ashby"
    takes = "board"
    complete_listing = True  # the board's whole list of open postings
    base_url = "https://api.ashbyhq.com"
    homepage = "https://www.ashbyhq.com"
    # No published limit for the public posting API; poll a board at most every 30 minutes.
    min_interval = timedelta(minutes=30)
    max_bytes = 30_000_000

    def build_requests(self, params):
        params = self.validate_params(params)
        return [self.url(f"posting-api/job-board/{self.quote_token(params['board'])}",
                         {"includeCompensation": "true"})]

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        data = self.expect_mapping(payload, self.kind, "jobs")
        board = str((params or {}).get("board") or "")
        return self.collect(data["jobs"], lambda job: self._posting(job, board))

    def _posting(self, job: Mapping[str, Any], board: str) -> Posting | None:
        if job.get("isListed") is False:
            return None  # unlisted jobs are reachable by link only; not for a public feed
        secondary = [s.get("location") for s in job.get("secondaryLocations") or () if isinstance(s, Mapping)]
        location, hint = common.clean_location([job.get("location") or "", *secondary])
        raw_html = job.get("descriptionHtml") or ""
        if isinstance(raw_html, str) and raw_html.strip():
            html, text = common.description(raw_html, encoded=None)
        else:
            html, text = common.description(common.text_to_html(job.get("descriptionPlain") or ""), encoded=False)
        compensation = given if isinstance(given := job.get("compensation"), Mapping) else {}
        salary = _salary(compensation)
        salary_text = (compensation.get("scrapeableCompensationSalarySummary")
                       or compensation.get("compensationTierSummary") or "")
        return self.make_posting(
            external_id=job["id"],
            title=job["title"],
            company=job.get("organizationName") or common.title_from_token(board),
            location=location,
            remote_option=common.resolve_remote(workplace=job.get("workplaceType"), is_remote=job.get("isRemote"),
                                                location_hint=hint, title=job.get("title", "")),
            job_type=common.map_job_type(job.get("employmentType")),
            description_html=html,
            description_text=text,
            salary_text=salary_text if isinstance(salary_text, str) else "",
            salary=salary,
            url=job.get("jobUrl") or job.get("applyUrl") or "",
            posted_at=common.parse_datetime(job.get("publishedAt")),
            tags=[job.get("team"), job.get("department")],
        )


def _salary(compensation: Mapping[str, Any]):
    """The overall "Salary" component (min of all tiers .. max of all tiers), else the first tier's."""
    components = [c for c in compensation.get("summaryComponents") or () if isinstance(c, Mapping)]
    if not components:
        for tier in compensation.get("compensationTiers") or ():
            if isinstance(tier, Mapping):
                components.extend(c for c in tier.get("components") or () if isinstance(c, Mapping))
    for component in components:
        if str(component.get("compensationType") or "").lower() != "salary":
            continue
        interval = str(component.get("interval") or "").upper()
        period = next((p for key, p in _INTERVALS.items() if key in interval), "")
        salary = salary_from_numbers(component.get("minValue"), component.get("maxValue"),
                                     str(component.get("currencyCode") or ""), period)
        if salary:
            return salary
    return None
