"""Salary insights: every salary in one currency and per year, as distributions.

``normalise`` is pure (amounts, currency, period, the conversion table → a yearly range in the
target currency, or the reason it cannot be converted). ``salary_insights`` reads the user's jobs
once and groups their yearly midpoints by title family, level, location and remote option, and
for the user's target roles at their level. Jobs without a salary, and salaries that cannot be
converted (no currency, a currency the table lacks, no period), are counted and said, never hidden.

Each distribution summarises the midpoints ("€60k–€80k" counts as €70k): count, lowest, first
quartile, median, third quartile, highest. Quartiles use the inclusive method (the median of an
even count is the mean of the two middle values; ``statistics.quantiles(method="inclusive")``).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from insights.salaries.families import family_label, title_family
from insights.salaries.rates import RateTable
from jobs.choices import RemoteOption
from jobs.locations import Place, describe_place, parse_job_location
from jobs.seniority import seniority

DEFAULT_CURRENCY = "EUR"
#: Fewer comparable jobs than this and the job's position is compared with its title family only.
MIN_COMPARABLE = 3

LEVEL_LABELS = {"junior": pgettext_lazy("level", "Junior"), "mid": pgettext_lazy("level", "Mid-level"),
                "senior": pgettext_lazy("level", "Senior"), "manager": pgettext_lazy("level", "Manager"),
                "": gettext_lazy("Level not stated")}
REMOTE_LABELS = {**dict(RemoteOption.choices), "": gettext_lazy("Not stated")}
FIELDS = ("id", "title", "location", "remote_option", "text_level", "salary_min", "salary_max",
          "salary_currency", "salary_period")


class Skip:
    """Why a stated salary was left out of the distributions."""

    NO_CURRENCY = "no_currency"
    UNKNOWN_CURRENCY = "unknown_currency"
    NO_PERIOD = "no_period"


SKIP_LABELS = {
    Skip.NO_CURRENCY: gettext_lazy("no currency stated"),
    Skip.UNKNOWN_CURRENCY: gettext_lazy("a currency the conversion table lacks"),
    Skip.NO_PERIOD: gettext_lazy("no period stated (per year, month, hour…)"),
}


@dataclass(frozen=True)
class YearlyRange:
    low: int  # whole units of the target currency a year (plain ints: cheap to cache and compare)
    high: int

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


def normalise(low: Decimal | None, high: Decimal | None, currency: str, period: str, table: RateTable,
              target: str) -> YearlyRange | str | None:
    """The yearly range in ``target``; a :class:`Skip` reason; or None when no salary is stated.

    A one-sided range ("up to 90k", "from 60k") counts as that single amount.
    """
    if low is None and high is None:
        return None
    if not currency:
        return Skip.NO_CURRENCY
    if not period:
        return Skip.NO_PERIOD
    factor = table.per_year(period)
    if factor is None:
        return Skip.NO_PERIOD
    low = low if low is not None else high
    high = high if high is not None else low
    assert low is not None and high is not None
    converted_low = table.convert(low * factor, currency, target)
    converted_high = table.convert(high * factor, currency, target)
    if converted_low is None or converted_high is None:
        return Skip.UNKNOWN_CURRENCY
    return YearlyRange(low=_round(converted_low), high=_round(converted_high))


def _round(amount: Decimal | float) -> int:
    return round(amount)  # half to even, for Decimals and floats alike


@dataclass(frozen=True)
class Stats:
    count: int
    lowest: int
    q1: int
    median: int
    q3: int
    highest: int

    @classmethod
    def of(cls, values: Iterable[float]) -> Stats | None:
        data = sorted(values)
        if not data:
            return None
        if len(data) == 1:
            q1 = median = q3 = data[0]
        else:
            q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
        return cls(count=len(data), lowest=_round(data[0]), q1=_round(q1), median=_round(median), q3=_round(q3),
                   highest=_round(data[-1]))


@dataclass(frozen=True)
class Group:
    label: str
    stats: Stats


class JobSalary(NamedTuple):
    """One job's yearly range and what makes jobs comparable: a tuple, cheap to cache by the thousand."""

    id: int
    family: str
    level: str
    low: int
    high: int

    @property
    def salary(self) -> YearlyRange:
        return YearlyRange(self.low, self.high)


@dataclass
class SalaryInsights:
    currency: str
    table_as_of: str
    jobs: int = 0
    without_salary: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    overall: Stats | None = None
    dimensions: dict[str, list[Group]] = field(default_factory=dict)
    target: Group | None = None
    target_description: str = ""
    rows: dict[int, JobSalary] = field(default_factory=dict)

    @property
    def with_salary(self) -> int:
        return len(self.rows)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def skipped_reasons(self) -> list[tuple[str, int]]:
        return [(str(SKIP_LABELS[reason]), count) for reason, count in sorted(self.skipped.items())]


DIMENSIONS = {"family": gettext_lazy("Title family"), "level": gettext_lazy("Level"),
              "place": gettext_lazy("Location"), "remote": gettext_lazy("Remote option")}
#: The heading of each dimension's section and the name of its chart.
DIMENSION_HEADINGS = {"family": gettext_lazy("By title family"), "level": gettext_lazy("By level"),
                      "place": gettext_lazy("By location"), "remote": gettext_lazy("By remote option")}
DIMENSION_CHART_LABELS = {"family": gettext_lazy("Salaries by Title family"),
                          "level": gettext_lazy("Salaries by Level"),
                          "place": gettext_lazy("Salaries by Location"),
                          "remote": gettext_lazy("Salaries by Remote option")}


def place_label(location: str, remote_option: str) -> str:
    """The country (or area) a job is in: "Germany", "EU"; "Anywhere (remote)"; "Not stated"."""
    return _place_label(location, remote_option, get_language() or "")


@lru_cache(maxsize=8192)
def _place_label(location: str, remote_option: str, language: str) -> str:
    parsed = parse_job_location(location or "", remote_option or "")
    for place in parsed.places:
        if place.area:
            return place.area
        if place.country:
            return describe_place(Place(country=place.country))
    if parsed.remote is not None:
        scope = parsed.remote.label
        return _("Remote: %(scope)s") % {"scope": scope} if scope else _("Anywhere (remote)")
    return _("Not stated")


# Jobs share few distinct titles and places: each is read once per process.
_family = lru_cache(maxsize=8192)(title_family)


@lru_cache(maxsize=8192)
def _level(title: str, text_level: str) -> str:
    """The level key ("senior", "" when none is stated); :data:`LEVEL_LABELS` names it."""
    level, _source = seniority(title, text_level)
    return level


def _groups(labelled: Iterable[tuple[str, float]]) -> list[Group]:
    buckets: dict[str, list[float]] = defaultdict(list)
    for label, mid in labelled:
        buckets[label].append(mid)
    groups = [Group(label, Stats.of(values)) for label, values in buckets.items()]  # type: ignore[arg-type]
    # Most jobs first, then the higher median: the biggest groups lead the chart and the table.
    return sorted(groups, key=lambda g: (-g.stats.count, -g.stats.median, g.label))


def salary_insights(job_rows: Iterable[Mapping[str, Any]], table: RateTable, *, currency: str = DEFAULT_CURRENCY,
                    target_roles: Iterable[str] = (), target_level: str = "") -> SalaryInsights:
    """Group the rows (``FIELDS`` of the user's jobs) into distributions in ``currency`` per year."""
    result = SalaryInsights(currency=currency, table_as_of=table.as_of.isoformat())
    skipped: Counter[str] = Counter()
    places: list[str] = []  # in the order of result.rows; only the distributions need them
    remotes: list[str] = []
    # Labels in the active language (the cache of computed insights is kept per language).
    levels = {key: str(label) for key, label in LEVEL_LABELS.items()}
    remote_labels = {key: str(label) for key, label in REMOTE_LABELS.items()}
    families_shown: dict[str, str] = {}
    for row in job_rows:
        result.jobs += 1
        salary = normalise(row["salary_min"], row["salary_max"], row["salary_currency"], row["salary_period"],
                           table, currency)
        if salary is None:
            result.without_salary += 1
            continue
        if isinstance(salary, str):
            skipped[salary] += 1
            continue
        family = _family(row["title"])
        if family not in families_shown:
            families_shown[family] = family_label(family)
        level = _level(row["title"], row["text_level"])
        job = JobSalary(row["id"], families_shown[family], levels.get(level, level), salary.low, salary.high)
        result.rows[job.id] = job
        places.append(place_label(row["location"], row["remote_option"]))
        remotes.append(remote_labels.get(row["remote_option"], row["remote_option"]))
    result.skipped = dict(skipped)
    rows = list(result.rows.values())
    mids = [row.salary.mid for row in rows]
    result.overall = Stats.of(mids)
    result.dimensions = {
        "family": _groups(zip([row.family for row in rows], mids, strict=True)),
        "level": _groups(zip([row.level for row in rows], mids, strict=True)),
        "place": _groups(zip(places, mids, strict=True)),
        "remote": _groups(zip(remotes, mids, strict=True)),
    }
    families = sorted({family_label(title_family(role)) for role in target_roles if role.strip()})
    if families:
        in_family = [row for row in rows if row.family in families]
        level_label = levels.get(target_level, "") if target_level else ""
        at_level = [row for row in in_family if row.level == level_label] if level_label else in_family
        result.target_description = ", ".join(families) + (f" · {level_label}" if level_label else "")
        if level_label and not at_level and in_family:
            # None states the user's level (many postings state none): show the families, and say so.
            at_level = in_family
            result.target_description = _("%(families)s · any level (none is %(level)s)") % {
                "families": ", ".join(families), "level": level_label.lower()}
        mids = [row.salary.mid for row in at_level]
        stats = Stats.of(mids)
        if stats is not None:
            result.target = Group(result.target_description, stats)
    return result


@dataclass(frozen=True)
class Position:
    """Where one job's yearly range sits among comparable jobs (the job itself left out)."""

    job: JobSalary
    basis: str  # what "comparable" meant: "Backend · Senior" or "Backend (any level)"
    stats: Stats
    below: int  # comparable midpoints below this job's midpoint
    percentile: int  # share of comparable jobs paying less (ties count half), 0–100

    @property
    def band(self) -> str:
        if self.percentile >= 75:
            return "high"
        if self.percentile <= 25:
            return "low"
        return "middle"


def position_of(job_id: int, insights: SalaryInsights) -> Position | None:
    """None when the job has no convertible salary or fewer than MIN_COMPARABLE comparable jobs."""
    job = insights.rows.get(job_id)
    if job is None:
        return None
    others = [row for row in insights.rows.values() if row.id != job_id and row.family == job.family]
    same_level = [row for row in others if row.level == job.level]
    if len(same_level) >= MIN_COMPARABLE:
        chosen, basis = same_level, f"{job.family} · {job.level}"
    elif len(others) >= MIN_COMPARABLE:
        chosen, basis = others, _("%(family)s (any level)") % {"family": job.family}
    else:
        return None
    mids = [row.salary.mid for row in chosen]
    below = sum(1 for mid in mids if mid < job.salary.mid)
    ties = sum(1 for mid in mids if mid == job.salary.mid)
    percentile = round(100 * (below + ties / 2) / len(mids))
    stats = Stats.of(mids)
    assert stats is not None
    return Position(job=job, basis=basis, stats=stats, below=below, percentile=percentile)
