"""Per-user caching of computed insights, keyed by the profile's data version.

Writes never touch this cache: they bump the version (``copilot.accounts.services.bump_data_version``)
and the next read computes afresh under the new key; old entries expire on their own.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import caches
from django.utils import translation

TIMEOUT = 60 * 60
# settings.CACHES["insights"]: in each process's memory, or Redis; keys carry the data version, so never stale.
cache = caches["insights"]


def cached_for_user[T](profile, name: str, compute: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """Return compute() from the cache while the user's data has not changed since it was stored.

    Keyed by the language too: computed insights carry text (reasons, chart titles) in the reader's language."""
    key = f"insights:{profile.user_id}:{profile.data_version}:{translation.get_language()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
