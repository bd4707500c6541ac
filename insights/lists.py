"""Lists shown cut short, with an "and N more" line under them."""

from __future__ import annotations


def count_not_shown(total: str, shown: str) -> property:
    """A read-only property: how many of the ``total`` items the list ``shown`` leaves out.

    For dataclasses that keep the first few rows of a list and the full count:
    ``more_saved = count_not_shown("saved_count", "saved")``.
    """
    return property(lambda self: getattr(self, total) - len(getattr(self, shown)))
