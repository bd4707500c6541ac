"""Parse free-text salaries ("$120,000 - $150,000 a year", "€60k–80k", "70.000 € brutto/Jahr").

``parse_salary`` never raises: text it cannot read gives an empty :class:`SalaryRange`
(``min``/``max`` None, ``currency``/``period`` ""). Amounts are :class:`~decimal.Decimal`.

Rules worth knowing:

* a single amount ("$14/hr") gives ``min == max``; "up to 90k" only ``max``;
  "from $100K" / "$100K+" / "ab 60.000 €" only ``min``;
* "60-80k" and "£40-100,000" share the magnitude of the second number (60,000-80,000);
* separators: "120,000", "70.000", "70 000", "100'000" are thousands, "50,5" / "50.5" decimals;
* when no period is written, ``"year"`` is assumed only for amounts of 10,000 or more in
  currencies whose salaries are normally quoted yearly; otherwise the period stays "";
* prose is not a salary unless it states pay: a number followed by "%", "percent", "days",
  "hours", "employees"... is a share or a count; a number with no currency, no "k" and no
  period next to it is part of a name when a word other than a pay word or a preposition comes
  right before it ("Inc 5000", "Fortune 500"); and in a sentence (six words or more) such bare
  numbers count only when the text speaks of pay ("salary", "base", "compensation"...).
  "We are in the top 20 percent of the Inc 5000" gives nothing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise

__all__ = ["CURRENCY_SYMBOLS", "MAX_AMOUNT", "SalaryRange", "board_salary", "format_salary", "parse_salary",
           "reread_salary"]

#: The largest amount a job's salary columns hold (``Job.salary_*``: 12 digits, 2 after the point).
MAX_AMOUNT = Decimal("9999999999.99")


@dataclass(frozen=True)
class SalaryRange:
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str = ""
    period: str = ""

    def __bool__(self) -> bool:
        return self.min is not None or self.max is not None

    @property
    def storable(self) -> bool:
        """Every amount fits the salary columns (the text read fine, but "$1,000,000,000,000" does not)."""
        return all(amount is None or amount <= MAX_AMOUNT for amount in (self.min, self.max))


EMPTY = SalaryRange()

# Longest first so "A$" wins over "$".
_SYMBOL_CURRENCIES: list[tuple[str, str]] = [
    ("US$", "USD"), ("USD$", "USD"), ("CA$", "CAD"), ("C$", "CAD"), ("AU$", "AUD"), ("A$", "AUD"),
    ("NZ$", "NZD"), ("HK$", "HKD"), ("S$", "SGD"), ("SG$", "SGD"), ("R$", "BRL"), ("MX$", "MXN"),
    ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("￥", "JPY"), ("₹", "INR"), ("₩", "KRW"),
    ("₽", "RUB"), ("₺", "TRY"), ("₪", "ILS"), ("₱", "PHP"), ("₦", "NGN"), ("₴", "UAH"), ("฿", "THB"),
    ("zł", "PLN"), ("Kč", "CZK"),
]
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩"}

_ISO_CODES = frozenset(
    [
        "USD", "EUR", "GBP", "JPY", "INR", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
        "RON", "BGN", "HRK", "ISK", "TRY", "ILS", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "ZAR", "NGN", "KES",
        "EGP", "AED", "SAR", "QAR", "SGD", "HKD", "CNY", "RMB", "TWD", "KRW", "PHP", "THB", "VND", "IDR", "MYR",
        "PKR", "BDT", "LKR", "UAH", "RUB",
    ]
)
_CURRENCY_WORDS = {
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "dollar": "USD", "dollars": "USD",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "rupees": "INR", "yen": "JPY",
    "franken": "CHF", "francs": "CHF", "rmb": "CNY",
}
# Currencies whose salaries are normally quoted per year when no period is given.
_YEARLY_BY_DEFAULT = frozenset({"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SGD", "HKD", ""})

_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("hour", re.compile(
        r"(?:/\s*(?:hr|hrs|h|hour|std|stunde)\b|\bper\s+hour\b|\ban\s+hour\b|\bhourly\b|\bp\.?\s?h\.?(?=\s|$)"
        r"|\bpro\s+stunde\b|\bstundenlohn\b|\b(?:an|per)\s+hr\b)", re.I)),
    ("day", re.compile(
        r"(?:/\s*(?:day|d|tag)\b|\bper\s+day\b|\ba\s+day\b|\bdaily\b|\bday\s+rate\b|\bp\.?\s?d\.?(?=\s|$)"
        r"|\bpro\s+tag\b|\btagessatz\b|\bper\s+diem\b)", re.I)),
    ("week", re.compile(
        r"(?:/\s*(?:wk|week|woche)\b|\bper\s+week\b|\ba\s+week\b|\bweekly\b|\bp\.?\s?w\.?(?=\s|$)|\bpro\s+woche\b)",
        re.I)),
    ("month", re.compile(
        r"(?:/\s*(?:mo|mon|month|monat|mth)\b|\bper\s+month\b|\ba\s+month\b|\bmonthly\b|\bpcm\b"
        r"|\bp\.\s?m\.(?=\s|$)|\bpro\s+monat\b|\bmonatlich\b|\bmonat\b|\bmensuel\b)", re.I)),
    ("year", re.compile(
        r"(?:/\s*(?:yr|year|y|a|annum|jahr|an)\b|\bper\s+(?:year|annum|yr)\b|\ba\s+year\b|\bannual(?:ly)?\b"
        r"|\byearly\b|\bp\.?\s?a\.?(?=\s|$|[,;)])|\bpro\s+jahr\b|\bj(?:ä|ae)hrlich\b|\bjahr(?:es\w*)?\b"
        r"|\bannuel\b)", re.I)),
]

# One amount: optional prefix currency, the number, an optional magnitude, optional postfix currency.
_NUMBER = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"  # Indian grouping 12,00,000
    r"|\d{1,3}(?:[,.'\u2019 \u202f\u00a0]\d{3})+(?:[.,]\d{1,2})?"  # 120,000 / 70.000 / 100'000
    r"|\d+(?:[.,]\d+)?"
)
_MAGNITUDE = r"(?:k|K|m|M|mil|mio\.?|million|thousand|tsd\.?|Tsd\.?)\b"
_AMOUNT_RE = re.compile(
    rf"(?P<num>{_NUMBER})(?:\s?(?P<mag>{_MAGNITUDE}))?",
)
_RANGE_SEP = re.compile(r"^\s*(?:-|to|bis|and|und|through|till|à|a)\s*$", re.I)
_UP_TO = re.compile(r"(?:\bup\s+to|\bbis\s+zu|\bmax(?:imum)?\.?|\bunder|\bless\s+than|\bbis|\<|≤)\s*$", re.I)
_FROM = re.compile(
    r"(?:\bfrom|\bstarting\s+(?:at|from)|\bab|\bmin(?:imum)?\.?|\bat\s+least|\bover|\bmore\s+than|>|≥)\s*$", re.I
)
_PLUS_AFTER = re.compile(r"^\s*\+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CODE_RE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")


def _detect_currency(text: str) -> str:
    for symbol, code in _SYMBOL_CURRENCIES:
        if symbol in text:
            return code
    for match in _CODE_RE.finditer(text):
        code = match.group(1)
        if code in _ISO_CODES:
            return "CNY" if code == "RMB" else code
    lowered = text.lower()
    for word, code in _CURRENCY_WORDS.items():
        if re.search(rf"\b{word}\b", lowered):
            return code
    return ""


def _detect_period(text: str) -> str:
    for period, pattern in _PERIOD_PATTERNS:
        if period == "year":
            continue
        if pattern.search(text):
            return period
    if _PERIOD_PATTERNS[-1][1].search(text):
        return "year"
    return ""


def _to_decimal(num: str, mag: str | None) -> Decimal | None:
    raw = num.replace("\u2019", "'")
    if re.fullmatch(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?", raw):  # Indian grouping: 12,00,000
        raw = raw.replace(",", "")
    # Thousands grouping: every separator followed by exactly three digits.
    grouped = re.fullmatch(r"\d{1,3}(?:([,.' \u202f\u00a0])\d{3})+(?:([.,])(\d{1,2}))?", raw)
    if grouped and (grouped.group(2) is None or grouped.group(2) != grouped.group(1)):
        sep = grouped.group(1)
        decimal_part = ""
        body = raw
        if grouped.group(2):
            body, decimal_part = raw[: -len(grouped.group(3)) - 1], grouped.group(3)
        # "1.500" with a k ("1.500k") is a decimal, not thousands.
        if mag and body.count(sep) == 1 and sep in ".,":
            value = body.replace(sep, ".")
        else:
            value = re.sub(r"[,.' \u202f\u00a0]", "", body)
            if decimal_part:
                value += "." + decimal_part
    else:
        value = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw.replace(",", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    if mag:
        m = mag.lower().rstrip(".")
        if m in ("k", "thousand", "tsd"):
            amount *= 1000
        elif m in ("m", "mil", "mio", "million"):
            amount *= 1_000_000
    return _normalize(amount)


def _normalize(amount: Decimal) -> Decimal:
    try:
        if amount == amount.to_integral_value():
            return amount.quantize(Decimal(1))
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than Decimal's 28: far past any salary, kept as read (not storable)
        return amount


# After a number with no currency: it counts something other than money ("20 percent", "25 days").
_NOT_MONEY_AFTER = re.compile(
    r"^\s*(?:%|percent\b|per\s?cent\b|prozent\b|pct\b|days?\b|weeks?\b|months?\b|years?\b|yrs?\b|hours?\b"
    r"|hrs?\b|employees\b|people\b|engineers\b|staff\b|members\b|countries\b|offices\b|locations\b"
    r"|customers\b|clients\b|users\b|companies\b|tage\b|stunden\b|jahre\b|mitarbeiter)", re.I)
_PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|wage|wages|base|ote|rate|earn\w*|package|range|band|stipend"
    r"|remuneration|gehalt|verg(?:ü|ue)tung|brutto|netto|jahresgehalt|salaire|r(?:é|e)mun(?:é|e)ration|sueldo"
    r"|salario|stipendio|wynagrodzenie)\b", re.I)
# Words a bare amount may follow in a sentence about pay; any other word before it makes it part of a
# name ("Inc 5000", "Fortune 500", "ISO 27001").
_BEFORE_AMOUNT = re.compile(
    r"(?:\b(?:of|to|from|at|is|are|be|between|and|or|up|about|around|approx|approximately|ca|circa|roughly"
    r"|starting|start|min|max|minimum|maximum|bis|ab|von|zu|zwischen|und|de|entre|et|a|à)|[:=(\-–—,]|^)\s*$", re.I)


_PAY_WORD_BEFORE = re.compile(_PAY_WORDS.pattern + r"\s*$", re.I)


def _amounts(text: str) -> list[tuple[int, int, Decimal, bool]]:
    """(start, end, value, has_magnitude) of every amount, skipping things like "401(k)", years,
    shares and counts ("20 percent", "25 days")."""
    found = []
    for match in _AMOUNT_RE.finditer(text):
        start, end = match.span()
        if start > 0 and text[start - 1].isalnum() and text[max(0, start - 3):start] not in _ISO_CODES:
            continue  # part of a word or code like "B2B" (but "USD50" is fine)
        if text[end:end + 3].lower() == "(k)":
            continue  # 401(k)
        num, mag = match.group("num"), match.group("mag")
        value = _to_decimal(num, mag)
        if value is None:
            continue
        if not mag and re.fullmatch(r"(19|20)\d\d", num) and not _has_currency_near(text, start, end):
            continue  # a year, e.g. "2026"
        if not mag and _NOT_MONEY_AFTER.match(text[end:]) and not _has_currency_near(text, start, end):
            continue  # a share or a count
        found.append((start, end, value, bool(mag)))
    return found


def _is_prose(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 6


def _stated_amounts(text: str, amounts: list[tuple[int, int, Decimal, bool]]) -> list[tuple[int, int, Decimal, bool]]:
    """The amounts that state pay (see the module docstring)."""
    marked = [a for a in amounts if a[3] or _has_currency_near(text, a[0], a[1]) or _has_period_after(text, a[1])]
    if marked:
        return amounts
    if _is_prose(text) and not _PAY_WORDS.search(text):
        return []
    return [a for a in amounts if _may_precede_amount(text[max(0, a[0] - 25):a[0]])]


def _may_precede_amount(before: str) -> bool:
    return bool(_BEFORE_AMOUNT.search(before) or _PAY_WORD_BEFORE.search(before))


def _has_period_after(text: str, end: int) -> bool:
    return bool(re.match(r"^\s?(?:/\s?(?:hr|h|hour|yr|year|mo|month|day|d)\b|per\s+(?:hour|year|annum|month|day|week)\b"
                         r"|an?\s+(?:hour|year|month|day|week)\b|p\.?a\.?(?=\s|$|[,;)]))", text[end:], re.I))


def _has_currency_near(text: str, start: int, end: int) -> bool:
    """Is a currency symbol or ISO code written right next to this amount?"""
    before = text[max(0, start - 5):start]
    after = text[end:end + 5]
    code_before = re.search(r"\b([A-Z]{3})\s?$", before)
    code_after = re.match(r"^\s?([A-Z]{3})\b", after)
    return bool(
        re.search(r"[$€£¥₹₩₽₺₪₱₦₴฿￥]\s?$|(?:zł|Kč)\s?$", before)
        or re.match(r"^\s?(?:[$€£¥₹₩₽₺₪₱₦₴฿￥]|zł|Kč)", after)
        or (code_before and code_before.group(1) in _ISO_CODES)
        or (code_after and code_after.group(1) in _ISO_CODES)
    )


def _joins_range(text: str, first, second) -> bool:
    between = text[first[1]:second[0]]
    between = re.sub(r"(?:[A-Z]{1,3})?[$€£¥₹]|\b[A-Z]{3}\b", "", between)
    return bool(_RANGE_SEP.match(between)) or between.strip() == ""


def parse_salary(text: str | None) -> SalaryRange:
    if not text or not isinstance(text, str):
        return EMPTY
    text = html.unescape(text)
    text = _DASHES.sub("-", text)
    text = _SPACES.sub(" ", text).strip()
    if not text or not any(ch.isdigit() for ch in text):
        return EMPTY

    amounts = _stated_amounts(text, _amounts(text))
    if not amounts:
        return EMPTY
    # Start at the first amount that is clearly money ("5 days a week, $50/hr" -> $50).
    marked = [i for i, (s, e, _, mag) in enumerate(amounts) if mag or _has_currency_near(text, s, e)]
    if marked:
        first = marked[0]
        if first > 0 and _joins_range(text, amounts[first - 1], amounts[first]):
            first -= 1  # "40-50K EUR": the lower bound carries no marker of its own
        amounts = amounts[first:]
    currency = _detect_currency(text)
    period = _detect_period(text)

    low: Decimal | None
    high: Decimal | None
    # The first pair "A - B" (or "A to B") makes a range.
    pair = next(((a, b) for a, b in pairwise(amounts) if _joins_range(text, a, b)), None)
    if pair:
        (_, _, first_value, mag1), (_, _, second_value, _) = pair
        # "60-80k", "£40-100,000": the first number borrows the second's magnitude.
        if first_value < 1000 <= second_value and not mag1 and first_value * 1000 <= second_value * 10:
            first_value *= 1000
        low, high = sorted((first_value, second_value))
    else:
        start, end, value, _ = amounts[0]
        before, after = text[:start], text[end:]
        before = re.sub(r"(?:[$€£¥₹]|\b[A-Z]{3}|[A-Z]{1,2}\$)\s*$", "", before)
        if _UP_TO.search(before):
            low, high = None, value
        elif _FROM.search(before) or _PLUS_AFTER.match(re.sub(r"^\s*(?:[$€£¥₹]|[A-Z]{3}\b)", "", after)):
            low, high = value, None
        else:
            low = high = value

    if not period:
        biggest = max(v for v in (low, high) if v is not None)
        if biggest >= 10_000 and currency in _YEARLY_BY_DEFAULT:
            period = "year"
    return SalaryRange(min=low, max=high, currency=currency, period=period)


def _as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _money(value: Decimal, currency: str) -> str:
    number = f"{int(value):,}" if value == value.to_integral_value() else f"{value:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol:
        return f"{symbol}{number}"
    return f"{currency} {number}" if currency else number


_PERIODS = frozenset(period for period, _ in _PERIOD_PATTERNS)  # what the parser can find


def format_salary(min, max, currency: str = "", period: str = "") -> str:
    """"$120,000 – $150,000 per year", "From €60,000", "Up to £90,000 per year", "$50 per hour" or ""."""
    low, high = _as_decimal(min), _as_decimal(max)
    currency = (currency or "").upper()
    if low is None and high is None:
        return ""
    if low is not None and high is not None and low != high:
        text = f"{_money(low, currency)} – {_money(high, currency)}"
    elif low is not None and high is not None:
        text = _money(low, currency)
    elif low is not None:
        text = f"From {_money(low, currency)}"
    elif high is not None:
        text = f"Up to {_money(high, currency)}"
    return f"{text} per {period}" if period in _PERIODS else text


def _same_numbers(a: SalaryRange, b: SalaryRange) -> bool:
    return (a.min, a.max) == (b.min, b.max)


def board_salary(text: str | None, structured: SalaryRange | None = None) -> tuple[str, SalaryRange]:
    """A posting's salary from what a board gives: its structured range (Lever ``salaryRange``, Ashby
    compensation components, JSON-LD ``baseSalary``, Adzuna/Remote OK numbers) and its free text.

    The structured range wins. The text is kept to show when it states pay: with a structured range,
    only when it states the same numbers ("$151K – $231K • Offers Equity"); otherwise the shown text
    is written from the range. Without a structured range, the numbers come from the text, and text
    that states no pay ("Competitive salary", "top 20 percent of the Inc 5000") is dropped: it is not
    a salary. Returns ``(text to show, range)``."""
    text = " ".join((text or "").split())
    parsed = parse_salary(text)
    if structured:
        if parsed and _same_numbers(parsed, structured):
            return text, structured
        return format_salary(structured.min, structured.max, structured.currency, structured.period), structured
    return (text, parsed) if parsed else ("", EMPTY)


def _written_amounts(text: str) -> set[Decimal]:
    """Every number written in ``text``, read with and without its magnitude ("85k": 85 and 85,000)."""
    found: set[Decimal] = set()
    for match in _AMOUNT_RE.finditer(_SPACES.sub(" ", _DASHES.sub("-", html.unescape(text)))):
        for magnitude in (match.group("mag"), None):
            value = _to_decimal(match.group("num"), magnitude)
            if value is not None:
                found.add(value)
    return found


def reread_salary(text: str, low: Decimal | None, high: Decimal | None, currency: str = "", period: str = "", *,
                  from_board: bool) -> tuple[str, SalaryRange]:
    """A stored salary read again with today's rules: ``(text to show, range)``.

    A stored range whose numbers are all written in the text was read from it, so it is read again:
    prose once taken for pay ("top 20 percent of the Inc 5000" stored as 20) loses its numbers. A
    range whose numbers the text does not hold came from a board's structured field and is kept.
    For a job from a board (``from_board``) the shown text follows :func:`board_salary`; a text the
    user typed is kept as typed, whatever its numbers."""
    stored = SalaryRange(_as_decimal(low), _as_decimal(high), currency or "", period or "")
    values = [v for v in (stored.min, stored.max) if v is not None]
    structured = stored if values and not (text and all(v in _written_amounts(text) for v in values)) else None
    if from_board:
        return board_salary(text, structured)
    return text, structured or parse_salary(text)
