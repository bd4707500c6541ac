from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api.models import TokenScope
from copilot.forms import refuse_control_characters


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("What uses it, e.g. “My job-board script”."))
    scope = forms.ChoiceField(label=gettext_lazy("Scope"), choices=TokenScope.choices, initial=TokenScope.READ,
                              widget=forms.RadioSelect,
                              help_text=gettext_lazy("A read-only token can look but never change anything."))

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        refuse_control_characters(name)
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name
