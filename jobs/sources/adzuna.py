"""Adzuna job search API: ``GET /v1/api/jobs/{country}/search/{page}?app_id&app_key&what&where
&results_per_page=50``. Off unless ``ADZUNA_APP_ID`` and ``ADZUNA_APP_KEY`` are set (Django
settings or environment).

Payload: ``{"results": [...], "count": N, "mean": ..., "__CLASS__": ...}``. Each result has
``id`` (a string), ``title``, ``description`` (Adzuna's ~500-character snippet),
``company{display_name}``, ``location{display_name, area[]}``, ``category{tag,label}``,
``created`` (ISO, Z), ``redirect_url`` (carries utm_* parameters), ``salary_min``/``salary_max``
(yearly, in the country's currency) with ``salary_is_predicted`` ("1" = Adzuna's own estimate:
ignored here), and optional ``contract_type`` (permanent/contract) / ``contract_time``
(full_time/part_time). Several keys are missing from some results.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext as _

from . import common
from .base import Posting, Source, SourceError, salary_from_numbers

COUNTRY_CURRENCIES = {
    "gb": "GBP", "us": "USD", "at": "EUR", "au": "AUD", "be": "EUR", "br": "BRL", "ca": "CAD", "ch": "CHF",
    "de": "EUR", "es": "EUR", "fr": "EUR", "in": "INR", "it": "EUR", "mx": "MXN", "nl": "EUR", "nz": "NZD",
    "pl": "PLN", "sg": "SGD", "za": "ZAR",
}
RESULTS_PER_PAGE = 50


def adzuna_credentials() -> tuple[str, str]:
    """(app_id, app_key) from Django settings, else the environment; read at call time."""
    return common.get_config("ADZUNA_APP_ID"), common.get_config("ADZUNA_APP_KEY")


class AdzunaSource(Source):
    kind = "adzuna"
    label = "Adzuna"
    takes = "query"
    requires_key = True
    base_url = "https://api.adzuna.com"
    homepage = "https://www.adzuna.com"
    # Adzuna asks API users to credit it next to its listings ("Jobs by Adzuna").
    attribution = "Jobs by Adzuna"
    # Adzuna's default API limits: 25 hits/minute, 250/day, 1000/week, 2500/month for the whole
    # key. Hourly per query keeps a handful of saved searches inside the monthly budget only if
    # pages stay at 1; raise the interval when many searches use this source.
    min_interval = timedelta(hours=1)
    max_pages = 3

    @classmethod
    def is_enabled(cls) -> bool:
        app_id, app_key = adzuna_credentials()
        return bool(app_id and app_key)

    def validate_params(self, params):
        clean = super().validate_params(params)
        country = str(clean.get("country") or common.get_config("ADZUNA_COUNTRY") or "gb").strip().lower()
        if country not in COUNTRY_CURRENCIES:
            raise SourceError(_("Adzuna does not cover country %(country)s") % {"country": repr(country)})
        clean["country"] = country
        return clean

    def build_requests(self, params):
        if not self.is_enabled():
            raise SourceError("Adzuna is disabled: set ADZUNA_APP_ID and ADZUNA_APP_KEY")
        params = self.validate_params(params)
        app_id, app_key = adzuna_credentials()
        return [
            self.url(
                f"v1/api/jobs/{params['country']}/search/{page}",
                {
                    "app_id": app_id,
                    "app_key": app_key,
                    "what": params["query"],
                    "where": params["location"],
                    "results_per_page": RESULTS_PER_PAGE,
                    "content-type": "application/json",
                },
            )
            for page in range(1, params["pages"] + 1)
        ]

    def parse(self, payload: Any, params: Mapping[str, Any] | None = None) -> list[Posting]:
        data = self.expect_mapping(payload, self.kind, "results")
        country = str((params or {}).get("country") or "gb").lower()
        currency = COUNTRY_CURRENCIES.get(country, "")
        return self.collect(data["results"], lambda job: self._posting(job, currency))

    def has_more(self, payload: Any, page: int, params: Mapping[str, Any]) -> bool:
        count = payload.get("count") if isinstance(payload, Mapping) else None
        return not isinstance(count, int) or count > page * RESULTS_PER_PAGE

    def _posting(self, job: Mapping[str, Any], currency: str) -> Posting:
        company = given if isinstance(given := job.get("company"), Mapping) else {}
        location_value = place if isinstance(place := job.get("location"), Mapping) else {}
        location, hint = common.clean_location(location_value.get("display_name") or "")
        html, text = common.description(job.get("description") or "", encoded=None)
        predicted = str(job.get("salary_is_predicted") or "0").strip() == "1"
        salary = None if predicted else salary_from_numbers(job.get("salary_min"), job.get("salary_max"),
                                                              currency, "year")
        contract_type = job.get("contract_type")
        return self.make_posting(
            external_id=job["id"],
            title=job["title"],
            company=company.get("display_name") or "",
            location=location,
            remote_option=common.resolve_remote(location_hint=hint, title=job.get("title", "")),
            job_type=common.map_job_type("contract" if contract_type == "contract" else "",
                                         job.get("contract_time"), contract_type),
            description_html=html,
            description_text=text,
            salary=salary,
            url=job.get("redirect_url") or "",
            posted_at=common.parse_datetime(job.get("created")),
            attribution_url=self.homepage,
        )
