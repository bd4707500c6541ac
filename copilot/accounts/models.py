from __future__ import annotations

import secrets
import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The account. Kept custom from the first migration so it can grow without pain."""

    class Meta:
        db_table = "accounts_user"


@cache
def timezone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(_("%(value)s is not a known time zone (e.g. Europe/Berlin)."), params={"value": value})


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class ExperienceLevel(models.TextChoices):
    JUNIOR = "junior", _("Junior")
    MID = "mid", _("Mid-level")
    SENIOR = "senior", _("Senior")
    # Management is its own track (jobs.seniority): ranked one step past senior for the match score.
    MANAGER = "manager", _("Manager (leads people)")


class RemotePreference(models.TextChoices):
    ANY = "any", _("Remote, hybrid or on-site")
    REMOTE = "remote", _("Remote only")
    HYBRID = "hybrid", _("Hybrid or remote")
    ONSITE = "onsite", _("On-site only")


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    skills = models.JSONField(_("skills"), default=list, blank=True)
    preferred_locations = models.JSONField(_("preferred locations"), default=list, blank=True)
    experience_level = models.CharField(_("experience level"), max_length=10, choices=ExperienceLevel.choices,
                                        blank=True)
    target_roles = models.JSONField(_("target roles"), default=list, blank=True)
    remote_preference = models.CharField(_("remote preference"), max_length=10, choices=RemotePreference.choices,
                                         default=RemotePreference.ANY)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_timezone])
    # "" follows the browser (Accept-Language); emails, which have no browser, then go out in the language
    # the browser last asked for (browser_language), else LANGUAGE_CODE.
    language = models.CharField(_("language"), max_length=8, blank=True, choices=settings.LANGUAGES,
                                help_text=_("Pages and emails in this language. Left on the browser's "
                                            "language, emails follow the language your browser last used here."))
    browser_language = models.CharField(_("browser's language"), max_length=8, blank=True, editable=False,
                                        choices=settings.LANGUAGES)
    morning_digest = models.BooleanField(_("morning brief"), default=True)
    morning_hour = models.PositiveSmallIntegerField(_("morning brief hour"), default=8,
                                                    validators=[MinValueValidator(0), MaxValueValidator(23)])
    evening_digest = models.BooleanField(_("evening summary"), default=True)
    evening_hour = models.PositiveSmallIntegerField(_("evening summary hour"), default=20,
                                                    validators=[MinValueValidator(0), MaxValueValidator(23)])
    archive_closed_after_days = models.PositiveSmallIntegerField(
        _("archive closed jobs after (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("A closed job you do not track is hidden from your lists this many days after it closed. "
                    "Jobs you track are always kept."))
    # Live alerts (jobs.alerts): new board jobs scoring at least this appear in the navigation at once, and,
    # opted in, those scoring at least the second threshold are mailed (a few a day at most).
    live_alerts = models.BooleanField(_("alert me to new matching jobs"), default=True)
    alert_min_score = models.PositiveSmallIntegerField(
        _("alert from match score"), default=80, validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("New jobs from your job boards scoring at least this (0–100) show up in the navigation bar's "
                    "bell."))
    alert_email = models.BooleanField(_("also email me at once"), default=False)
    alert_email_min_score = models.PositiveSmallIntegerField(
        _("email from match score"), default=90, validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Jobs scoring at least this are mailed as they arrive, at most 3 emails a day."))
    calendar_token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    # Bumped whenever the user's jobs, applications or profile change; cached insights are keyed by it,
    # which works across web and worker processes without a shared cache.
    data_version = models.PositiveIntegerField(default=0, editable=False)
    # The stored match scores (Job.match_score, jobs.scores): match_version is bumped when what the score
    # reads of the profile changes, scored_version is the one the last full recomputation used. They
    # differ while one runs.
    match_version = models.PositiveIntegerField(default=0, editable=False)
    scored_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(morning_hour__lte=23), name="profile_morning_hour_range"),
            models.CheckConstraint(condition=models.Q(evening_hour__lte=23), name="profile_evening_hour_range"),
            models.CheckConstraint(condition=models.Q(archive_closed_after_days__gte=1,
                                                      archive_closed_after_days__lte=365),
                                   name="profile_archive_closed_after_days_range"),
            models.CheckConstraint(condition=models.Q(alert_min_score__lte=100), name="profile_alert_min_score_range"),
            models.CheckConstraint(condition=models.Q(alert_email_min_score__lte=100),
                                   name="profile_alert_email_min_score_range"),
            models.CheckConstraint(
                condition=models.Q(experience_level__in=["", *ExperienceLevel.values]),
                name="profile_experience_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def is_empty(self) -> bool:
        return not (self.skills or self.preferred_locations or self.experience_level or self.target_roles)

    def reset_calendar_token(self) -> None:
        self.calendar_token = _new_token()
        self.save(update_fields=["calendar_token", "updated_at"])

