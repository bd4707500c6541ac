"""The salary conversion table: currencies to one base currency, and periods to a year.

It is data, not code: ``insights/salaries/rates.json`` ships with each release (approximate
reference rates, dated by ``as_of``), and an operator points ``SALARY_RATES_FILE`` at a copy of
their own, kept current with ``manage.py salary_rates --set USD=0.86`` (no network call is ever
made: rates change when the operator says so). The file holds:

* ``base``: the currency the rates are quoted in (one unit of the base is 1);
* ``rates``: ``{"USD": 0.86}`` means one US dollar is worth 0.86 of the base;
* ``periods``: how many of each period make a year. The shipped factors assume full-time work:
  12 months, 52 weeks, 260 working days (5 × 52) and 2,080 hours (40 × 52). A contractor's
  "€550 per day" is therefore read as €143,000 a year: what it would pay over a full year.

Converting from currency A to B goes through the base: ``amount × rate[A] / rate[B]``.
A currency missing from the table is never guessed: such jobs are counted apart and said.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from jobs.choices import SalaryPeriod

SHIPPED = Path(__file__).with_name("rates.json")
_CODE = re.compile(r"^[A-Z]{3}$")


class RatesError(ValueError):
    """The table is malformed: the message names the file and what is wrong."""


@dataclass(frozen=True)
class RateTable:
    base: str
    as_of: date
    rates: dict[str, Decimal]
    periods: dict[str, Decimal]
    path: Path

    @property
    def currencies(self) -> list[str]:
        return sorted(self.rates)

    @property
    def version(self) -> str:
        """Changes whenever a number changes: part of the cache key of computed insights."""
        numbers = repr(sorted(self.rates.items()) + sorted(self.periods.items()))
        return f"{self.base}:{self.as_of}:{hashlib.sha256(numbers.encode()).hexdigest()[:12]}"

    def convert(self, amount: Decimal, currency: str, target: str) -> Decimal | None:
        """``amount`` of ``currency`` in ``target``; None when either is not in the table."""
        if currency not in self.rates or target not in self.rates:
            return None
        return amount * self.rates[currency] / self.rates[target]

    def per_year(self, period: str) -> Decimal | None:
        return self.periods.get(period)


def rates_path() -> Path:
    configured = getattr(settings, "SALARY_RATES_FILE", "")
    return Path(configured) if configured else SHIPPED


def _positive(value: object, what: str, path: Path) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal(0)
    if not number.is_finite() or number <= 0 or isinstance(value, bool):
        raise RatesError(f"{path}: {what} must be a positive number, not {value!r}.")
    return number


def parse_table(data: object, path: Path) -> RateTable:
    if not isinstance(data, dict):
        raise RatesError(f"{path}: expected a JSON object with base, as_of, rates and periods.")
    base = data.get("base")
    if not isinstance(base, str) or not _CODE.match(base):
        raise RatesError(f"{path}: base must be a three-letter currency code such as EUR, not {base!r}.")
    try:
        as_of = date.fromisoformat(str(data.get("as_of")))
    except ValueError:
        raise RatesError(f"{path}: as_of must be a date such as 2026-12-01, not {data.get('as_of')!r}.") from None
    raw_rates, raw_periods = data.get("rates"), data.get("periods")
    if not isinstance(raw_rates, dict) or not isinstance(raw_periods, dict):
        raise RatesError(f"{path}: rates and periods must be JSON objects.")
    rates = {}
    for code, value in raw_rates.items():
        if not _CODE.match(str(code)):
            raise RatesError(f"{path}: {code!r} is not a three-letter currency code.")
        rates[code] = _positive(value, f"the rate of {code}", path)
    if rates.get(base) != 1:
        raise RatesError(f"{path}: the base currency {base} must have the rate 1.")
    periods = {}
    for period in SalaryPeriod.values:
        if period not in raw_periods:
            raise RatesError(f"{path}: periods must say how many of each make a year; {period!r} is missing.")
        periods[period] = _positive(raw_periods[period], f"periods.{period}", path)
    unknown = set(raw_periods) - set(SalaryPeriod.values)
    if unknown:
        raise RatesError(f"{path}: unknown period(s) {', '.join(sorted(unknown))}.")
    return RateTable(base=base, as_of=as_of, rates=rates, periods=periods, path=path)


@lru_cache(maxsize=1)
def load_table() -> RateTable:
    """The table in force (read once per process; ``salary_rates --set`` clears it)."""
    path = rates_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RatesError(f"{path}: the salary conversion table (SALARY_RATES_FILE) does not exist.") from None
    except (OSError, ValueError) as error:
        raise RatesError(f"{path}: cannot read the salary conversion table: {error}.") from None
    return parse_table(data, path)


def write_table(table: RateTable, path: Path) -> None:
    data = {
        "about": "Salary conversion table of Career Co-Pilot (see insights/salaries/rates.py).",
        "base": table.base,
        "as_of": table.as_of.isoformat(),
        "rates": {code: _plain(value) for code, value in sorted(table.rates.items())},
        "periods": {period: _plain(value) for period, value in table.periods.items()},
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    load_table.cache_clear()


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
