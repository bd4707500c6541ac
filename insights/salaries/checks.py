"""`manage.py check` (and so every start of the server) refuses a malformed conversion table."""

from __future__ import annotations

from django.core.checks import Error, register

from insights.salaries.rates import RatesError, load_table


@register()
def check_rates_file(app_configs, **kwargs) -> list[Error]:
    try:
        load_table.cache_clear()
        load_table()
    except RatesError as error:
        return [Error(str(error), hint="Fix the file, or run manage.py salary_rates --set CODE=RATE.",
                      id="salaries.E001")]
    return []
