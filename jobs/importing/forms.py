from __future__ import annotations

from django import forms

from copilot.weburl import is_web_url


class AddFromURLForm(forms.Form):
    url = forms.URLField(
        label="Posting URL", max_length=2000, assume_scheme="https",
        help_text="Paste the address of a job posting; we read its title, company and description for you to check.",
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not is_web_url(url):
            raise forms.ValidationError("Only http:// and https:// addresses can be fetched.")
        return url

