from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from copilot.requests import AuthedRequest
from jobs.duplicates import find_duplicate
from jobs.fetches import posting_draft, queue_fetch
from jobs.forms import JobForm
from jobs.importing.clipper import MAX_HTML_CHARS, bookmarklet_url, read_clipped_page
from jobs.importing.forms import AddFromURLForm, ClipForm
from jobs.importing.jsonld import PostingDraft
from jobs.models import BackgroundFetch, JobOrigin
from jobs.views import form_context

FETCHING = "jobs/importing/fetching.html"
ABANDONED = gettext_noop("The background worker stopped before it finished. Please try again.")
WAIT_HINT = BackgroundFetch.QUEUE_WAIT / 4  # queued this long: say the worker may be busy or down


def get_fetch_for_user(request: AuthedRequest, pk: int, kind: str) -> BackgroundFetch:
    """Another user's fetch is a 404, never a 403."""
    return get_object_or_404(BackgroundFetch.objects.for_user(request.user), pk=pk, kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def add_from_url(request: AuthedRequest) -> HttpResponse:
    """Queue a read of a posting's page and go to the page that waits for it: a slow or hostile server
    holds a background worker (for at most ``BackgroundFetch.DEADLINE``), never this request."""
    if request.method == "POST":
        url_form = AddFromURLForm(request.POST)
        if url_form.is_valid():
            fetch = queue_fetch(user=request.user, kind=BackgroundFetch.Kind.POSTING,
                                request={"url": url_form.cleaned_data["url"],
                                                                           "language": get_language()})
            return redirect("jobs:add_from_url_result", pk=fetch.pk)
        return render(request, "jobs/importing/add_from_url.html", {"url_form": url_form}, status=400)
    return render(request, "jobs/importing/add_from_url.html", {"url_form": AddFromURLForm()})


@login_required
@require_GET
def add_from_url_result(request: AuthedRequest, pk: int) -> HttpResponse:
    """While the page is read: a status that polls itself (htmx) or reloads (no JavaScript). Then the job
    form filled from the page (nothing is saved until the user confirms), or the reason it could not be read."""
    fetch = get_fetch_for_user(request, pk, BackgroundFetch.Kind.POSTING)
    now = timezone.now()
    if fetch.is_pending and not fetch.is_abandoned(now):
        waiting_long = fetch.status == BackgroundFetch.Status.QUEUED and now - fetch.created_at > WAIT_HINT
        context = {"fetch": fetch, "waiting_long": waiting_long}
        return render(request, FETCHING + "#status" if request.htmx else FETCHING, context)
    if request.htmx:
        return HttpResponseClientRefresh()  # the outcome is a whole page
    if fetch.status == BackgroundFetch.Status.SUCCEEDED:
        return render_review(request, posting_draft(fetch), origin=JobOrigin.URL)
    url_form = AddFromURLForm(data={"url": fetch.request.get("url", "")})
    url_form.is_valid()
    # A stored reason is either translated already (by the worker) or one of the fixed English ones.
    url_form.add_error("url", _("We could not read that page: %(reason)s") % {
        "reason": gettext(fetch.error or ABANDONED)})
    return render(request, "jobs/importing/add_from_url.html", {"url_form": url_form})



DRAFT_FIELDS = ("title", "company", "location", "remote_option", "job_type", "url", "salary_text", "description_html",
                "requirements", "posted_date", "tech_stack", "preferred_stack", "soft_skills")


def render_review(request: AuthedRequest, draft: PostingDraft, *, origin: str) -> HttpResponse:
    """The job form filled from a posting, to check and save (nothing is saved before), saying so when the
    user already saved the same job."""
    initial = {name: getattr(draft, name) for name in DRAFT_FIELDS}
    # Said before the user checks the fields, not only when they press Save.
    duplicate = find_duplicate(request.user, url=initial["url"] or "", company=initial["company"] or "",
                               title=initial["title"] or "", location=initial["location"] or "",
                               remote_option=initial["remote_option"] or "")
    context = form_context(JobForm(initial=initial), origin=origin, heading=_("Check and save this job"), draft=draft,
                           duplicate=duplicate)
    return render(request, "jobs/form.html", context)


@login_required
@require_GET
def clipper(request: AuthedRequest) -> HttpResponse:
    """How to install the clipper bookmarklet; it carries this site's address and nothing secret."""
    return render(request, "jobs/importing/clipper.html",
                  {"bookmarklet": bookmarklet_url(request.build_absolute_uri("/").rstrip("/"))})


@login_required
@require_http_methods(["GET", "POST"])
def clip(request: AuthedRequest) -> HttpResponse:
    """GET: the popup the bookmarklet opens, which receives the page by ``postMessage`` and posts it here with
    its CSRF token. POST: read the page and show the job form to check (see ``jobs.importing.clipper`` for why
    a cross-site post is refused)."""
    if request.method == "GET":
        response = render(request, "jobs/importing/clip.html", {"max_chars": MAX_HTML_CHARS})
        # The bookmarklet keeps a handle on this window to post the page to it; "same-origin" would cut it.
        response["Cross-Origin-Opener-Policy"] = "unsafe-none"
        return response
    if len(request.POST.get("html", "")) > MAX_HTML_CHARS:
        return render(request, "jobs/importing/clip_refused.html", {
            "reason": _("This page is too large to clip (over %(limit)s characters without its scripts "
                        "and styles). Copy the posting's text into “Add job” instead.")
            % {"limit": number_format(MAX_HTML_CHARS, force_grouping=True)}}, status=413)
    form = ClipForm(request.POST)
    if not form.is_valid():
        reasons = [f"{name}: {error}" if name != "__all__" else str(error)
                   for name, errors in form.errors.items() for error in errors]
        return render(request, "jobs/importing/clip_refused.html",
                      {"reason": _("The clipper sent something we cannot read (%(reasons)s).")
                                 % {"reasons": "; ".join(reasons)}},
                      status=400)
    draft = read_clipped_page(url=form.cleaned_data["url"], title=form.cleaned_data["title"],
                              html=form.cleaned_data["html"])
    return render_review(request, draft, origin=JobOrigin.CLIPPER)
