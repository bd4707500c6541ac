"""Per-user caching of computed insights, invalidated by a version number stored on the profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import F

T = TypeVar("T")
TIMEOUT = 60 * 60


def invalidate_user(user_id: int) -> None:
    """Call after any change to a user's jobs, applications or profile (one UPDATE, no read)."""
    from copilot.accounts.models import Profile

    Profile.objects.filter(user_id=user_id).update(data_version=F("data_version") + 1)


def cached_for_user(profile, name: str, compute: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """Return compute() from the cache while the user's data has not changed since it was stored."""
    key = f"insights:{profile.user_id}:{profile.data_version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
