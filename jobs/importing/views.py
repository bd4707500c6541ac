from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from copilot.http import FetchError
from copilot.requests import AuthedRequest
from jobs.forms import JobForm
from jobs.importing.forms import AddFromURLForm
from jobs.importing.jsonld import fetch_posting
from jobs.models import JobOrigin
from jobs.views import form_context


@login_required
@require_http_methods(["GET", "POST"])
def add_from_url(request: AuthedRequest) -> HttpResponse:
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
                                 "salary_text", "description_html", "requirements", "posted_date", "tech_stack",
                                 "preferred_stack", "soft_skills")
                }
                context = form_context(
                    JobForm(initial=initial), origin=JobOrigin.URL, heading="Check and save this job", draft=draft
                )
                return render(request, "jobs/form.html", context)
        return render(request, "jobs/importing/add_from_url.html", {"url_form": url_form}, status=400)
    return render(request, "jobs/importing/add_from_url.html", {"url_form": AddFromURLForm()})
