"""The requests views receive, typed for the checker: with django-htmx's details, and signed in."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from copilot.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class AuthedRequest(HtmxRequest):
    """What a view behind ``login_required`` receives: the user is signed in, never anonymous."""

    user: User
