"""Per-user caching of computed insights, keyed by the profile's data version.

Writes never touch this cache: they bump the version (``copilot.accounts.services.bump_data_version``)
and the next read computes afresh under the new key; old entries expire on their own. Keys also carry the
active language: cached results hold words (stage and status labels, the reasons of match scores and of the
skill gap) in the language they were computed in.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

TIMEOUT = 60 * 60
# settings.CACHES["insights"]: in each process's memory, or Redis; keys carry the data version, so never stale.
cache = caches["insights"]


def cached_for_user[T](profile, name: str, compute: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """Return compute() from the cache while the user's data has not changed since it was stored."""
    language = get_language() or settings.LANGUAGE_CODE
    key = f"insights:{profile.user_id}:{profile.data_version}:{language}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
