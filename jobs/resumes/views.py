"""The résumé page under Settings: upload, wait for the reading, review the diff, download, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from copilot.accounts.services import get_profile
from copilot.requests import AuthedRequest
from jobs.models import Resume
from jobs.resumes import services
from jobs.resumes.forms import ReviewForm, UploadForm

PAGE = "jobs/resumes/page.html"
CONTENT_TYPES = {Resume.Kind.PDF: "application/pdf",
                 Resume.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def get_resume_for_user(request: AuthedRequest, pk: int, *, with_file: bool = False) -> Resume:
    """Another user's résumé is a 404, never a 403: its existence is not revealed."""
    resumes = Resume.objects.for_user(request.user)
    return get_object_or_404(resumes if with_file else resumes.without_file(), pk=pk)


def _context(request: AuthedRequest, *, upload_form: UploadForm | None = None,
             review_form: ReviewForm | None = None) -> dict:
    profile = get_profile(request.user)
    current = services.current_resume(request.user)
    latest = services.latest_upload(request.user)
    pending = latest if latest and latest.is_pending and not latest.is_abandoned(timezone.now()) else None
    failed = latest if latest and latest != current and not pending else None
    if review_form is None and current is not None:
        review_form = ReviewForm(diff=services.diff_for(resume=current, profile=profile))
    return {"profile": profile, "current": current, "pending": pending, "failed": failed,
            "upload_form": upload_form or UploadForm(), "review_form": review_form, "max_mb": Resume.MAX_BYTES >> 20}


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthedRequest) -> HttpResponse:
    """The page; a POST uploads a file (checked here, read by a worker: see ``services``)."""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            services.store_upload(user=request.user, filename=data["filename"], kind=data["kind"], data=data["data"])
            return redirect("resumes:index")
        # The reason goes at the top too: on a phone the upload form sits below everything else.
        reasons = form.errors.get("file") or [_("Choose a file to upload.")]
        messages.error(request, _("%(reason)s Nothing was changed.") % {"reason": reasons[0]})
        return render(request, PAGE, _context(request, upload_form=form), status=400)
    return render(request, PAGE, _context(request))


@login_required
@require_GET
def status(request: AuthedRequest, pk: int) -> HttpResponse:
    """What the page polls while a file is read: the progress, then a refresh to show the outcome."""
    resume = get_resume_for_user(request, pk)
    if not request.htmx:
        return redirect("resumes:index")
    if resume.is_pending and not resume.is_abandoned(timezone.now()):
        return render(request, PAGE + "#status", {"pending": resume})
    return HttpResponseClientRefresh()


@login_required
@require_POST
def apply(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change the profile by the ticked boxes of the diff."""
    resume = get_resume_for_user(request, pk)
    if resume.status != Resume.Status.PARSED:
        messages.error(request, _("That résumé has not been read yet; nothing was changed."))
        return redirect("resumes:index")
    profile = get_profile(request.user)
    form = ReviewForm(request.POST, diff=services.diff_for(resume=resume, profile=profile))
    if not form.is_valid():
        messages.error(request, _("Your profile changed since this page was shown, so nothing was changed. Review "
                                  "the changes below again."))
        return render(request, PAGE, _context(request), status=400)
    added, removed, level = services.apply_review(
        resume=resume, profile=profile, add=form.cleaned_data["add"], remove=form.cleaned_data["remove"],
        set_level=form.cleaned_data.get("set_level", False))
    messages.success(request, _summary(added, removed, level, profile))
    return redirect("resumes:index")


def _summary(added: int, removed: int, level: bool, profile) -> str:
    if not (added or removed or level):
        return _("Nothing was ticked, so your profile is unchanged.")
    parts = []
    if added:
        parts.append(ngettext("added %(count)d skill", "added %(count)d skills", added) % {"count": added})
    if removed:
        parts.append(_("removed %(count)d") % {"count": removed})
    if level:
        profile.refresh_from_db(fields=["experience_level"])
        parts.append(_("set your level to %(level)s") % {"level": profile.get_experience_level_display()})
    # Translators: %(changes)s is a comma-separated list: "added 2 skills, removed 1, set your level to Senior".
    return _("Your profile was updated: %(changes)s.") % {"changes": ", ".join(parts)}


@login_required
@require_GET
def download(request: AuthedRequest, pk: int) -> HttpResponse:
    """The file itself, to its owner only, as a download (never rendered inline on our origin)."""
    resume = get_resume_for_user(request, pk, with_file=True)
    response = HttpResponse(bytes(resume.data), content_type=CONTENT_TYPES[Resume.Kind(resume.kind)])
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._- ") else "_" for c in resume.filename)
    response["Content-Disposition"] = f'attachment; filename="{ascii_name or "resume"}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def delete(request: AuthedRequest, pk: int) -> HttpResponse:
    resume = get_resume_for_user(request, pk)
    services.delete_resume(resume=resume)
    messages.success(request, _("“%(name)s” was deleted. Your profile keeps what you accepted from it.")
                     % {"name": resume.filename})
    return redirect("resumes:index")
