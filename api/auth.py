"""Who is calling: a personal access token (``Authorization: Bearer ccp_…``) or the app's own session.

A token is for scripts: no cookie rides along, so no CSRF check; a read token may only read (403 on
writes). The session is for the app's own pages: unsafe methods need the CSRF token (``X-CSRFToken``),
as a form post would. Either way the caller is rate-limited (``api.ratelimit``), per token or per user.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from api import ratelimit
from api.models import ApiToken
from api.tokens import find_active_token, touch
from copilot.accounts.models import User
from copilot.accounts.services import get_profile

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_ONLY = gettext_lazy("This token is read-only: make a read-and-write token in Settings to change anything.")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = find_active_token(token)
        if api_token is None:
            return None
        ratelimit.check(f"token:{api_token.pk}")
        if request.method not in SAFE_METHODS and not api_token.can_write:
            raise HttpError(403, str(READ_ONLY))
        touch(api_token)
        request.api_token = api_token  # type: ignore[attr-defined]
        _activate_timezone(api_token.user)
        return api_token.user


class SessionAuth(APIKeyCookie):
    """Django's session, as the pages use it; the CSRF check runs only for a signed-in caller, so an
    anonymous request is told 401 (who are you?) rather than 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)  # so the docs page sends the CSRF token with its "Try it out" requests

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)  # the CSRF check waits until the caller is known

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, _("CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header."))
        ratelimit.check(f"user:{user.pk}")
        return user


def _activate_timezone(user: User) -> None:
    """Dates ("today", "this week") in the user's zone, as the pages have them (copilot.middleware
    deactivates it when the response is done)."""
    try:
        timezone.activate(zoneinfo.ZoneInfo(get_profile(user).timezone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()


def request_token(request: HttpRequest) -> ApiToken | None:
    return getattr(request, "api_token", None)
