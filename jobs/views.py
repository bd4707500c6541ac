from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from copilot.accounts.services import get_profile
from copilot.requests import AuthedRequest
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
from jobs.services import create_job, delete_job, mark_closed, reopen_job, update_job
from jobs.skills import skill_names

PAGE_SIZE = 25
ORIGINS = {JobOrigin.MANUAL, JobOrigin.URL, JobOrigin.CLIPPER}


def get_job_for_user(request: AuthedRequest, pk: int) -> Job:
    """Another user's job is a 404, never a 403: its existence is not revealed."""
    return get_object_or_404(Job.objects.for_user(request.user).select_related("application"), pk=pk)


@login_required
def job_list(request: AuthedRequest) -> HttpResponse:
    filters = JobFilters.from_query(request.GET)
    page = Paginator(filter_jobs(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "jobs": page.object_list,
        "filters": filters,
        "query": query.urlencode(),
        "sources": sources_for(request.user),
        "sorts": SORTS,
        "states": STATES,
        "closed_hidden": closed_count(request.user) if filters.state == "open" else 0,
        "added_choices": ADDED_WITHIN,
        "remote_choices": RemoteOption.choices,
        "job_type_choices": JobType.choices,
        "status_choices": application_status_choices(),
    }
    template = "jobs/list.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    return render(request, template, context)


@login_required
def job_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    return render(request, "jobs/detail.html", {"job": job, "match": match_job(job, get_profile(request.user))})


def form_context(form: JobForm, **extra) -> dict:
    return {"form": form, "skill_suggestions": skill_names(), **extra}


@login_required
@require_http_methods(["GET", "POST"])
def job_create(request: AuthedRequest) -> HttpResponse:
    inline = bool(request.htmx)
    origin = request.POST.get("origin", JobOrigin.MANUAL)
    if origin not in ORIGINS:
        origin = JobOrigin.MANUAL
    if request.method == "POST":
        form = JobForm(request.POST)
        if form.is_valid():
            job = create_job(user=request.user, source=origin, **form.cleaned_data)
            messages.success(request, f"Saved “{job.title}” at {job.company}.")
            if inline:
                return render(request, "jobs/_created.html", {"job": job})
            return redirect(job)
        status = 400
    else:
        form, status = JobForm(), 200
    template = "jobs/_form_panel.html" if inline else "jobs/form.html"
    return render(request, template, form_context(form, origin=origin, heading="Add a job"), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def job_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    inline = bool(request.htmx)
    if request.method == "POST":
        form = JobForm(request.POST, instance=job)
        if form.is_valid():
            update_job(job=job, **form.cleaned_data)
            if inline:
                return render(request, "jobs/_row.html", {"job": job})
            messages.success(request, "Your changes were saved.")
            return redirect(job)
        status = 400
    else:
        form, status = JobForm(instance=job), 200
    template = "jobs/_edit_row.html" if inline else "jobs/form.html"
    return render(request, template, form_context(form, job=job, heading=f"Edit “{job.title}”"), status=status)


@login_required
def job_row(request: AuthedRequest, pk: int) -> HttpResponse:
    """One row of the list, used to cancel an inline edit."""
    return render(request, "jobs/_row.html", {"job": get_job_for_user(request, pk)})


@login_required
@require_http_methods(["GET", "POST"])
def job_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    if request.method == "POST":
        title = str(job)
        delete_job(job=job)
        if request.htmx:
            return HttpResponse("")  # the row swaps itself out
        messages.success(request, f"Deleted “{title}”.")
        return redirect("jobs:list")
    return render(request, "jobs/confirm_delete.html", {"job": job})


@login_required
@require_http_methods(["POST"])
def job_close(request: AuthedRequest, pk: int) -> HttpResponse:
    """The user marks a job closed (filled, withdrawn), whatever its source."""
    job = mark_closed(job=get_job_for_user(request, pk))
    messages.success(request, f"“{job.title}” is marked closed. It no longer appears in your recommendations.")
    return redirect(job)


@login_required
@require_http_methods(["POST"])
def job_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    job = reopen_job(job=get_job_for_user(request, pk))
    messages.success(request, f"“{job.title}” is open again.")
    return redirect(job)
