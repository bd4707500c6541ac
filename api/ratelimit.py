"""Requests per minute per caller (a token, or a signed-in user's session), counted in the shared cache.

A fixed one-minute window in the shared cache (settings.CACHES["default"]), so every web worker and host
shares one count: ``incr`` counts, ``add`` starts a window (atomic in Redis; in the database cache a read and a
write, so two requests in the same instant may count once — the limit is a brake on runaway scripts, not an
exact quota). Over the limit the API answers 429 with ``Retry-After`` (the seconds until the window ends).
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

WINDOW = 60  # seconds


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(_("Too many requests: try again in %(seconds)d s.") % {"seconds": retry_after})
        self.retry_after = retry_after


def check(caller: str, *, now: float | None = None) -> None:
    """Count one request for ``caller``; raise :class:`RateLimited` past ``settings.API_RATE_LIMIT``."""
    now = time.time() if now is None else now
    window = int(now // WINDOW)
    key = f"api-rate:{caller}:{window}"
    # incr first: the common case is one call (in the database cache 6 queries rather than 11 for add + incr).
    try:
        count = cache.incr(key)
    except ValueError:  # the first request of this window
        if cache.add(key, 1, WINDOW + 5):
            count = 1
        else:  # another request started the window in the meantime
            try:
                count = cache.incr(key)
            except ValueError:
                count = 1
    if count > settings.API_RATE_LIMIT:
        raise RateLimited(max(1, math.ceil((window + 1) * WINDOW - now)))
