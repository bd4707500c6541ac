"""What the dashboard shows for one user."""

from __future__ import annotations

from typing import Any

from copilot.accounts.models import User
from copilot.accounts.services import get_profile


def dashboard_context(user: User) -> dict[str, Any]:
    return {"profile": get_profile(user)}
