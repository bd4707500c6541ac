"""The installable app: the web app manifest, the service worker and its offline page.

The service worker is served from the site root (``/sw.js``) so its scope is the whole site. It precaches the
shell (the stylesheet, the scripts, the icons and the offline page: what every page needs and nothing of the
user's), serves those from the cache, and lets every page load from the network; when the network (or the
server) cannot be reached, a page load gets the cached offline page instead. Pages themselves are never cached:
they hold the user's data, which must not outlive a sign-out on a shared device or show stale.

Its script is a template only to know the shell's URLs: with hashed static names in production, each deploy
that changes a file changes the script, so browsers install the new worker, which drops the old cache. It runs
under the site's CSP (no eval, no inline code, same-origin fetches only); the page registers it from
``static/js/pwa.js``.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

NAME = "Career Co-Pilot"
THEME_COLOR = "#2457d6"
BACKGROUND_COLOR = "#f5f7fb"
SHELL_STATIC = ["css/app.css", "js/app.js", "js/tags.js", "js/pwa.js", "django_htmx/htmx-2.min.js", "img/favicon.svg",
                "img/icons/icon-192.png"]


def manifest_data() -> dict:
    icon = static
    return {
        "id": "/",
        "name": NAME,
        "short_name": "Co-Pilot",
        "description": _("Your job search, organised: jobs, applications, match scores and alerts."),
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "start_url": reverse("dashboard"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": icon("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": icon("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": icon("img/icons/maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": icon("img/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
        ],
        "shortcuts": [
            {"name": _("Jobs"), "url": reverse("jobs:list")},
            {"name": _("Applications"), "url": reverse("applications:board")},
            {"name": _("Recommendations"), "url": reverse("insights:recommendations")},
        ],
    }


@require_GET
@cache_control(max_age=3600, public=True)
@vary_on_cookie  # in the language picked in Settings (the session), else the browser's (Vary: Accept-Language)
def manifest(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(manifest_data(), json_dumps_params={"indent": 1})
    response["Content-Type"] = "application/manifest+json"
    return response


def shell_urls() -> list[str]:
    return [reverse("offline"), *(static(path) for path in SHELL_STATIC)]


def _shell_fingerprint() -> str:
    """The shell's content: in development static URLs are not hashed, so an edited stylesheet must still
    change the worker (else it would serve the old one from its cache)."""
    digest = hashlib.sha256()
    for code, _name in settings.LANGUAGES:  # the same worker whichever language asks for it
        with translation.override(code):
            digest.update(render_to_string("offline.html").encode())
    for path in SHELL_STATIC:
        found = finders.find(path)
        if isinstance(found, str):
            digest.update(Path(found).read_bytes())
    return digest.hexdigest()


_fingerprint = cache(_shell_fingerprint)  # production: files change only with a deploy (a new process)


@require_GET
@cache_control(no_cache=True)  # browsers check for a new worker on every visit (and at least daily anyway)
def service_worker(request: HttpRequest) -> HttpResponse:
    shell = shell_urls()
    content = _shell_fingerprint() if settings.DEBUG else _fingerprint()
    version = hashlib.sha256("\n".join([*shell, content]).encode()).hexdigest()[:12]
    config = json.dumps({"cache": f"copilot-shell-{version}", "shell": shell, "offline": reverse("offline")})
    script = render_to_string("sw.js", {"config": config})
    return HttpResponse(script, content_type="text/javascript; charset=utf-8")


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows when a page cannot be loaded; the same for everyone (it is cached)."""
    return render(request, "offline.html")
