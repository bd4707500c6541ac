from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CSVUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("Our own export, or LinkedIn's “Job Applications.csv”."))

    MAX_BYTES = 5_000_000

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("That file is over 5 MB; split it and import the parts."))
        return upload
