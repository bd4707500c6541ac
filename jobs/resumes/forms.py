"""The upload form (the file is checked here, in the request: size, extension, first bytes) and the review form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Resume
from jobs.resumes.reading import ResumeError, check_file
from jobs.resumes.review import ProfileDiff


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Your résumé"),
        help_text=format_lazy(gettext_lazy("PDF or Word (.docx), up to {mb} MB. Only you can see it; delete it here at "
                                           "any time."), mb=Resume.MAX_BYTES // (1024 * 1024)),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,application/pdf,"
                                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        # A file over the cap is judged by its size and first bytes, never read whole into memory.
        size = upload.size or 0
        data = upload.read(1024) if size > Resume.MAX_BYTES else upload.read()
        try:
            cleaned["kind"] = check_file(upload.name or "résumé", data, size=size, max_bytes=Resume.MAX_BYTES)
        except ResumeError as error:
            self.add_error("file", str(error))
            return cleaned
        cleaned["data"] = data
        cleaned["filename"] = upload.name or "résumé"
        return cleaned


class ReviewForm(forms.Form):
    """The diff as checkboxes; only what the diff offers can be chosen (anything else is ignored)."""

    add = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                    label=gettext_lazy("Add to your profile"))
    remove = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                       label=gettext_lazy("Remove from your profile"))
    set_level = forms.BooleanField(required=False)

    def __init__(self, *args, diff: ProfileDiff, **kwargs) -> None:
        kwargs.setdefault("initial", {"add": list(diff.add), "remove": [], "set_level": bool(diff.level)})
        super().__init__(*args, **kwargs)
        self.diff = diff
        self.fields["add"].choices = [(name, name) for name in diff.add]  # type: ignore[attr-defined]
        self.fields["remove"].choices = [(name, name) for name in diff.remove]  # type: ignore[attr-defined]
        if diff.level:
            self.fields["set_level"].label = _("Set your level to %(level)s (now: %(current)s)") % {
                "level": diff.level_label, "current": diff.current_level_label}
        else:
            del self.fields["set_level"]
