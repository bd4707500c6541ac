"""Digest pages: a preview of what would be mailed now (signed in) and the one-click unsubscribe (no login)."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from copilot.accounts.models import Profile
from copilot.accounts.services import get_profile
from copilot.requests import AuthedRequest
from insights.digests.content import KIND_NAMES
from insights.digests.sending import compose
from insights.digests.tokens import InvalidToken, read_token
from insights.models import DigestKind, DigestLog

logger = logging.getLogger("copilot.digests")

# The mail's HTML is shown in a same-origin frame: its inline styles are its whole point, it has no scripts.
EMAIL_FRAME_CSP: dict[str, list[str]] = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
}


def _kind_or_404(kind: str) -> DigestKind:
    if kind not in DigestLog.Kind.values:
        raise Http404("No such digest.")
    return DigestKind(kind)


@login_required
@require_GET
def preview(request: AuthedRequest, kind: str) -> HttpResponse:
    """The digest as it would be sent now to the signed-in user (nothing is sent or logged)."""
    kind = _kind_or_404(kind)
    profile = get_profile(request.user)
    composed = compose(request.user, kind, now=timezone.now())
    context = {
        "kind": kind,
        "kinds": DigestLog.Kind.choices,
        "kind_name": KIND_NAMES[kind],
        "profile": profile,
        "enabled": getattr(profile, f"{kind}_digest"),
        "hour": getattr(profile, f"{kind}_hour"),
        "digest": composed[0] if composed else None,
        "rendered": composed[1] if composed else None,
        "to": request.user.email,
    }
    return render(request, "insights/digests/preview.html", context)


@login_required
@require_GET
@xframe_options_sameorigin
@csp_override(EMAIL_FRAME_CSP)
def preview_html(request: AuthedRequest, kind: str) -> HttpResponse:
    """The HTML part alone, framed by the preview page; links open in the whole window."""
    kind = _kind_or_404(kind)
    composed = compose(request.user, kind, now=timezone.now())
    if composed is None:
        return HttpResponse(format_html("<!doctype html><title>{}</title><p>{}</p>", _("Nothing to send"),
                                        _("Nothing to send right now.")))
    html = composed[1].html.replace("<head>", '<head><base target="_top">', 1)
    return HttpResponse(html)


def _masked(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else ""


@csrf_exempt  # RFC 8058: mail clients POST without a CSRF token; the signed token is the protection
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirm button (link scanners must not unsubscribe anyone); POST switches the digest off."""
    try:
        claim = read_token(token)
    except InvalidToken:
        logger.info("unsubscribe refused: invalid token", extra={"view": "digests:unsubscribe"})
        return render(request, "insights/digests/unsubscribe_invalid.html", status=400)
    profile = Profile.objects.select_related("user").filter(user_id=claim.user_id).first()
    if profile is None:
        return render(request, "insights/digests/unsubscribe_invalid.html", status=404)
    field = f"{claim.kind}_digest"
    context = {
        "kind_label": DigestLog.Kind(claim.kind).label,
        "kind_name": KIND_NAMES[claim.kind],
        "email": _masked(profile.user.email),
        "action": reverse("digests:unsubscribe", args=[token]),
    }
    if request.method == "POST":
        Profile.objects.filter(pk=profile.pk).update(**{field: False})
        logger.info("unsubscribed from a digest", extra={"user_id": claim.user_id, "kind": claim.kind,
                                                          "one_click": "List-Unsubscribe" in request.POST})
        return render(request, "insights/digests/unsubscribe.html", {**context, "done": True})
    return render(request, "insights/digests/unsubscribe.html", {**context, "done": False,
                                                                 "already": not getattr(profile, field)})
