"""Settings → API tokens: make one (its secret shown once), see when each was last used, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import TokenForm
from api.models import ApiToken
from api.tokens import create_token, revoke_token
from copilot.requests import AuthedRequest

PAGE = "api/tokens.html"


def _context(request: AuthedRequest, form: TokenForm, **extra) -> dict:
    return {
        "form": form,
        "tokens": ApiToken.objects.for_user(request.user),
        "api_root": request.build_absolute_uri(reverse("api:api-root")),
        "docs_url": reverse("api:openapi-view"),
        **extra,
    }


@never_cache  # the page that shows a new secret must not be kept by the browser or a proxy
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                new = create_token(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # Rendered, not redirected: the secret exists only in this response.
                context = _context(request, TokenForm(), new=new)
                context["curl_example"] = f'curl -H "Authorization: Bearer {new.secret}" {context["api_root"]}jobs'
                return render(request, PAGE, context)
        return render(request, PAGE, _context(request, form), status=400)
    return render(request, PAGE, _context(request, TokenForm()))


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    revoke_token(token=token)
    messages.success(request, _("Revoked “%(name)s”: it no longer opens the API.") % {"name": token.name})
    return redirect("api_tokens:list")
