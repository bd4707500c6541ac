"""The fixed vocabularies of a job, each defined once as TextChoices.

Used by the model, the forms, the board plugins and the importers. This module imports no models,
so the plugins (which ``jobs.models`` itself imports for the list of boards) can use it too.
"""

from __future__ import annotations

from django.db import models


class RemoteOption(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class JobType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    INTERNSHIP = "internship", "Internship"
    TEMPORARY = "temporary", "Temporary"


class SalaryPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    WEEK = "week", "per week"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


class JobOrigin(models.TextChoices):
    """How a job the user added came in; jobs pulled from a board carry the board's kind instead."""

    MANUAL = "manual", "Added by hand"
    URL = "url", "From a URL"
    CSV = "csv", "CSV import"
    CLIPPER = "clipper", "Clipped in your browser"


class ClosedBy(models.TextChoices):
    """Who said a job is closed: its followed board stopped listing it, or the user."""

    BOARD = "board", "No longer listed by its board"
    USER = "user", "Marked closed by you"
