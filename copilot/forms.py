"""Form fields shared by the apps."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refuse_control_characters(value: str) -> None:
    if value and _CONTROL.search(value):
        raise ValidationError(_("Remove the invisible control characters from this text."))


class ListField(forms.CharField):
    """A list of short strings typed as text, split on the given separators."""

    def __init__(self, *, separators: str = ",", max_items: int = 50, max_item_length: int = 80, **kwargs):
        self.split_pattern = re.compile("[" + re.escape(separators) + "\n]")
        self.joiner = ", " if separators.startswith(",") else "; "
        self.max_items = max_items
        self.max_item_length = max_item_length
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", max_items * (max_item_length + 2))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return self.joiner.join(value)
        return value

    def to_python(self, value) -> list[str]:  # type: ignore[override]  # a list field built on CharField's text
        if isinstance(value, (list, tuple)):
            value = "\n".join(value)
        text = super().to_python(value) or ""
        refuse_control_characters(text)
        items: list[str] = []
        seen: set[str] = set()
        for raw in self.split_pattern.split(text):
            item = " ".join(raw.split())
            if not item or item.lower() in seen:
                continue
            if len(item) > self.max_item_length:
                raise ValidationError(_("“%(item)s…” is too long (at most %(limit)d characters each).")
                                      % {"item": item[:30], "limit": self.max_item_length})
            seen.add(item.lower())
            items.append(item)
        if len(items) > self.max_items:
            raise ValidationError(_("At most %(count)d entries, please.") % {"count": self.max_items})
        return items

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
