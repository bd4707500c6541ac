"""An application's timeline: its status moves and the interactions logged on it, in one dated list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from applications.contacts.models import Interaction
from applications.models import TimelineEvent


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    at: datetime  # orders entries of one day: when the move happened, or when the interaction was logged
    event: TimelineEvent | None = None
    interaction: Interaction | None = None


def merged_timeline(events: Iterable[TimelineEvent], interactions: Iterable[Interaction]) -> list[TimelineEntry]:
    """Oldest first. An interaction has a day but no time; within its day it sits where it was logged."""
    entries = [TimelineEntry(day=timezone.localdate(e.created_at), at=e.created_at, event=e) for e in events]
    entries += [TimelineEntry(day=i.date, at=i.created_at, interaction=i) for i in interactions]
    return sorted(entries, key=lambda entry: (entry.day, entry.at))


def last_interaction(interactions: Iterable[Interaction]) -> Interaction | None:
    return max(interactions, key=lambda i: (i.date, i.created_at, i.pk), default=None)
