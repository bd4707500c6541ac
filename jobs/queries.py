"""Reading jobs for the list page: search, filters and sort, always within one user's jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.db.models import Field, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobs.models import Job, JobType, RemoteOption

SORTS = {
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "company": _("Company A–Z"),
    "title": _("Title A–Z"),
    "score": _("Best match"),
}
ADDED_WITHIN = {"1": _("Today"), "7": _("Last 7 days"), "30": _("Last 30 days"), "90": _("Last 90 days")}
# Which jobs by their posting's state. Open is the default: closed postings leave the list (and its
# best-match order) but stay findable here; archived ones are closed jobs nobody tracks, hidden after
# the user's period (jobs.closing).
STATES = {"open": pgettext_lazy("job state", "Open"), "closed": pgettext_lazy("job state", "Closed"),
          "archived": pgettext_lazy("job state", "Archived"), "all": pgettext_lazy("job state", "All")}
STATUS_NONE = "none"
STATUS_ANY = "any"


def application_status_choices() -> list[tuple[str, str]]:
    """The statuses a job's application can have, for the list's status filter.

    Read through the reverse relation by name (``Job.application``) rather than imported: the
    applications app sits above jobs, and jobs never imports it.
    """
    application = Job._meta.get_field("application").related_model
    status = cast(Field, application._meta.get_field("status"))
    return [(str(value), str(label)) for value, label in status.choices or ()]


@dataclass(frozen=True)
class JobFilters:
    q: str = ""
    source: str = ""
    remote: str = ""
    job_type: str = ""
    status: str = ""
    added: str = ""
    sort: str = "newest"
    state: str = "open"

    @classmethod
    def from_query(cls, params) -> JobFilters:
        """Read filters from a query string; unknown values are ignored rather than failing the page."""

        def pick(name: str, allowed) -> str:
            value = (params.get(name) or "").strip()
            return value if value in allowed else ""

        return cls(
            q=" ".join((params.get("q") or "").split())[:200],
            source=(params.get("source") or "").strip()[:40],
            remote=pick("remote", RemoteOption.values),
            job_type=pick("job_type", JobType.values),
            status=pick("status", [*dict(application_status_choices()), STATUS_NONE, STATUS_ANY]),
            added=pick("added", ADDED_WITHIN),
            sort=pick("sort", SORTS) or "newest",
            state=pick("state", STATES) or "open",
        )

    @property
    def active(self) -> bool:
        return any([self.q, self.source, self.remote, self.job_type, self.status, self.added, self.state != "open"])


def filter_jobs(user, filters: JobFilters) -> QuerySet[Job]:
    jobs: QuerySet[Job] = Job.objects.for_user(user)
    if filters.state == "open":
        jobs = jobs.filter(closed_at__isnull=True)
    elif filters.state == "closed":
        jobs = jobs.filter(closed_at__isnull=False, archived_at__isnull=True)
    elif filters.state == "archived":
        jobs = jobs.filter(archived_at__isnull=False)
    if filters.q:
        # PostgreSQL expects a handful of rows from several ILIKEs (it cannot tell they overlap) and
        # then joins the applications table once per matching job, a nested loop that made a search at
        # 10,000 jobs ten times slower than the list: the page's applications come in a second query.
        jobs = jobs.prefetch_related("application")
        for word in filters.q.split()[:8]:
            jobs = jobs.filter(
                Q(title__icontains=word) | Q(company__icontains=word) | Q(description_text__icontains=word)
            )
    if filters.source:
        jobs = jobs.filter(source=filters.source)
    if filters.remote:
        jobs = jobs.filter(remote_option=filters.remote)
    if filters.job_type:
        jobs = jobs.filter(job_type=filters.job_type)
    if filters.status == STATUS_NONE:
        jobs = jobs.filter(application__isnull=True)
    elif filters.status == STATUS_ANY:
        jobs = jobs.filter(application__isnull=False)
    elif filters.status:
        jobs = jobs.filter(application__status=filters.status)
    if filters.added:
        jobs = jobs.filter(created_at__gte=timezone.now() - timedelta(days=int(filters.added)))
    orders: dict[str, list[Any]] = {
        "newest": ["-created_at", "-id"],
        "oldest": ["created_at", "id"],
        "company": [Lower("company"), Lower("title"), "id"],
        "title": [Lower("title"), Lower("company"), "id"],
        "score": ["-match_score", "-id"],
    }
    if not filters.q:
        jobs = jobs.select_related("application")
    order = orders[filters.sort]  # best match: the stored score (jobs.scores), an indexed sort
    # The list never needs the long description columns.
    return jobs.defer("description_html", "description_text", "requirements").order_by(*order)


def closed_count(user) -> int:
    """Closed jobs the default (open) list leaves out, archived ones not counted: the list says so."""
    return Job.objects.for_user(user).filter(closed_at__isnull=False, archived_at__isnull=True).count()


def sources_for(user) -> list[str]:
    return list(Job.objects.for_user(user).order_by("source").values_list("source", flat=True).distinct())
