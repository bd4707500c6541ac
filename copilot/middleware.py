from __future__ import annotations

import zoneinfo

from django.utils import timezone

from copilot.accounts.services import get_profile

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
