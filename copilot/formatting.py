"""Money in the reader's language: "€85,000" in English, "85.000 €" in German (Babel's CLDR patterns)."""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberPattern
from django.utils import translation


@cache
def _whole_amount_pattern(locale_name: str) -> tuple[Locale, NumberPattern]:
    try:
        locale = Locale.parse(locale_name)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)  # salaries are whole amounts; cents would only add noise
    return locale, pattern


def format_money(amount: int | float | Decimal, currency: str) -> str:
    """``amount`` of ``currency`` (ISO 4217) rounded to a whole amount, in the active language's format."""
    locale, pattern = _whole_amount_pattern(translation.to_locale(translation.get_language() or "en"))
    text = pattern.apply(amount, locale, currency=currency, currency_digits=False)
    # CLDR sets a code with no symbol ("CHF") straight against the digits in English: "CHF85,000".
    return text.replace(f"{currency}", f"{currency}\u00a0", 1) if text.startswith(currency) else text
