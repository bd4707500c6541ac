from __future__ import annotations

import re
import zoneinfo
from urllib.parse import unquote_plus

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from copilot.accounts.services import get_profile
from copilot.views import health

SESSION_KEY = "timezone"


class UserTimezoneMiddleware:
    """Show dates and read date-times in the user's own time zone (kept in the session: no query per page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        if request.user.is_authenticated:
            name = request.session.get(SESSION_KEY)
            if name is None:
                name = get_profile(request.user).timezone
                request.session[SESSION_KEY] = name
        try:
            timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def remember_timezone(request, name: str) -> None:
    request.session[SESSION_KEY] = name


LANGUAGE_SESSION_KEY = "language"


class UserLanguageMiddleware:
    """Speak the language the user picked in Settings; with none picked, LocaleMiddleware's choice from the
    browser (Accept-Language) stands. The pick is kept in the session like the time zone: no query per page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            code = request.session.get(LANGUAGE_SESSION_KEY)
            if code is None:
                code = get_profile(request.user).language
                request.session[LANGUAGE_SESSION_KEY] = code
            if code and translation.check_for_language(code):
                translation.activate(code)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


def remember_language(request, code: str) -> None:
    """Use ``code`` from this request on ("" = the browser's language)."""
    request.session[LANGUAGE_SESSION_KEY] = code
    translation.activate(code or translation.get_language_from_request(request))
    request.LANGUAGE_CODE = translation.get_language()


# C0 control characters other than tab, newline and carriage return, and DEL. No address or search of this
# app ever needs them; PostgreSQL cannot store NUL and date libraries choke on them.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    """Answer 400 with a readable page when the path or query string holds control characters.

    Checked at the edge, before sessions or views, so no view, query or date parser ever sees them.
    Form bodies are covered by Django's own ``ProhibitNullCharactersValidator`` on every CharField."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = unquote_plus(request.META.get("QUERY_STRING", ""), errors="replace")
        if _CONTROL_CHARACTERS.search(request.path) or _CONTROL_CHARACTERS.search(query):
            # Answered before LocaleMiddleware runs: in the browser's language (there is no session yet).
            with translation.override(translation.get_language_from_request(request)):
                message = _("The address holds control characters (such as a NUL byte), which no page of this "
                            "site accepts.")
                if request.path.startswith("/api/"):  # the JSON API answers its callers in JSON
                    return JsonResponse({"detail": message}, status=400)
                return render(request, "errors/bad_request.html", {"message": message}, status=400)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (settings.PERMISSIONS_POLICY) on every response: the app uses no
    camera, microphone, location, payment or USB, so no page (or injected frame) may ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response


class HealthCheckMiddleware:
    """Answer ``/health`` before sessions, users or time zones are looked at.

    Those read the database; with the database down a load balancer's probe carrying a session cookie
    would otherwise wait for them and get a 500 page instead of the health view's 503 JSON."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = "/health"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == self.path:
            return health(request)
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Answers to a signed-in user are theirs alone: ``Cache-Control: private, no-store`` unless the view
    said otherwise, so no shared proxy keeps them and the browser does not store them on disk. Static
    files never reach here: whitenoise answers them first, hashed names with a far-future expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
