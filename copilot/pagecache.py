"""Rendered pages kept per user until anything they show changes.

A signed-in page seen again before the user's data changed is sent as it was rendered, instead of being
rendered again (a jobs page is ~80,000 Python calls, the board several times that). The key holds every
input a main page is rendered from besides its database rows:

- the user and ``Profile.data_version``, which every write to a user's jobs, applications, contacts,
  sources or profile bumps (``copilot.accounts.services.bump_data_version``), so a change shows at once;
  the match and scored versions too (the jobs list says when scores are being refreshed);
- the full path with its query, the language, the time zone and the user's local date (due today,
  overdue, "added 3 days ago"); pages that say "updated 5 minutes ago" also take the minute;
- the CSRF secret of the browser's cookie: the page's forms carry tokens made from it, so another browser
  (or the same one after signing in again) never gets tokens it cannot post;
- the build: a deploy that changes templates, code, translations or static files starts afresh.

Rows written by another process are covered the same way (the worker bumps the version when a run adds
jobs), and ``PAGE_CACHE_SECONDS`` bounds what a write that forgets to bump could leave on screen.
Not kept: htmx fragments, pages with a message to show, anything but a plain 200, requests that start
a new CSRF cookie. The CSP nonce is per request: the stored one is replaced by the request's own; the
CSRF cookie is sent again as a render sends it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from copilot.accounts.services import get_profile

# What a build's pages are made of (and the static files whose hashed names they link): a change to any of
# these files gives every page a new key. Read once per process, about 12 ms.
_BUILD_SOURCES = ("copilot", "jobs", "applications", "insights", "api", "templates", "locale", "static")
_BUILD_SUFFIXES = {".py", ".html", ".txt", ".po", ".css", ".js", ".svg"}


@functools.cache
def build_id() -> str:
    """A digest of the code, templates, translations and static files this process renders with (read once)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in _BUILD_SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in _BUILD_SUFFIXES and path.is_file() and "migrations" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_key(request: HttpRequest, *, per_minute: bool = False) -> str | None:
    """The cache key of this request's page, or None when the page must be rendered (and not kept)."""
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return None
    if not request.user.is_authenticated or getattr(request, "htmx", False):
        return None
    secret = request.META.get("CSRF_COOKIE")
    if not secret or len(messages.get_messages(request)):
        return None
    profile = get_profile(request.user)
    now = timezone.localtime()
    parts = [
        build_id(), request.get_full_path(), translation.get_language(), timezone.get_current_timezone_name(),
        now.date().isoformat(), now.strftime("%H:%M") if per_minute else "",
        str(profile.data_version), str(profile.match_version), str(profile.scored_version),
        hashlib.sha256(secret.encode()).hexdigest(),
    ]
    return f"page:{request.user.pk}:{hashlib.sha256('\x1f'.join(parts).encode()).hexdigest()}"


def cached_page[V: Callable[..., HttpResponse]](view: V | None = None, *, per_minute: bool = False):
    """Decorate a signed-in page's view: serve it from the cache while its key holds (see the module)."""

    def decorate(view: V) -> V:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            key = page_key(request, per_minute=per_minute)
            if key is None:
                return view(request, *args, **kwargs)
            cache = caches["pages"]
            stored = cache.get(key)
            if stored is not None:
                return _replay(request, *stored)
            secret = request.META["CSRF_COOKIE"]
            response = view(request, *args, **kwargs)
            if _keepable(request, response, secret):
                nonce = getattr(request, "_csp_nonce", None)
                cache.set(key, (response.content, response["Content-Type"], str(nonce) if nonce else ""),
                          settings.PAGE_CACHE_SECONDS)
            return response

        return wrapped  # type: ignore[return-value]

    return decorate(view) if view is not None else decorate


def _keepable(request: HttpRequest, response: HttpResponse, secret: str) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and request.META.get("CSRF_COOKIE") == secret and not len(messages.get_messages(request)))


def _replay(request: HttpRequest, content: bytes, content_type: str, nonce: str) -> HttpResponse:
    # As rendering the page's tokens would (django.middleware.csrf.get_token): send the cookie again, so
    # its expiry is renewed by every page view, kept or rendered.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    current = getattr(request, "_csp_nonce", None)
    if nonce and current is not None:
        # Reading the request's nonce makes the CSP middleware put it in this response's header.
        content = content.replace(nonce.encode(), str(current).encode())
    return HttpResponse(content, content_type=content_type)
