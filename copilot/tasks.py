from __future__ import annotations

from django.utils import timezone

from copilot.models import Heartbeat


def heartbeat() -> None:
    Heartbeat.objects.update_or_create(name="worker", defaults={"beat_at": timezone.now()})
