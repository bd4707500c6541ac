from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from copilot.accounts.services import get_profile
from copilot.pagecache import cached_page
from copilot.requests import AuthedRequest
from jobs.duplicates import Duplicate, find_duplicate
from jobs.forms import JobForm
from jobs.matching import match_job
from jobs.models import Job, JobOrigin, JobType, RemoteOption
from jobs.queries import (
    ADDED_WITHIN,
    SORTS,
    STATES,
    JobFilters,
    application_status_choices,
    closed_count,
    filter_jobs,
    sources_for,
)
from jobs.resumes.services import current_resume, resume_match_for
from jobs.scores import scores_pending
from jobs.services import create_job, delete_job, mark_closed, reopen_job, update_job
from jobs.skills import skill_names

PAGE_SIZE = 25
ORIGINS = {JobOrigin.MANUAL, JobOrigin.URL, JobOrigin.CLIPPER}


def get_job_for_user(request: AuthedRequest, pk: int) -> Job:
    """Another user's job is a 404, never a 403: its existence is not revealed."""
    return get_object_or_404(Job.objects.for_user(request.user).select_related("application"), pk=pk)


def _list_context(user, params: QueryDict) -> dict:
    filters = JobFilters.from_query(params)
    page = Paginator(filter_jobs(user, filters), PAGE_SIZE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "page": page,
        "jobs": page.object_list,
        "filters": filters,
        "query": query.urlencode(),
        "sources": sources_for(user),
        "sorts": SORTS,
        "states": STATES,
        "closed_hidden": closed_count(user) if filters.state == "open" else 0,
        "scores_refreshing": filters.sort == "score" and scores_pending(get_profile(user)),
        "added_choices": ADDED_WITHIN,
        "remote_choices": RemoteOption.choices,
        "job_type_choices": JobType.choices,
        "status_choices": application_status_choices(),
    }


@login_required
@cached_page
def job_list(request: AuthedRequest) -> HttpResponse:
    template = "jobs/list.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    return render(request, template, _list_context(request.user, request.GET))


@login_required
@cached_page
def job_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    resume = current_resume(request.user)
    # The people linked to the job live a layer up (applications.contacts): read by relation name only.
    contacts = list(job.contacts.all())
    others = request.user.contacts.exclude(pk__in=[c.pk for c in contacts]).only("id", "name", "company")
    return render(request, "jobs/detail.html", {"job": job, "match": match_job(job, get_profile(request.user)),
                                                "resume_match": resume_match_for(job=job, resume=resume),
                                                "has_resume": resume is not None,
                                                "contacts": contacts, "other_contacts": others})


def form_context(form: JobForm, **extra) -> dict:
    return {"form": form, "skill_suggestions": skill_names(), **extra}


def _duplicate_of(request: AuthedRequest, form: JobForm, *, job: Job | None = None) -> Duplicate | None:
    """The user's job this form would repeat, unless they chose "Save anyway" (or an edit left the
    fields that identify a job as they were)."""
    if request.POST.get("save_anyway"):
        return None
    if job is not None and not {"url", "company", "title", "location", "remote_option"} & set(form.changed_data):
        return None
    data = form.cleaned_data
    return find_duplicate(request.user, url=data.get("url", ""), company=data.get("company", ""),
                          title=data.get("title", ""), location=data.get("location", ""),
                          remote_option=data.get("remote_option", ""), exclude_pk=job.pk if job else None)


@login_required
@require_http_methods(["GET", "POST"])
def job_create(request: AuthedRequest) -> HttpResponse:
    inline = bool(request.htmx)
    origin = request.POST.get("origin", JobOrigin.MANUAL)
    if origin not in ORIGINS:
        origin = JobOrigin.MANUAL
    duplicate = None
    if request.method == "POST":
        form = JobForm(request.POST)
        if form.is_valid() and (duplicate := _duplicate_of(request, form)) is None:
            job = create_job(user=request.user, source=origin, **form.cleaned_data)
            if inline:
                # The list behind the panel is redrawn with the filters it shows (count, empty state);
                # the message is in the fragment, not in the session, so no later page repeats it.
                params = QueryDict(urlsplit(request.htmx.current_url or "").query, mutable=True)
                params.pop("page", None)  # the first page, where the newest job is
                return render(request, "jobs/_created.html", {"job": job, **_list_context(request.user, params)})
            messages.success(request, _("Saved “%(title)s” at %(company)s.")
                             % {"title": job.title, "company": job.company})
            return redirect(job)
        status = 400
    else:
        form, status = JobForm(), 200
    template = "jobs/_form_panel.html" if inline else "jobs/form.html"
    context = form_context(form, origin=origin, heading=_("Add a job"), duplicate=duplicate)
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def job_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    inline = bool(request.htmx)
    duplicate = None
    if request.method == "POST":
        form = JobForm(request.POST, instance=job)
        if form.is_valid() and (duplicate := _duplicate_of(request, form, job=job)) is None:
            update_job(job=job, **form.cleaned_data)
            if inline:
                return render(request, "jobs/_row.html", {"job": job})
            messages.success(request, _("Your changes were saved."))
            return redirect(job)
        status = 400
    else:
        form, status = JobForm(instance=job), 200
    template = "jobs/_edit_row.html" if inline else "jobs/form.html"
    context = form_context(form, job=job, heading=_("Edit “%(title)s”") % {"title": job.title}, duplicate=duplicate)
    return render(request, template, context, status=status)


@login_required
def job_row(request: AuthedRequest, pk: int) -> HttpResponse:
    """One row of the list, used to cancel an inline edit."""
    return render(request, "jobs/_row.html", {"job": get_job_for_user(request, pk)})


@login_required
@require_http_methods(["GET", "POST"])
def job_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    if request.method == "POST":
        title = _("%(title)s at %(company)s") % {"title": job.title, "company": job.company}
        delete_job(job=job)
        if request.htmx:
            return HttpResponse("")  # the row swaps itself out
        messages.success(request, _("Deleted “%(title)s”.") % {"title": title})
        return redirect("jobs:list")
    return render(request, "jobs/confirm_delete.html", {"job": job})


@login_required
@require_http_methods(["POST"])
def job_close(request: AuthedRequest, pk: int) -> HttpResponse:
    """The user marks a job closed (filled, withdrawn), whatever its source."""
    job = mark_closed(job=get_job_for_user(request, pk))
    messages.success(request, _("“%(title)s” is marked closed. It no longer appears in your recommendations.")
                     % {"title": job.title})
    return redirect(job)


@login_required
@require_http_methods(["POST"])
def job_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    job = reopen_job(job=get_job_for_user(request, pk))
    messages.success(request, _("“%(title)s” is open again.") % {"title": job.title})
    return redirect(job)
