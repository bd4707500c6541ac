"""CSV export and the two-step CSV import (upload → preview → confirm)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from applications.models import CSVImport
from applications.spreadsheets import background, csv_io
from applications.spreadsheets.forms import CSVUploadForm
from copilot.requests import AuthedRequest

# The preview page carries the whole file back in a signed hidden field (no server-side
# storage of uploads); these bound that round trip.
SIGNED_MAX_BYTES = 2 * 1024 * 1024
SIGNED_MAX_AGE = 60 * 60  # seconds
_SALT = "jobs.csv_import"  # unchanged since the feature moved: previews signed before still confirm


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_SALT)


def _max_checkboxes() -> int | None:
    """How many per-row checkboxes one POST can carry: Django refuses requests with more
    than DATA_UPLOAD_MAX_NUMBER_FIELDS fields (a few are taken by the token and the CSRF field)."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    return None if limit is None else max(limit - 10, 0)


def _render_form(request: AuthedRequest, form: CSVUploadForm, *, status: int = 200, **context) -> HttpResponse:
    return render(request, "applications/spreadsheets/import.html", {"form": form, **context}, status=status)


@login_required
@require_safe
def export_csv(request: AuthedRequest) -> StreamingHttpResponse:
    def lines():
        yield "\ufeff"  # byte-order mark: Excel otherwise reads UTF-8 as the local code page
        yield from csv_io.iter_jobs_csv(request.user)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"career-copilot-jobs-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal data: no shared or disk caches
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_csv(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_form(request, CSVUploadForm())
    form = CSVUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        text = csv_io.decode_csv_bytes(data)
        csv_io.check_header(text)
    except csv_io.CSVFileError as error:
        form.add_error("file", str(error))
        return _render_form(request, form, status=400)
    if background.is_large(text):  # checked and imported by a worker while the page shows progress
        csv_import = background.queue_check(user=request.user, file_name=upload.name, text=text)
        return redirect("spreadsheets:import_status", pk=csv_import.pk)
    if upload.size > SIGNED_MAX_BYTES:
        form.add_error("file", _("Files over 2 MB cannot be previewed; split it into smaller files and import each."))
        return _render_form(request, form, status=400)
    try:
        preview = csv_io.preview_import(request.user, data)
    except csv_io.CSVFileError as error:
        form.add_error("file", str(error))
        return _render_form(request, form, status=400)
    # Sign the decoded text (JSON-safe); re-encoded as UTF-8 it parses to exactly the same rows.
    token = _signer().sign_object({"user": request.user.pk, "name": upload.name[:200], "csv": text}, compress=True)
    if len(token) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 64 * 1024:
        form.add_error("file", _("This file is too large to confirm in one go; split it into smaller files."))
        return _render_form(request, form, status=400)
    limit = _max_checkboxes()
    pick_rows = limit is None or len(preview.importable_lines) <= limit
    return _render_form(request, CSVUploadForm(), preview=preview, token=token, pick_rows=pick_rows,
                        file_name=upload.name)


@login_required
@require_POST
def import_confirm(request: AuthedRequest) -> HttpResponse:
    try:
        payload = _signer().unsign_object(request.POST.get("token", ""), max_age=SIGNED_MAX_AGE)
    except signing.SignatureExpired:
        return _render_form(request, CSVUploadForm(), status=400,
                            error=_("That preview is more than an hour old. Upload the file again."))
    except signing.BadSignature:
        return _render_form(request, CSVUploadForm(), status=400,
                            error=_("The import could not be verified. Upload the file again."))
    if not isinstance(payload, dict) or payload.get("user") != request.user.pk:
        return _render_form(request, CSVUploadForm(), status=400,
                            error=_("The import could not be verified. Upload the file again."))
    text = str(payload.get("csv", ""))
    if request.POST.get("select") == "all":
        # Too many rows for one checkbox each (see _max_checkboxes): every line; apply_import keeps the valid new ones.
        lines = set(range(1, len(text.splitlines()) + 2))
    else:
        lines = {int(value) for value in request.POST.getlist("line") if value.isdigit() and len(value) < 10}
    try:
        result = csv_io.apply_import(request.user, text.encode("utf-8"), lines=lines)
    except csv_io.CSVFileError as error:
        return _render_form(request, CSVUploadForm(), status=400, error=str(error))
    level = messages.SUCCESS if result.created else messages.INFO
    said = ngettext("Imported %(count)s job (%(skipped)s skipped)", "Imported %(count)s jobs (%(skipped)s skipped)",
                    result.created)
    messages.add_message(request, level, said % {"count": result.created, "skipped": result.skipped})
    return redirect("jobs:list")


# --------------------------------------------------------------------------- large files, run by a worker

PROGRESS = "applications/spreadsheets/progress.html"
WAIT_HINT = CSVImport.QUEUE_WAIT / 4  # queued this long: say the worker may be busy or down


def get_import_for_user(request: AuthedRequest, pk: int) -> CSVImport:
    """Another user's import is a 404, never a 403."""
    return get_object_or_404(CSVImport.objects.for_user(request.user).defer("csv_text", "rows"), pk=pk)


@login_required
@require_GET
def import_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """While a worker checks or imports the file: a progress bar that polls itself (htmx) or reloads (no
    JavaScript). Then the preview to confirm, the result, or the reason it failed."""
    csv_import = get_import_for_user(request, pk)
    if csv_import.is_working:
        now = timezone.now()
        waiting_long = csv_import.state == CSVImport.State.QUEUED and now - csv_import.updated_at > WAIT_HINT
        context = {"csv_import": csv_import, "waiting_long": waiting_long}
        return render(request, PROGRESS + "#status" if request.htmx else PROGRESS, context)
    if request.htmx:
        return HttpResponseClientRefresh()  # the outcome is a whole page
    if csv_import.phase == CSVImport.Phase.FAILED:
        return _render_form(request, CSVUploadForm(), error=background.shown_error(csv_import), csv_import=csv_import)
    return render(request, "applications/spreadsheets/checked.html", {"csv_import": csv_import,
                                                                      "summary": csv_import.summary})


@login_required
@require_POST
def import_start(request: AuthedRequest, pk: int) -> HttpResponse:
    """Confirm a checked file: a worker imports all its new rows (a second click changes nothing)."""
    csv_import = get_object_or_404(CSVImport.objects.for_user(request.user).defer("csv_text"), pk=pk)
    background.start_import(csv_import)
    return redirect("spreadsheets:import_status", pk=pk)
