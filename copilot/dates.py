"""The dates this app accepts, and showing the ones stored before that rule.

Python's calendar ends at 9999-12-31: a date near it breaks the first addition (a follow-up a week
later, an interview's end) or time-zone conversion (UTC 9999-12-31 23:30 is in year 10000 in Kiribati).
No job search needs dates outside 2000–2100, so every date field refuses them with a message, and
what is already stored is shown without arithmetic that could overflow.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
OUT_OF_RANGE = gettext_lazy("Use a date between %(start)s and %(end)s.")  # years, not localised: 2000, 2100
# The same window for the browser's date pickers.
DATE_INPUT = {"type": "date", "min": EARLIEST.isoformat(), "max": LATEST.isoformat()}
DATETIME_INPUT = {"type": "datetime-local", "min": f"{EARLIEST}T00:00", "max": f"{LATEST}T23:59"}


def is_sensible_date(value: date | datetime) -> bool:
    """The date (of a date-time, in its own zone) lies in EARLIEST..LATEST."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def validate_sensible_date(value: date | datetime | None) -> None:
    """The field validator of every date and date-time a user or a file can set."""
    if value is not None and not is_sensible_date(value):
        raise ValidationError(OUT_OF_RANGE, code="date_out_of_range",
                              params={"start": str(EARLIEST.year), "end": str(LATEST.year)})


def localtime_or_utc(value: datetime) -> datetime:
    """``value`` in the current time zone, or as stored (UTC) when that zone's calendar cannot hold it."""
    try:
        return timezone.localtime(value)
    except (OverflowError, ValueError):
        return value


def add_or_none[D: (date, datetime)](value: D, delta: timedelta) -> D | None:
    """``value + delta``, or None past the end (or before the start) of the calendar."""
    try:
        return value + delta
    except OverflowError:
        return None
