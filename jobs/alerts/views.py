from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from copilot.requests import AuthedRequest
from jobs.alerts.services import bell_for, mark_seen
from jobs.models import JobAlert

BELL = "jobs/alerts/_bell.html"


def _bell(request: AuthedRequest) -> HttpResponse:
    response = render(request, BELL, {"bell": bell_for(request.user), "poll_seconds": settings.ALERT_POLL_SECONDS})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def bell(request: AuthedRequest) -> HttpResponse:
    """The bell's badge and list, polled by every signed-in page (htmx)."""
    return _bell(request)


@login_required
@require_POST
def mark_all_seen(request: AuthedRequest) -> HttpResponse:
    mark_seen(user=request.user)
    if request.htmx:
        return _bell(request)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = "dashboard"
    return redirect(back)


@login_required
@require_POST
def open_alert(request: AuthedRequest, pk: int) -> HttpResponse:
    """Go to the alert's job, marking it seen (a POST: a GET never changes anything); another user's alert is
    a 404."""
    alert = get_object_or_404(JobAlert.objects.for_user(request.user).select_related("job"), pk=pk)
    mark_seen(user=request.user, alert=alert)
    return redirect(alert.job)
