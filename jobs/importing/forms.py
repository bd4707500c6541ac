from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from copilot.weburl import is_web_url


class AddFromURLForm(forms.Form):
    url = forms.URLField(
        label=_("Posting URL"), max_length=2000, assume_scheme="https",
        help_text=_("Paste the address of a job posting; we read its title, company and description for you to check."),
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not is_web_url(url):
            raise forms.ValidationError(_("Only http:// and https:// addresses can be fetched."))
        return url


class ClipForm(forms.Form):
    """What the clipper's popup posts: the page as the user's browser showed it (size checked by the view)."""

    url = forms.URLField(max_length=2000, assume_scheme="https")
    title = forms.CharField(max_length=1000, required=False)
    html = forms.CharField(strip=False)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not is_web_url(url):
            raise forms.ValidationError(_("Only pages at http:// and https:// addresses can be clipped."))
        return url
