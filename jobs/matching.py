"""Match score (0–100) of a job for a profile: pure, deterministic and explained.

The score is the sum of three weighted components, each scored 0–1:

- **Tech stack (50)**: the share of the job's stack the profile has. Skills compare as canonical
  names through the taxonomy (``jobs.skills.canonicalize``), case-insensitively, so "Postgres"
  in a profile matches "PostgreSQL" in a stack. Names outside the taxonomy compare as typed,
  ignoring case.
- **Location (30)**: remote jobs (remote option "remote", or a location such as "Remote - EU"
  when the job does not say it is on-site/hybrid) match users open to remote work: remote
  preference any/remote/hybrid, or "Remote" among their preferred locations. Other jobs need one
  of the preferred locations: "Berlin, Germany" matches a job in "Berlin" or "Berlin, DE"; a
  preference for "Germany" matches any German city; "Berlin, Germany" does not match "Munich,
  Germany" (the first, most specific part of a preference must appear in the job's location).
  An on-site job in the right city earns half for a user who prefers hybrid, none for a user who
  wants remote only; a remote job earns nothing for a user who wants on-site only.
- **Experience (20)**: full credit for the same level, half for an adjacent one (junior↔mid,
  mid↔senior), none two levels apart. The job's level is read from its title, else from explicit
  phrases at the start of its requirements and description, else it is taken as mid-level
  (``jobs.seniority``).

Rules for missing data (each is stated in the reasons):

- Job without a stack: skills count as neutral, half credit.
- Profile without skills: the stack earns **no** credit for every job (so the ranking is not
  skewed, and adding a first skill can only raise a score: neutral credit here would make adding
  a skill that matches 1 of 5 lower the score).
- Profile without locations: half credit, except that remote jobs still match users open to
  remote, and a remote-only user still gets nothing for on-site jobs.
- Job without a location (and not remote): half credit.
- Profile without an experience level: half credit.

``total`` is the weighted sum rounded half up. :func:`match_job` scores one job with its
breakdown; :func:`score_rows` gives breakdowns for many (rows from :func:`match_rows`); the fast
batch is :func:`queryset_totals` (totals only: one query of tuples with only the scored columns,
stacks decoded in one ``json.loads``, the profile canonicalised once into a :class:`MatchProfile`,
and per-batch memos for locations, titles and skill names). All paths give the same totals.
:func:`annotate_match_score` puts the totals on a queryset, for the jobs list sorted by best match.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, TextField, Value, When
from django.db.models.functions import Cast

from copilot.accounts.services import get_profile
from jobs.seniority import LEVELS, infer_seniority, seniority, seniority_text, title_level
from jobs.skills import canonical_skill_name, stack_keys, stack_skills

__all__ = [
    "MATCH_FIELDS",
    "WEIGHTS",
    "Component",
    "MatchProfile",
    "MatchResult",
    "annotate_match_score",
    "decode_json_lists",
    "location_matches",
    "match_job",
    "match_rows",
    "prepare_profile",
    "queryset_totals",
    "score_rows",
    "score_totals",
]

WEIGHTS: dict[str, int] = {"skills": 50, "location": 30, "experience": 20}
LABELS: dict[str, str] = {"skills": "Tech stack", "location": "Location", "experience": "Experience"}
NEUTRAL = 0.5
ADJACENT_LEVEL = 0.5
PARTIAL_LOCATION = 0.5
#: Columns (and annotations) a batch needs; see :func:`match_rows`.
MATCH_FIELDS = ("id", "title", "location", "remote_option", "tech_stack")

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
LEVEL_ROLE = {"junior": "Junior role", "mid": "Mid-level role", "senior": "Senior role"}
LEVEL_PERSON = {"junior": "junior", "mid": "mid-level", "senior": "senior"}


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Component:
    name: str  # "skills", "location" or "experience"
    label: str
    weight: int  # points this component is worth
    score: float  # 0–1
    points: float  # weight × score, rounded to one decimal for display
    reason: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    total: int  # 0–100
    components: tuple[Component, ...]
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    job_level: str  # junior, mid or senior (as read from the job)
    job_level_source: str  # "title", "text" or "default"

    @property
    def band(self) -> str:
        """Colour band of the score: "high" (70+), "medium" (40–69) or "low"."""
        return "high" if self.total >= 70 else "medium" if self.total >= 40 else "low"

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(component.reason for component in self.components)

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)


# --------------------------------------------------------------------------------------------
# Profile, prepared once per batch
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchProfile:
    skills: tuple[str, ...]  # canonical display names
    skill_keys: frozenset[str]  # casefolded canonical names
    locations: tuple[str, ...]  # as typed, for reasons
    location_keys: tuple[tuple[str, ...], ...]  # normalised parts of each non-remote location
    lists_remote: bool  # "Remote" (or "Remote - EU", "anywhere") among the locations
    remote_preference: str  # any, remote, hybrid, onsite
    level: str  # junior, mid, senior or ""

    @property
    def open_to_remote(self) -> bool:
        # any, remote and hybrid take remote jobs; "Remote" typed among the locations says so too.
        return self.remote_preference != "onsite" or self.lists_remote

    @property
    def is_empty(self) -> bool:
        return not (self.skills or self.locations or self.level)


def prepare_profile(profile: Any) -> MatchProfile:
    """Canonicalise a profile (a ``Profile`` or anything with the same attributes) once."""
    if isinstance(profile, MatchProfile):
        return profile
    skills: dict[str, str] = {}
    for raw in getattr(profile, "skills", None) or []:
        if isinstance(raw, str) and raw.strip():
            name = canonical_skill_name(raw)
            skills.setdefault(name.casefold(), name)
    locations = tuple(
        loc.strip()
        for loc in getattr(profile, "preferred_locations", None) or []
        if isinstance(loc, str) and loc.strip()
    )
    location_keys = []
    lists_remote = False
    for location in locations:
        remote, parts = _location_parts(location)
        lists_remote = lists_remote or remote
        if parts:
            location_keys.append(parts)
    level = getattr(profile, "experience_level", "") or ""
    preference = getattr(profile, "remote_preference", "") or "any"
    return MatchProfile(
        skills=tuple(skills.values()),
        skill_keys=frozenset(skills),
        locations=locations,
        location_keys=tuple(location_keys),
        lists_remote=lists_remote,
        remote_preference=preference,
        level=level if level in LEVEL_RANK else "",
    )


# --------------------------------------------------------------------------------------------
# Skills
# --------------------------------------------------------------------------------------------


def _list_names(names: list[str], limit: int = 6) -> str:
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def _skills_component(stack: Iterable[str] | None, mp: MatchProfile) -> tuple[float, str, list[str], list[str]]:
    names = stack_skills(stack)
    if not names:
        return NEUTRAL, "This job lists no tech stack, so skills count as neutral (half credit)", [], []
    total = len(names)
    matched = [name for key, name in names.items() if key in mp.skill_keys]
    missing = [name for key, name in names.items() if key not in mp.skill_keys]
    if not mp.skill_keys:
        return (
            0.0,
            "Your profile lists no skills, so the tech stack earns no points yet: add your skills in settings",
            [],
            missing,
        )
    if not matched:
        reason = (
            f"Matches none of the {total} skills; missing: {_list_names(missing)}"
            if total > 1
            else f"Lacks the one skill asked: {missing[0]}"
        )
    elif not missing:
        reason = (
            f"Matches all {total} skills: {_list_names(matched)}"
            if total > 1
            else f"Matches the one skill asked: {matched[0]}"
        )
    else:
        reason = f"Matches {len(matched)} of {total} skills: {_list_names(matched)}; missing: {_list_names(missing)}"
    return len(matched) / total, reason, matched, missing


# --------------------------------------------------------------------------------------------
# Location
# --------------------------------------------------------------------------------------------

_REMOTE_WORDS = (
    "remote",
    "anywhere",
    "work from home",
    "wfh",
    "distributed",
    "home office",
    "home-based",
    "telecommute",
)
# Words about the work mode, not the place: dropped from location parts ("Hybrid (Berlin)" → berlin).
_MODE_WORDS = re.compile(
    r"\b(?:remote|hybrid|on-?site|in[- ]office|office|fully|full|anywhere|work from home|wfh|home office"
    r"|home-based|telecommute|distributed|only|first|friendly|ok|possible|based)\b"
)
_SEPARATORS = re.compile(r"\s*(?:[,;/|()\[\]•·]|\s[-–—]\s|\bor\b|\band\b|&)\s*")
_ALIASES = {
    "nyc": "new york",
    "new york city": "new york",
    "ny": "new york",
    "sf": "san francisco",
    "la": "los angeles",
    "muenchen": "munich",
    "munchen": "munich",
    "koln": "cologne",
    "koeln": "cologne",
    "wien": "vienna",
    "praha": "prague",
    "bengaluru": "bangalore",
    "frankfurt am main": "frankfurt",
    "den haag": "the hague",
    "lisboa": "lisbon",
    "roma": "rome",
    "milano": "milan",
    "zurich": "zurich",
    "geneve": "geneva",
    "deutschland": "germany",
    "de": "germany",
    "uk": "united kingdom",
    "gb": "united kingdom",
    "great britain": "united kingdom",
    "england": "united kingdom",
    "usa": "united states",
    "us": "united states",
    "u.s.": "united states",
    "united states of america": "united states",
    "nl": "netherlands",
    "the netherlands": "netherlands",
    "holland": "netherlands",
    "ch": "switzerland",
    "at": "austria",
    "europe": "eu",
    "european union": "eu",
    "emea": "eu",
}


def _fold(text: str) -> str:
    """Lowercase and strip accents: "Zürich" → "zurich", "Köln" → "koln"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def _location_parts(location: str) -> tuple[bool, tuple[str, ...]]:
    """(says remote?, normalised place parts most specific first) of a location string."""
    folded = _fold(location or "")
    remote = any(word in folded for word in _REMOTE_WORDS)
    parts: list[str] = []
    for chunk in _SEPARATORS.split(folded):
        chunk = " ".join(_MODE_WORDS.sub(" ", chunk).replace(".", " ").split()) if chunk else ""
        chunk = _ALIASES.get(chunk, chunk)
        if chunk and chunk not in parts:
            parts.append(chunk)
    return remote, tuple(parts)


def location_matches(preference_parts: tuple[str, ...], job_parts: tuple[str, ...]) -> bool:
    """Does a preference ("berlin", "germany") match a job's place parts?

    The preference's most specific part (its first) must equal one of the job's parts or appear
    in one as whole words ("berlin" in "greater berlin area").
    """
    if not preference_parts or not job_parts:
        return False
    key = preference_parts[0]
    padded = f" {key} "
    return any(part == key or padded in f" {part} " for part in job_parts)


def _location_component(location: str, remote_option: str, mp: MatchProfile) -> tuple[float, str]:
    says_remote, parts = _location_parts(location or "")
    is_remote = remote_option == "remote" or (says_remote and remote_option != "onsite")
    where = location.strip() if location else ""
    if is_remote:
        if not mp.open_to_remote:
            return 0.0, "Remote job; you prefer on-site work"
        return 1.0, "Remote job and you are open to remote"
    in_place = " in " + where if where else ""
    if mp.remote_preference == "remote":
        # Remote only: nothing for on-site work; a hybrid role in one of their places earns part.
        if remote_option == "hybrid" and any(location_matches(p, parts) for p in mp.location_keys):
            return PARTIAL_LOCATION, f"Hybrid role in {where}; you want remote only: partial credit"
        if remote_option in ("hybrid", "onsite"):
            kind = "Hybrid role" if remote_option == "hybrid" else "On-site role"
            return 0.0, f"{kind}{in_place}; you want remote only"
        if not parts:
            return (
                NEUTRAL,
                "This job gives neither a location nor a remote option, so location counts as neutral (half credit)",
            )
        return 0.0, f"Job in {where}, not stated as remote; you want remote only"
    if not parts:
        return NEUTRAL, "This job gives no location, so location counts as neutral (half credit)"
    if not mp.location_keys:
        return NEUTRAL, f"Your profile lists no preferred locations, so {where} gets half credit"
    if not any(location_matches(p, parts) for p in mp.location_keys):
        return 0.0, f"{where} is not one of your preferred locations"
    if remote_option == "onsite" and mp.remote_preference == "hybrid":
        return PARTIAL_LOCATION, f"On-site role in {where}; you prefer hybrid: partial credit"
    kind = {"hybrid": "Hybrid role", "onsite": "On-site role"}.get(remote_option, "Based")
    return 1.0, f"{kind} in {where}, one of your preferred locations"


# --------------------------------------------------------------------------------------------
# Experience
# --------------------------------------------------------------------------------------------

def _experience_component(level: str, source: str, mp: MatchProfile) -> tuple[float, str]:
    role = LEVEL_ROLE[level]
    if source == "default":
        role += " (no seniority stated)"
    elif source == "text":
        role += " (from the job text)"
    if not mp.level:
        return NEUTRAL, f"{role}; your profile has no experience level, so half credit"
    gap = abs(LEVEL_RANK[level] - LEVEL_RANK[mp.level])
    if gap == 0:
        return 1.0, f"{role} matches your level"
    if gap == 1:
        return ADJACENT_LEVEL, f"{role}; you are {LEVEL_PERSON[mp.level]}: partial credit"
    return 0.0, f"{role}; you are {LEVEL_PERSON[mp.level]}: no credit"


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _round_half_up(value: float) -> int:
    return int(value + 0.5 + 1e-9)


def _result(
    skills: tuple[float, str, list[str], list[str]], place: tuple[float, str], level: str, source: str, mp: MatchProfile
) -> MatchResult:
    experience = _experience_component(level, source, mp)
    parts = (
        ("skills", skills[0], skills[1]),
        ("location", place[0], place[1]),
        ("experience", experience[0], experience[1]),
    )
    components = tuple(
        Component(name, LABELS[name], WEIGHTS[name], score, round(WEIGHTS[name] * score, 1), reason)
        for name, score, reason in parts
    )
    raw = sum(WEIGHTS[name] * score for name, score, _ in parts)
    return MatchResult(
        total=min(100, max(0, _round_half_up(raw))),
        components=components,
        matched_skills=tuple(skills[2]),
        missing_skills=tuple(skills[3]),
        job_level=level,
        job_level_source=source,
    )


def match_job(job: Any, profile: Any) -> MatchResult:
    """Score one job (a ``Job`` or an object with its attributes) for a profile."""
    mp = prepare_profile(profile)
    text = seniority_text(getattr(job, "requirements", ""), getattr(job, "description_text", ""))
    level, source = infer_seniority(job.title or "", text)
    return _result(
        _skills_component(job.tech_stack, mp),
        _location_component(job.location or "", job.remote_option or "", mp),
        level,
        source,
        mp,
    )


def score_rows(rows: Iterable[Mapping[str, Any]], profile: Any) -> list[tuple[Mapping[str, Any], MatchResult]]:
    """Score many jobs given as rows (``title``, ``location``, ``remote_option``, ``tech_stack`` and
    optionally ``text_level``), e.g. from :func:`match_rows`. Same results as :func:`match_job`."""
    mp = prepare_profile(profile)
    location_memo: dict[tuple[str, str], tuple[float, str]] = {}
    scored = []
    for row in rows:
        key = (row.get("location") or "", row.get("remote_option") or "")
        place = location_memo.get(key)
        if place is None:
            place = location_memo[key] = _location_component(key[0], key[1], mp)
        level, source = seniority(row.get("title") or "", row.get("text_level") or "")
        scored.append((row, _result(_skills_component(row.get("tech_stack"), mp), place, level, source, mp)))
    return scored


def _totals(rows: Iterable[tuple[int, str | None, str | None, str | None, Any, str | None]], mp: MatchProfile,
            ) -> dict[int, int]:
    """Totals by job id from ``(id, title, location, remote_option, stack, text level)`` tuples.

    The same arithmetic as :func:`_result` with the component functions inlined or memoised
    per batch (locations and levels repeat), since this loop runs once per job.
    """
    place_memo: dict[tuple[str, str], float] = {}
    experience_memo: dict[tuple[str, str], float] = {}
    w_skills, w_place, w_experience = WEIGHTS["skills"], WEIGHTS["location"], WEIGHTS["experience"]
    skill_keys = mp.skill_keys
    has_skills = bool(skill_keys)
    totals: dict[int, int] = {}
    for job_id, title, location, remote_option, stack, text_level in rows:
        key = (location or "", remote_option or "")
        place = place_memo.get(key)
        if place is None:
            place = place_memo[key] = _location_component(key[0], key[1], mp)[0]
        level = title_level(title or "")
        source = "title"
        if not level:
            level = text_level or ""
            source = "text" if level else "default"
            level = level or "mid"
        experience = experience_memo.get((level, source))
        if experience is None:
            experience = experience_memo[(level, source)] = _experience_component(level, source, mp)[0]
        keys = stack_keys(stack)
        if not keys:
            skills = NEUTRAL
        elif has_skills:
            skills = len(keys & skill_keys) / len(keys)
        else:
            skills = 0.0
        total = int(w_skills * skills + w_place * place + w_experience * experience + 0.5 + 1e-9)
        totals[job_id] = 100 if total > 100 else max(total, 0)
    return totals


def score_totals(rows: Iterable[Mapping[str, Any]], profile: Any) -> dict[int, int]:
    """Only the totals, by job id, for rows like :func:`score_rows`'s: no reasons are formatted."""
    return _totals(
        (
            (
                row["id"],
                row.get("title"),
                row.get("location"),
                row.get("remote_option"),
                row.get("tech_stack"),
                row.get("text_level"),
            )
            for row in rows
        ),
        prepare_profile(profile),
    )


def decode_json_lists(texts: list[str | None]) -> list[Any]:
    """Decode many small JSON texts with one ``json.loads`` (much faster than one call each)."""
    try:
        return json.loads("[" + ",".join(text or "null" for text in texts) + "]")
    except ValueError:  # one malformed text: decode them one by one, the bad one as None
        decoded = []
        for text in texts:
            try:
                decoded.append(json.loads(text) if text else None)
            except ValueError:
                decoded.append(None)
        return decoded


def queryset_totals(queryset, profile: Any) -> dict[int, int]:
    """Totals by job id for every job of a ``Job`` queryset: the fast batch.

    One query of tuples with only the scored columns; the stacks come as JSON text and are
    decoded together (see :func:`decode_json_lists`). Same totals as :func:`match_job`.
    """
    rows = list(
        queryset.order_by().values_list(
            "id", "title", "location", "remote_option", Cast("tech_stack", TextField()), "text_level"
        )
    )
    stacks = decode_json_lists([row[4] for row in rows])
    return _totals(
        ((row[0], row[1], row[2], row[3], stack, row[5]) for row, stack in zip(rows, stacks, strict=True)),
        prepare_profile(profile),
    )


def match_rows(queryset, *extra_fields: str):
    """The rows :func:`score_rows` needs from a ``Job`` queryset: only the scored columns, plus ``extra_fields``."""
    return queryset.order_by().values(*MATCH_FIELDS, *extra_fields, "text_level")


def annotate_match_score(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` annotated with ``match_score`` (0–100) for ordering the jobs list by best match.

    Scores are computed in Python over the queryset's jobs (one extra query, only the scored
    columns) and written back as a CASE over job ids grouped by score (at most 101 groups; the
    largest group is the default). Fine up to some 10,000 jobs (one SQL parameter per job).
    """
    totals = queryset_totals(queryset, get_profile(user))
    groups: dict[int, list[int]] = {}
    for job_id, total in totals.items():
        groups.setdefault(total, []).append(job_id)
    default = max(groups, key=lambda score: len(groups[score])) if groups else 0
    cases = [When(pk__in=ids, then=Value(score)) for score, ids in sorted(groups.items()) if score != default]
    return queryset.annotate(match_score=Case(*cases, default=Value(default), output_field=IntegerField()))
