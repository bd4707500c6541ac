from __future__ import annotations

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from copilot.models import Heartbeat

#: Seconds a client (or a load balancer) is asked to wait before trying again while the database is away.
RETRY_AFTER = 30


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "landing.html")


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and operators: database and worker status, no user data."""
    body: dict[str, object] = {"status": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        body["database"] = "ok"
    except DatabaseError:
        body.update(status="error", database="unavailable", worker="unknown")
        return JsonResponse(body, status=503)

    try:
        beat = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True).first()
    except DatabaseError:
        beat = None
    if beat is None:
        body["worker"] = "unknown"
    else:
        age = (timezone.now() - beat).total_seconds()
        body["worker"] = "ok" if age <= settings.WORKER_HEARTBEAT_MAX_AGE else "stale"
        body["worker_last_seen_seconds"] = int(age)
    body["scheduler"] = "on" if settings.ENABLE_SCHEDULER else "off"
    return JsonResponse(body)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Keep crawlers on the landing page; everything else is private. Also the load test's trivial view."""
    return HttpResponse("User-agent: *\nAllow: /$\nDisallow: /\n", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers (and feed readers, and pages that are not HTML) ask for /favicon.ico whatever a page links:
    send them to the static icon rather than a 404 on every first visit."""
    response = redirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that cannot be reached (down, restarting, out of connections) is not a bug
    of the page: answer 503 "temporarily unavailable" with Retry-After; anything else is Django's 500."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable()
    return defaults.server_error(request)


def database_unavailable() -> HttpResponse:
    body: str
    try:
        # No request context: its processors (the user, messages) would ask the database again.
        body = render_to_string("errors/unavailable.html")
    except Exception:  # the page must not fail too (a missing static manifest, a broken template)
        title = _("Temporarily unavailable")
        body = f"<!doctype html><title>{title}</title><h1>{title}</h1>"
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
