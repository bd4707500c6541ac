from __future__ import annotations

from django import forms

from copilot.dates import DATE_INPUT
from copilot.forms import ListField, refuse_control_characters
from copilot.weburl import NOT_A_WEB_URL, is_web_url
from jobs.models import Job
from jobs.salary import MAX_AMOUNT, parse_salary

SALARY_OUT_OF_RANGE = f"That amount is out of range: salaries up to {MAX_AMOUNT:,} can be stored."


def _skills_input() -> forms.TextInput:
    return forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off", "data-tags": "skills"})


class JobForm(forms.ModelForm):
    # The three lists a posting's reading fills (jobs.skills.read_posting); all editable. What is
    # typed here is kept as typed; with all three empty, they are read from the description.
    tech_stack = ListField(
        separators=",",
        max_items=60,
        label="Tech stack (required)",
        help_text="The tech skills the job requires, separated by commas. Leave this and the two lists below "
                  "empty to read them from the description.",
        widget=_skills_input(),
    )
    preferred_stack = ListField(
        separators=",",
        max_items=60,
        label="Nice to have",
        help_text="Tech skills the job only prefers (“bonus”, “a plus”).",
        widget=_skills_input(),
    )
    soft_skills = ListField(
        separators=",",
        max_items=40,
        label="Soft skills & languages",
        help_text="Soft skills and spoken languages the job asks for; they never count in the match score.",
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
        labels = {"url": "Link to the posting"}
        help_texts = {
            "description_html": "Plain text or simple HTML; anything unsafe is removed.",
            "salary_text": "As written in the posting, e.g. “€60k–75k per year”.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # No maxlength in the page: a browser cuts a pasted title there without a word. The server says so.
        for name in ("title", "company", "location"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.widget.attrs.pop("maxlength", None)
            field.error_messages["max_length"] = (
                f"This is too long: at most {field.max_length} characters, "
                "and it has %(show_value)d. Please shorten it.")

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
            raise forms.ValidationError(SALARY_OUT_OF_RANGE)
        return text

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not is_web_url(url):
            raise forms.ValidationError(NOT_A_WEB_URL)
        return url

