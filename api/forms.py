from __future__ import annotations

from django import forms

from api.models import TokenScope
from copilot.forms import refuse_control_characters


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What uses it, e.g. “My job-board script”.")
    scope = forms.ChoiceField(choices=TokenScope.choices, initial=TokenScope.READ, widget=forms.RadioSelect,
                              help_text="A read-only token can look but never change anything.")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        refuse_control_characters(name)
        if not name:
            raise forms.ValidationError("Give the token a name.")
        return name
