"""Is a job typed or pasted by hand one the user already has? The same rules as the CSV import and the
board ingestion (:class:`jobs.dedup.Deduplicator`), plus the plain case those leave out on purpose: the same
canonical URL alone (a careers page listing several roles) is worth a warning when a person saves it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from jobs.dedup import Deduplicator, canonical_url, company_keys
from jobs.models import Job


@dataclass(frozen=True)
class Duplicate:
    job: Job
    reason: str  # completes "You already have …, …"


def find_duplicate(user, *, url: str = "", company: str = "", title: str = "", location: str = "",
                   remote_option: str = "", exclude_pk: int | None = None) -> Duplicate | None:
    """The user's job that ``url``/``company``/``title``/``location`` most likely is, or None.
    Three queries at most: the canonical URL, the user's company names, the jobs of the matching ones."""
    jobs = Job.objects.for_user(user)
    if exclude_pk is not None:
        jobs = jobs.exclude(pk=exclude_pk)
    canon = canonical_url(url)[:2000] if url else ""
    if canon:
        same_link = jobs.filter(canonical_url=canon).order_by("-created_at", "-pk").first()
        if same_link is not None:
            # Translators: completes "You already have this job …: <the job>".
            return Duplicate(same_link, _("with the same link"))
    # The rules only ever match jobs filed under one of the company's keys: read just those (a user following
    # boards has thousands of jobs, and reading each one's title and place costs far more than its company).
    keys = company_keys(company).lookup
    companies = {name for name in jobs.order_by().values_list("company", flat=True).distinct()
                 if keys & company_keys(name).own}
    if not companies:
        return None
    rows = jobs.filter(company__in=companies).values_list("id", "url", "company", "title", "location", "remote_option")
    found = Deduplicator(rows).match(url, company, title, location, remote_option)
    if found is None:
        return None
    # Translators: completes "You already have this job …: <the job>".
    return Duplicate(jobs.get(pk=found), _("the same role at the same company and place"))
