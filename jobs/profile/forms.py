"""The profile form: what the user looks for (skills, level, roles, places) and when to be told (digests)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from copilot.accounts.models import Profile, timezone_names
from copilot.forms import ListField
from jobs.locations import validate_preference
from jobs.skills import normalize_skills


class ProfileForm(forms.ModelForm):
    skills = ListField(
        separators=",",
        max_items=100,
        label=_("Skills"),
        help_text=_("Separate with commas. Known names are matched to the taxonomy (JS → JavaScript)."),
        widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off", "data-tags": "skills"}),
    )
    preferred_locations = ListField(
        separators=";",
        max_items=20,
        label=_("Preferred locations"),
        help_text=_("Separate with semicolons, e.g. “Berlin, Germany; Remote - EU”. A city, a country (“Germany”), "
                    "a region (“EU”, “DACH”) or “Remote”."),
    )
    target_roles = ListField(
        separators=";",
        max_items=20,
        label=_("Target roles"),
        help_text=_("Separate with semicolons, e.g. “Backend Engineer; Platform Engineer”."),
    )
    timezone = forms.CharField(
        max_length=64,
        widget=forms.TextInput(attrs={"list": "timezone-names", "autocomplete": "off"}),
        label=_("Time zone"),
        help_text=_("An IANA name such as Europe/Berlin or America/New_York."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Your browser's language")), *settings.LANGUAGES],
        help_text=_("Pages and emails in this language. With the browser's language, emails follow the "
                    "language your browser last used here."),
    )

    class Meta:
        model = Profile
        fields = [
            "skills",
            "experience_level",
            "target_roles",
            "preferred_locations",
            "remote_preference",
            "timezone",
            "language",
            "morning_digest",
            "morning_hour",
            "evening_digest",
            "evening_hour",
            "archive_closed_after_days",
            "live_alerts",
            "alert_min_score",
            "alert_email",
            "alert_email_min_score",
        ]
        widgets = {
            "morning_hour": forms.NumberInput(attrs={"min": 0, "max": 23}),
            "evening_hour": forms.NumberInput(attrs={"min": 0, "max": 23}),
            "archive_closed_after_days": forms.NumberInput(attrs={"min": 1, "max": 365}),
            "alert_min_score": forms.NumberInput(attrs={"min": 0, "max": 100}),
            "alert_email_min_score": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }
        labels = {"morning_hour": _("Morning brief hour"), "evening_hour": _("Evening summary hour")}
        help_texts = {
            "experience_level": _("Management roles (Engineering Manager, Head of, Director) are their own "
                                  "track: pick Manager if you lead people."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Left empty, the period stays what it was (forms posted before the field existed still save).
        self.fields["archive_closed_after_days"].required = False
        self.fields["alert_min_score"].required = False
        self.fields["alert_email_min_score"].required = False

    def clean_archive_closed_after_days(self) -> int:
        value = self.cleaned_data.get("archive_closed_after_days")
        return self.instance.archive_closed_after_days if value is None else value

    def clean_alert_min_score(self) -> int:
        value = self.cleaned_data.get("alert_min_score")
        return self.instance.alert_min_score if value is None else value

    def clean_alert_email_min_score(self) -> int:
        value = self.cleaned_data.get("alert_email_min_score")
        return self.instance.alert_email_min_score if value is None else value

    def clean_skills(self) -> list[str]:
        return normalize_skills(self.cleaned_data["skills"])

    def clean_preferred_locations(self) -> list[str]:
        """Every entry must be understood as a place (or "Remote"), so it can match jobs."""
        entries = self.cleaned_data["preferred_locations"]
        errors = [message for message in map(validate_preference, entries) if message]
        if errors:
            raise forms.ValidationError(errors)
        return entries

    def clean_timezone(self) -> str:
        value = self.cleaned_data["timezone"].strip()
        if value not in timezone_names():
            raise forms.ValidationError(
                gettext("“%(value)s” is not a known time zone. Try a name like Europe/Berlin.") % {"value": value})
        return value
