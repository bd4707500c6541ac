from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from applications.models import Interview, Status
from copilot.dates import DATE_INPUT, DATETIME_INPUT, validate_sensible_date
from copilot.forms import refuse_control_characters


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices, label=_("Status"))
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note"),
                           help_text=_("Optional: why it moved (kept on the timeline)."))

    def clean_note(self) -> str:
        note = self.cleaned_data["note"]
        refuse_control_characters(note)
        return note


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Add a note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        refuse_control_characters(text)
        if not text:
            raise forms.ValidationError(_("Write something first."))
        return text


class DatesForm(forms.Form):
    applied_date = forms.DateField(required=False, validators=[validate_sensible_date], label=_("Applied date"),
                                   widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))
    follow_up_date = forms.DateField(
        required=False, validators=[validate_sensible_date], label=_("Follow up date"),
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("Set 7 days after applying; clear it to stop the reminder."),
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        applied, follow_up = cleaned.get("applied_date"), cleaned.get("follow_up_date")
        if applied and follow_up and follow_up < applied:
            self.add_error("follow_up_date", _("The follow-up cannot be before the day you applied."))
        return cleaned


class InterviewForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), validators=[validate_sensible_date],
        widget=forms.DateTimeInput(attrs=DATETIME_INPUT, format="%Y-%m-%dT%H:%M"),
        help_text=_("In your time zone (set in Settings)."),
    )
    duration_minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=600, initial=60)
    # Shown only while the application is Interested or Applied (detail.html); not a field of Interview.
    move_to_interview = forms.BooleanField(label=_("Move this application to “Interview”"), required=False,
                                           initial=True)

    class Meta:
        model = Interview
        fields = ["starts_at", "duration_minutes", "kind", "location", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        labels = {"kind": pgettext_lazy("interview", "Kind"), "location": _("Location"), "notes": _("Notes")}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for name in ("location", "notes"):
            try:
                refuse_control_characters(cleaned.get(name) or "")
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned
