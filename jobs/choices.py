"""The fixed vocabularies of a job, each defined once as TextChoices.

Used by the model, the forms, the board plugins and the importers. This module imports no models,
so the plugins (which ``jobs.models`` itself imports for the list of boards) can use it too.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RemoteOption(models.TextChoices):
    ONSITE = "onsite", _("On-site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class JobType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    CONTRACT = "contract", _("Contract")
    INTERNSHIP = "internship", _("Internship")
    TEMPORARY = "temporary", _("Temporary")


class SalaryPeriod(models.TextChoices):
    YEAR = "year", _("per year")
    MONTH = "month", _("per month")
    WEEK = "week", _("per week")
    DAY = "day", _("per day")
    HOUR = "hour", _("per hour")


class JobOrigin(models.TextChoices):
    """How a job the user added came in; jobs pulled from a board carry the board's kind instead."""

    MANUAL = "manual", _("Added by hand")
    URL = "url", _("From a URL")
    CSV = "csv", _("CSV import")
    CLIPPER = "clipper", _("Clipped in your browser")


class ClosedBy(models.TextChoices):
    """Who said a job is closed: its followed board stopped listing it, or the user."""

    BOARD = "board", _("No longer listed by its board")
    USER = "user", _("Marked closed by you")
