"""Interviews as iCalendar (RFC 5545): one file per interview, and a private feed per user."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from applications.models import Interview
from copilot.dates import add_or_none

PRODID = "-//Career Co-Pilot//Interviews//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def interview_event(interview: Interview) -> Event:
    job = interview.application.job
    event = Event()
    host = settings.SITE_URL.split("://", 1)[-1]
    event.add("uid", f"interview-{interview.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", interview.starts_at)
    # Interviews are dated 2000–2100 now; one stored earlier at the end of the calendar still gets an event.
    end = add_or_none(interview.starts_at, timedelta(minutes=interview.duration_minutes))
    event.add("dtend", end or interview.starts_at)
    event.add("summary", _("%(kind)s: %(title)s at %(company)s") % {
        "kind": interview.get_kind_display(), "title": job.title, "company": job.company})
    if interview.location:
        event.add("location", interview.location)
    description = [interview.notes] if interview.notes else []
    description.append(settings.SITE_URL + reverse("applications:detail", args=[interview.application_id]))
    event.add("description", "\n\n".join(description))
    return event


def calendar_bytes(interviews: Iterable[Interview], *, name: str = "") -> bytes:
    """The calendar, its texts in the active language."""
    calendar = _calendar(name or _("Job interviews"))
    for interview in interviews:
        calendar.add_component(interview_event(interview))
    return calendar.to_ical()
