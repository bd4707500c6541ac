"""django-q2 entry point for digests (schedule "digests", every 15 minutes): thin, calls ``insights.digests``."""

from __future__ import annotations

from insights.digests import sending


def send_due_digests() -> dict[str, int]:
    """Retry failed digests, then send every morning brief and evening summary due this quarter hour."""
    return sending.send_due_digests()
