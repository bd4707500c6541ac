from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from applications.contacts.models import Contact, InteractionKind
from applications.models import Application
from copilot.dates import DATE_INPUT, validate_sensible_date
from copilot.forms import refuse_control_characters


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "company", "email", "phone", "linkedin_url", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}),
                   "linkedin_url": forms.URLInput(attrs={"placeholder": "https://www.linkedin.com/in/…"})}
        labels = {"name": _("Name"), "role": _("Role"), "company": _("Company"), "email": _("Email"),
                  "phone": _("Phone"), "linkedin_url": _("LinkedIn URL"), "notes": _("Notes")}

    def clean(self):
        super().clean()
        for name in self.Meta.fields:
            try:
                refuse_control_characters(self.cleaned_data.get(name) or "")
            except forms.ValidationError as error:
                self.add_error(name, error)
        return self.cleaned_data

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the contact a name."))
        return name


class LinkContactForm(forms.Form):
    """Pick one of the user's contacts who is not yet on this application (or job)."""

    contact = forms.ModelChoiceField(queryset=Contact.objects.none(), label=_("Existing contact"),
                                     empty_label=_("Choose a contact"))

    def __init__(self, *args, choices, **kwargs):
        kwargs.setdefault("auto_id", "link_%s")
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = choices  # type: ignore[attr-defined]  # a ModelChoiceField


def _application_label(application: Application) -> str:
    return gettext("%(title)s at %(company)s — %(status)s") % {
        "title": application.job.title, "company": application.job.company,
        "status": application.get_status_display()}


class InteractionForm(forms.Form):
    # Translators: the kind of an interaction (email, call, meeting, message).
    kind = forms.ChoiceField(choices=InteractionKind.choices, label=pgettext_lazy("interaction kind", "What"))
    date = forms.DateField(validators=[validate_sensible_date], label=_("Date"),
                           widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))
    contact = forms.ModelChoiceField(queryset=Contact.objects.none(), required=False, label=_("With"),
                                     empty_label=_("Nobody in particular"))
    note = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
                           label=_("Note"), help_text=_("What was said, what comes next."))
    follow_up_date = forms.DateField(
        required=False, label=_("Follow up on"), validators=[validate_sensible_date],
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("Optional: replaces the application's follow-up reminder."))

    application = forms.ModelChoiceField(queryset=Application.objects.none(), required=False, label=_("About"),
                                         empty_label=_("No application in particular"))

    def __init__(self, *args, contacts=None, applications=None, **kwargs):
        """On an application's page pass ``contacts`` (who it was with); on a contact's, ``applications``."""
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        kwargs.setdefault("auto_id", "interaction_%s")  # shares a page with the move and dates forms
        super().__init__(*args, **kwargs)
        if contacts is None:
            del self.fields["contact"]
        else:
            self.fields["contact"].queryset = contacts  # type: ignore[attr-defined]  # a ModelChoiceField
        if applications is None:
            del self.fields["application"]
        else:
            self.fields["application"].queryset = applications  # type: ignore[attr-defined]
            self.fields["application"].label_from_instance = _application_label  # type: ignore[attr-defined]
        if contacts is None and applications is not None:
            # On a contact's page the follow-up belongs to the application chosen above.
            self.fields["follow_up_date"].help_text = _("Optional: replaces that application's follow-up reminder.")

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        refuse_control_characters(note)
        return note

    def clean(self):
        super().clean()
        day, follow_up = self.cleaned_data.get("date"), self.cleaned_data.get("follow_up_date")
        if day and follow_up and follow_up < day:
            self.add_error("follow_up_date", _("The follow-up cannot be before the conversation."))
        elif follow_up and "application" in self.fields and not self.cleaned_data.get("application"):
            self.add_error("follow_up_date", _("Choose the application this follow-up is for."))
        return self.cleaned_data
