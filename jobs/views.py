from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from applications.models import Status
from copilot.accounts.services import get_profile
from copilot.http import FetchError
from insights.matching import match_job
from jobs.forms import AddFromURLForm, JobForm
from jobs.importers.jsonld import fetch_posting
from jobs.models import Job, JobType, RemoteOption
from jobs.queries import ADDED_WITHIN, SORTS, JobFilters, filter_jobs, sources_for
from jobs.services import create_job, delete_job, update_job
from jobs.skills import skill_names

PAGE_SIZE = 25
ORIGINS = {Job.SOURCE_MANUAL, Job.SOURCE_URL}


def get_job_for_user(request: HttpRequest, pk: int) -> Job:
    """Another user's job is a 404, never a 403: its existence is not revealed."""
    return get_object_or_404(Job.objects.for_user(request.user).select_related("application"), pk=pk)


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
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
        "added_choices": ADDED_WITHIN,
        "remote_choices": RemoteOption.choices,
        "job_type_choices": JobType.choices,
        "status_choices": Status.choices,
    }
    template = "jobs/list.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    return render(request, template, context)


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request, pk)
    return render(request, "jobs/detail.html", {"job": job, "match": match_job(job, get_profile(request.user))})


def _form_context(form: JobForm, **extra) -> dict:
    return {"form": form, "skill_suggestions": skill_names(), **extra}


@login_required
@require_http_methods(["GET", "POST"])
def job_create(request: HttpRequest) -> HttpResponse:
    inline = bool(request.htmx)
    origin = request.POST.get("origin", Job.SOURCE_MANUAL)
    if origin not in ORIGINS:
        origin = Job.SOURCE_MANUAL
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
    return render(request, template, _form_context(form, origin=origin, heading="Add a job"), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def job_edit(request: HttpRequest, pk: int) -> HttpResponse:
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
    return render(request, template, _form_context(form, job=job, heading=f"Edit “{job.title}”"), status=status)


@login_required
def job_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One row of the list, used to cancel an inline edit."""
    return render(request, "jobs/_row.html", {"job": get_job_for_user(request, pk)})


@login_required
@require_http_methods(["GET", "POST"])
def job_delete(request: HttpRequest, pk: int) -> HttpResponse:
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
@require_http_methods(["GET", "POST"])
def add_from_url(request: HttpRequest) -> HttpResponse:
    """Fetch a posting's page and pre-fill the job form; nothing is saved until the user confirms."""
    if request.method == "POST":
        url_form = AddFromURLForm(request.POST)
        if url_form.is_valid():
            try:
                draft = fetch_posting(url_form.cleaned_data["url"])
            except FetchError as error:
                url_form.add_error("url", f"We could not read that page: {error}")
            else:
                initial = {
                    name: getattr(draft, name)
                    for name in ("title", "company", "location", "remote_option", "job_type", "url",
                                 "salary_text", "description_html", "posted_date")
                }
                context = _form_context(
                    JobForm(initial=initial), origin=Job.SOURCE_URL, heading="Check and save this job", draft=draft
                )
                return render(request, "jobs/form.html", context)
        return render(request, "jobs/add_from_url.html", {"url_form": url_form}, status=400)
    return render(request, "jobs/add_from_url.html", {"url_form": AddFromURLForm()})
