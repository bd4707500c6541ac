"""Helpers for the API tests: tokens, auth headers and JSON requests."""

from __future__ import annotations

import json
from typing import Any

from api.tokens import create_token


def bearer(user, scope: str = "write", name: str = "tests") -> dict[str, str]:
    """Test-client keyword arguments that send a new token of ``user``'s."""
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, name=name, scope=scope).secret}"}


def send(client, method: str, url: str, body: Any = None, **headers: Any):
    """A JSON request (body encoded) through the Django test client."""
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(url, data, content_type="application/json", **headers)
