from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copilot.accounts.services import get_profile
from copilot.requests import AuthedRequest


@login_required
@require_POST
def reset_calendar_token(request: AuthedRequest) -> HttpResponse:
    get_profile(request.user).reset_calendar_token()
    messages.success(request, _("Your calendar feed has a new secret address; the old one no longer works."))
    return redirect("profile:settings")

