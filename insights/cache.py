"""Per-user caching of computed insights, invalidated by a version number stored on the profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.db.models import F

T = TypeVar("T")
TIMEOUT = 60 * 60
_deferred: ContextVar[set[int] | None] = ContextVar("deferred_invalidations", default=None)


def invalidate_user(user_id: int) -> None:
    """Call after any change to a user's jobs, applications or profile (one UPDATE, no read)."""
    from copilot.accounts.models import Profile

    pending = _deferred.get()
    if pending is not None:
        pending.add(user_id)
        return
    Profile.objects.filter(user_id=user_id).update(data_version=F("data_version") + 1)


@contextmanager
def invalidation_deferred() -> Iterator[None]:
    """Batch writes (imports, demo data) invalidate each user once at the end instead of per row."""
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
        for user_id in pending:
            invalidate_user(user_id)


def cached_for_user(profile, name: str, compute: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """Return compute() from the cache while the user's data has not changed since it was stored."""
    key = f"insights:{profile.user_id}:{profile.data_version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
