"""Money in the reader's language: "€85,000" in English, "85.000 €" in German (Babel's CLDR patterns)."""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberPattern
from django.utils import translation
from django.utils.translation import gettext as _


@cache
def _money_pattern(locale_name: str, cents: bool) -> tuple[Locale, NumberPattern]:
    try:
        locale = Locale.parse(locale_name)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (2, 2) if cents else (0, 0)  # "$52.50 an hour", but "€85,000" without ",00"
    return locale, pattern


def format_money(amount: int | float | Decimal, currency: str, *, whole: bool = True) -> str:
    """``amount`` of ``currency`` (ISO 4217) in the active language's format: rounded to a whole amount, or
    (``whole=False``) with its cents when it has some."""
    cents = not whole and Decimal(str(amount)) != Decimal(str(amount)).to_integral_value()
    locale, pattern = _money_pattern(translation.to_locale(translation.get_language() or "en"), cents)
    text = pattern.apply(amount, locale, currency=currency, currency_digits=False)
    # CLDR sets a code with no symbol ("CHF") straight against the digits in English: "CHF85,000".
    return text.replace(f"{currency}", f"{currency}\u00a0", 1) if text.startswith(currency) else text


def format_salary_range(low: Decimal | None, high: Decimal | None, currency: str, period: str = "") -> str:
    """A structured salary in the reader's language: "€60,000 – €70,000 a year", "60.000 € – 70.000 € pro
    Jahr", "From $50 an hour"; "" without an amount or a currency."""
    if not currency or (low is None and high is None):
        return ""
    if low is not None and high is not None and low != high:
        amount = _("%(low)s – %(high)s") % {"low": format_money(low, currency, whole=False),
                                             "high": format_money(high, currency, whole=False)}
    elif low is not None and high is not None:
        amount = format_money(low, currency, whole=False)
    elif low is not None:
        amount = _("From %(amount)s") % {"amount": format_money(low, currency, whole=False)}
    else:
        amount = _("Up to %(amount)s") % {"amount": format_money(high, currency, whole=False)}  # type: ignore[arg-type]
    per = {"year": _("%(amount)s a year"), "month": _("%(amount)s a month"), "week": _("%(amount)s a week"),
           "day": _("%(amount)s a day"), "hour": _("%(amount)s an hour")}.get(period)
    return per % {"amount": amount} if per else amount
