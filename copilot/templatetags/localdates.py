"""``{{ value|local:"SHORT_DATETIME_FORMAT" }}``: a date-time in the viewer's zone in one of copilot.formats'
named formats (or a format string), even one stored near the end of the calendar (shown in UTC, saying so,
where the viewer's zone would pass year 9999)."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import dateformat, formats

from copilot.dates import localtime_or_utc

register = template.Library()


@register.filter(expects_localtime=False)
def local(value: datetime | None, format_string: str) -> str:
    if not isinstance(value, datetime):
        return ""
    shown = localtime_or_utc(value)
    text = dateformat.format(shown, formats.get_format(format_string))
    return text if shown is not value else f"{text} UTC"
