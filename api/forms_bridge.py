"""The pages' forms validate the API's input too: one set of rules, one set of messages.

A form's errors become a 422 in the same shape as django-ninja's own (schema) errors, each with the
field it is about: ``{"detail": [{"loc": ["body", "payload", "title"], "msg": "…", "type": "invalid"}]}``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class FormErrors(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("invalid input")
        self.errors = errors


def valid(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or :class:`FormErrors` (answered 422)."""
    if form.is_valid():
        return form.cleaned_data
    raise FormErrors([
        {"loc": ["body", "payload", *([] if field == "__all__" else [field])], "msg": str(message),
         "type": error.code or "invalid"}
        for field, errors in form.errors.as_data().items()
        for error in errors
        for message in error.messages
    ])


def service_error(error: ValidationError, field: str | None = None) -> FormErrors:
    """A service's refusal (``ValidationError``) as a 422 about ``field`` (or the whole body)."""
    loc = ["body", "payload", *([field] if field else [])]
    return FormErrors([{"loc": loc, "msg": message, "type": error.code or "invalid"} for message in error.messages])


def merged(form_class: type[forms.ModelForm], instance: Any, changes: dict[str, Any]) -> forms.ModelForm:
    """A bound model form for a partial update: the instance's current values, then the changes sent."""
    current = form_class(instance=instance).initial
    data = {name: current.get(name) for name in form_class.base_fields}
    data.update(changes)
    return form_class(data=_as_form_data(data), instance=instance)


def _as_form_data(data: dict[str, Any]) -> dict[str, Any]:
    return {name: ("" if value is None else value) for name, value in data.items()}


def bound(form_class: type[forms.BaseForm], payload: dict[str, Any], **kwargs: Any) -> forms.BaseForm:
    return form_class(data=_as_form_data(payload), **kwargs)
