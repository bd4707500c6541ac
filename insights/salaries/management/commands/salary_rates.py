"""Show or update the salary conversion table (no network: rates change when the operator says so).

    manage.py salary_rates                       # the table in force, and where it is read from
    manage.py salary_rates --set USD=0.86 --set GBP=1.14 [--as-of 2026-12-01]
    manage.py salary_rates --set XYZ=0 ...       # refused: rates are positive numbers

``--set`` writes the file named by SALARY_RATES_FILE (the shipped table is copied there first if
the file does not exist yet); it refuses to edit the table shipped inside the code.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insights.salaries.rates import SHIPPED, RatesError, load_table, parse_table, rates_path, write_table


class Command(BaseCommand):
    help = "Show the salary conversion table, or set rates in the operator's copy (SALARY_RATES_FILE)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--set", action="append", default=[], metavar="CODE=RATE",
                            help="One unit of CODE is worth RATE of the base currency (repeatable).")
        parser.add_argument("--period", action="append", default=[], metavar="PERIOD=COUNT",
                            help="How many of PERIOD make a year, e.g. hour=1720 (repeatable).")
        parser.add_argument("--as-of", help="The date the rates are from (default: today).")

    def handle(self, *args, **options) -> None:
        try:
            load_table.cache_clear()
            table = load_table()
        except RatesError as error:
            if not (options["set"] or options["period"]) or rates_path().exists():
                raise CommandError(str(error)) from None
            table = parse_table(json.loads(SHIPPED.read_text(encoding="utf-8")), SHIPPED)
        if options["set"] or options["period"]:
            table = self._update(table, options)
        self._print(table)

    def _update(self, table, options):
        path = rates_path()
        if path == SHIPPED:
            raise CommandError("Set SALARY_RATES_FILE to a file of your own (e.g. /etc/copilot/salary-rates.json): "
                               "the shipped table is replaced by every release.")
        data = {"base": table.base, "as_of": options["as_of"] or timezone.localdate().isoformat(),
                "rates": {code: str(rate) for code, rate in table.rates.items()},
                "periods": {period: str(count) for period, count in table.periods.items()}}
        for key, pairs in (("rates", options["set"]), ("periods", options["period"])):
            for pair in pairs:
                name, sep, value = pair.partition("=")
                if not sep:
                    raise CommandError(f"{pair!r}: write NAME=NUMBER.")
                name = name.strip().upper() if key == "rates" else name.strip().lower()
                data[key][name] = value.strip()
        try:
            data["rates"] = {code: _number(value) for code, value in data["rates"].items()}
            data["periods"] = {p: _number(value) for p, value in data["periods"].items()}
            new = parse_table(data, Path(path))
            date.fromisoformat(str(data["as_of"]))
        except (RatesError, ValueError) as error:
            raise CommandError(f"Nothing changed: {error}") from None
        new = replace(new, path=path)
        write_table(new, path)
        self.stdout.write(self.style.SUCCESS(f"Saved {path}."))
        return new

    def _print(self, table) -> None:
        self.stdout.write(f"Conversion table: {table.path}")
        self.stdout.write(f"Base currency {table.base}, rates as of {table.as_of}")
        for code in table.currencies:
            self.stdout.write(f"  1 {code} = {table.rates[code]} {table.base}")
        self.stdout.write("Periods per year: " + ", ".join(f"{p} {n}" for p, n in table.periods.items()))


def _number(value: str) -> float | str:
    try:
        return float(value)
    except ValueError:
        return value  # parse_table names it in its message
