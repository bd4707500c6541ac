"""The API, version 1: ``/api/v1/``, its OpenAPI document at ``/api/v1/openapi.json`` and docs at ``/api/v1/docs``."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

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



class Api(NinjaAPI):
    """The schema depends only on the code: built once per process (≈ 100 ms each time otherwise)."""

    _schemas: dict[str, OpenAPISchema]

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        if path_params:  # not used here; built afresh, as django-ninja does
            return super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = self.__dict__.setdefault("_schemas", {})
        key = path_prefix or ""
        if key not in schemas:
            schemas[key] = super().get_openapi_schema(path_prefix=path_prefix)
        return schemas[key]


api = Api(
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
