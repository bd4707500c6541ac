from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copilot.accounts.services import delete_account
from copilot.requests import AuthedRequest
from insights.data_rights.export import export_zip
from insights.data_rights.forms import DeleteAccountForm

PAGE = "insights/data_rights.html"


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(request, PAGE, {"delete_form": DeleteAccountForm(user=request.user)})


@login_required
def export(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(export_zip(request.user), content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="career-copilot-{request.user.username}-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def delete(request: AuthedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, PAGE, {"delete_form": form}, status=400)
    user = request.user
    logout(request)
    delete_account(user)
    messages.success(request, _("Your account and all its data were deleted."))
    return redirect("landing")
