from __future__ import annotations

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from copilot.dates import DATE_INPUT
from copilot.forms import ListField, refuse_control_characters
from copilot.weburl import NOT_A_WEB_URL, is_web_url
from jobs.models import Job
from jobs.salary import MAX_AMOUNT, parse_salary


def salary_out_of_range() -> str:
    return gettext("That amount is out of range: salaries up to %(max)s can be stored.") % {
        "max": number_format(MAX_AMOUNT, force_grouping=True)}


# Django's blank choice of a select (remote option, job type): its German catalogue does not have it yet,
# so ours does (the project's catalogues are read first).
gettext_noop("- Select an option -")

#: The message in the active language when shown (the CSV import reads it too).
SALARY_OUT_OF_RANGE = lazy(salary_out_of_range, str)()


def _skills_input() -> forms.TextInput:
    return forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off", "data-tags": "skills"})


class JobForm(forms.ModelForm):
    # The three lists a posting's reading fills (jobs.skills.read_posting); all editable. What is
    # typed here is kept as typed; with all three empty, they are read from the description.
    tech_stack = ListField(
        separators=",",
        max_items=60,
        label=_("Tech stack (required)"),
        help_text=_("The tech skills the job requires, separated by commas. Leave this and the two lists below "
                    "empty to read them from the description."),
        widget=_skills_input(),
    )
    preferred_stack = ListField(
        separators=",",
        max_items=60,
        label=_("Nice to have"),
        help_text=_("Tech skills the job only prefers (“bonus”, “a plus”)."),
        widget=_skills_input(),
    )
    soft_skills = ListField(
        separators=",",
        max_items=40,
        label=_("Soft skills & languages"),
        help_text=_("Soft skills and spoken languages the job asks for; they never count in the match score."),
        widget=_skills_input(),
    )

    class Meta:
        model = Job
        fields = [
            "title", "company", "location", "remote_option", "job_type", "url", "salary_text",
            "tech_stack", "preferred_stack", "soft_skills", "description_html", "requirements", "posted_date",
            "date_applied",
        ]
        widgets = {
            "description_html": forms.Textarea(attrs={"rows": 8}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "posted_date": forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
            "date_applied": forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        }
        labels = {
            "title": _("Title"),
            "company": _("Company"),
            "location": _("Location"),
            "remote_option": _("Remote option"),
            "job_type": _("Job type"),
            "url": _("Link to the posting"),
            "salary_text": _("Salary"),
            "description_html": _("Description"),
            "requirements": _("Requirements"),
            "posted_date": _("Posted date"),
            "date_applied": _("Date applied"),
        }
        help_texts = {
            "description_html": _("Plain text or simple HTML; anything unsafe is removed."),
            "salary_text": _("As written in the posting, e.g. “€60k–75k per year”."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # No maxlength in the page: a browser cuts a pasted title there without a word. The server says so.
        for name in ("title", "company", "location"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.widget.attrs.pop("maxlength", None)
            field.error_messages["max_length"] = _(
                "This is too long: at most %(limit_value)d characters, and it has %(show_value)d. Please shorten it.")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for name in ("title", "company", "location", "salary_text", "description_html", "requirements"):
            value = cleaned.get(name)
            if isinstance(value, str):
                try:
                    refuse_control_characters(value.replace("\t", " "))
                except forms.ValidationError as error:
                    self.add_error(name, error)
                cleaned[name] = value.strip()
        return cleaned

    def clean_salary_text(self) -> str:
        text = self.cleaned_data["salary_text"]
        if not parse_salary(text).storable:
            raise forms.ValidationError(salary_out_of_range())
        return text

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not is_web_url(url):
            raise forms.ValidationError(NOT_A_WEB_URL)
        return url

