from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """Last sign of life from a background worker, read by /health."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    class Meta:
        # The table kept the name it had when the model lived in the accounts app (no data moved).
        db_table = "accounts_heartbeat"

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
