"""django-q2 entry points for digests (schedule "digests", every 15 minutes): thin, call ``insights.digests``."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_q.tasks import async_task

from insights.digests import sending

CHUNK_SIZE = 500


def send_due_digests() -> dict[str, int]:
    """Find who is due this quarter hour (and failed sends to retry) and hand them out in chunks.

    One task never holds thousands of sends (each chunk is far inside the worker timeout), several
    workers can share the work, and the DigestLog claim keeps every send at most once across chunks.
    """
    now = timezone.now()
    user_ids = sending.due_user_ids(now)
    chunks = [user_ids[start:start + CHUNK_SIZE] for start in range(0, len(user_ids), CHUNK_SIZE)]
    for chunk in chunks:
        # The chunk keeps this run's clock, so a queue delay never makes a user's hour "pass".
        async_task("insights.digests.tasks.send_digest_chunk", chunk, now.isoformat())
    return {"users": len(user_ids), "chunks": len(chunks)}


def send_digest_chunk(user_ids: list[int], now: str) -> dict[str, int]:
    return sending.send_due_digests(datetime.fromisoformat(now), user_ids=user_ids)


def recover_claims() -> dict[str, int]:
    """Schedule "recover-digest-claims": settle the claims whose worker died (see ``sending.recover_claims``)."""
    return sending.recover_claims()
