"""The API, version 1: ``/api/v1/``, its OpenAPI document at ``/api/v1/openapi.json`` and docs at ``/api/v1/docs``."""

from __future__ import annotations

from ninja import NinjaAPI

from api.auth import SessionAuth, TokenAuth
from api.errors import install_handlers
from api.routes import applications, insights, jobs, profile

DESCRIPTION = """Your jobs, applications, profile and insights, as JSON.

**Authentication.** Send a personal access token (Settings → API tokens) as
`Authorization: Bearer ccp_…`. A *read* token may only read (`GET`): writes answer 403. In the browser,
the app's own session works too; writes then need the `X-CSRFToken` header, as the pages send it.

**Limits.** Each token (or signed-in user) may make a number of requests a minute; past it the API answers
429 with `Retry-After`.

**Errors.** `{"detail": "…"}`; invalid input is a 422 listing each field's problem
(`{"detail": [{"loc": ["body", "payload", "title"], "msg": "This field is required.", "type": "required"}]}`).
Another user's object answers 404, as one that does not exist.
"""

api = NinjaAPI(
    title="Career Co-Pilot API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs_url="/docs",
)
install_handlers(api)
for module in (jobs, applications, profile, insights):
    api.add_router("/", module.router)
