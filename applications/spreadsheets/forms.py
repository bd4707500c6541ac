from __future__ import annotations

from django import forms


class CSVUploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="Our own export, or LinkedIn's “Job Applications.csv”.")

    MAX_BYTES = 5_000_000

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("That file is over 5 MB; split it and import the parts.")
        return upload
