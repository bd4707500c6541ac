"""``{{ amount|money:"EUR" }}``: a whole amount of money in the reader's language ("€85,000", "85.000 €")."""

from __future__ import annotations

from django import template

from copilot.formatting import format_money

register = template.Library()


@register.filter
def money(amount, currency: str) -> str:
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)
