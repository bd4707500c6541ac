from __future__ import annotations

import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from copilot.accounts.models import Profile

logger = logging.getLogger("copilot.accounts")


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.get_or_create(user=user)
        return user

    def is_safe_url(self, url: str) -> bool:
        """Redirect after login only within this site, and never from HTTPS down to HTTP.

        allauth's own check also accepts every host in ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS,
        and ``http://`` on an HTTPS site (a same-host downgrade)."""
        request = self.request
        return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure())

    def get_client_ip(self, request: HttpRequest) -> str:
        """The client address behind ``TRUSTED_PROXY_COUNT`` proxies (allauth's rule, which the
        login limits are keyed by). A request with fewer forwarded addresses than proxies cannot
        have come through them all: it is keyed by its own peer address rather than failing."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning("X-Forwarded-For holds fewer addresses than TRUSTED_PROXY_COUNT; using the peer address",
                           extra={"forwarded_for": request.headers.get("x-forwarded-for", "")[:200]})
            return request.META.get("REMOTE_ADDR") or "0.0.0.0"
