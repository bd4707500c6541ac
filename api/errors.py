"""The error answers every operation documents, and the handlers that make them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from api.forms_bridge import FormErrors
from api.ratelimit import RateLimited
from api.schemas import ErrorOut, ValidationErrorOut
from copilot.accounts.models import User


class ApiRequest(HttpRequest):
    """What an operation receives: ``auth`` is the caller (by token or session)."""

    auth: User


def responses(ok_status: int, ok_schema: Any, *errors: int) -> dict[int, Any]:
    """``{ok_status: ok_schema}`` plus what any operation may answer — 400 (a body that is not JSON, an
    address with control characters), 401, 422 (invalid parameters or body), 429 — and the given error
    statuses: 403 (a read token or a missing CSRF token on a write), 404 (not yours)."""
    codes = {400, 401, 422, 429, *errors}
    return {ok_status: ok_schema, **{code: ValidationErrorOut if code == 422 else ErrorOut for code in sorted(codes)}}


def install_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(FormErrors)
    def form_errors(request: HttpRequest, exc: FormErrors) -> HttpResponse:
        return api.create_response(request, {"detail": exc.errors}, status=422)

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
