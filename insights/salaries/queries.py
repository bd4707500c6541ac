"""The user's salary insights, read once per data version and conversion table (insights.cache)."""

from __future__ import annotations

from django.utils.translation import get_language

from copilot.accounts.services import get_profile
from insights.cache import cached_for_user
from insights.salaries.analysis import DEFAULT_CURRENCY, FIELDS, SalaryInsights, salary_insights
from insights.salaries.rates import load_table
from jobs.models import Job


def currency_choice(requested: str | None) -> str:
    """A currency of the table, EUR (or the table's base) when none or an unknown one is asked for."""
    table = load_table()
    code = (requested or "").strip().upper()
    if code in table.rates:
        return code
    return DEFAULT_CURRENCY if DEFAULT_CURRENCY in table.rates else table.base


def insights_for(user, currency: str) -> SalaryInsights:
    """Every job the user keeps (closed and archived ones too: what they paid is still a data point)."""
    profile = get_profile(user)
    table = load_table()

    def compute() -> SalaryInsights:
        rows = Job.objects.for_user(user).values(*FIELDS).iterator(chunk_size=2000)
        return salary_insights(rows, table, currency=currency, target_roles=profile.target_roles,
                               target_level=profile.experience_level)

    # The groups' labels are in the reader's language: one cached copy per language.
    return cached_for_user(profile, f"salaries:{currency}:{table.version}:{get_language()}", compute)
