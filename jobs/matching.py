"""Match score (0–100) of a job for a profile: pure, deterministic and explained.

The score is the sum of three weighted components, each scored 0–1 and explained in one sentence:

**Tech stack (50).** Skills compare as canonical names through the taxonomy
(``jobs.skills.canonicalize``), case-insensitively ("Postgres" in a profile matches "PostgreSQL"
in a stack); names outside the taxonomy compare as typed, ignoring case. Only the job's tech
skills count: its required stack (``Job.tech_stack``) in full and its nice-to-have stack
(``Job.preferred_stack``) at :data:`PREFERRED_WEIGHT` (half) each; a skill in both counts as
required; soft skills and spoken languages (``Job.soft_skills``) never count.

*Evidence counts.* A share computed from one or two skills says little ("(Python)" in a title
and no description), so it is shrunk toward a neutral prior until the stack is big enough to
trust, by limited-fluctuation credibility (a blend that reaches full weight at a set amount of
evidence)::

    weight   = required + 0.5 × nice-to-have                (skills the share rests on)
    share    = (matched required + 0.5 × matched nice-to-have) / weight
    evidence = min(1, weight / 5)                            (FULL_EVIDENCE = 5 skills)
    score    = evidence × share + (1 − evidence) × 0.5      (STACK_PRIOR = neutral, as for no stack)

Worked example, for a user who has Python, Django, PostgreSQL, Docker, Redis and AWS:

- "Backend Developer (Python)", stack [Python]: weight 1, share 1, evidence 0.2 →
  0.2 × 1 + 0.8 × 0.5 = **0.60 → 30 of 50 points** ("Matches 1 of 1 skill … little to go on").
- A detailed posting matching 6 of 7 required skills: weight 7, evidence 1 → 6/7 = **0.857 →
  42.9 points**, so it ranks above the one-skill job (with the same place and level).
- 2 of 2 scores 0.70 (35 points): one or two matching skills never outrank a well-described job
  matching 6 of 7; 5 of 5 or more scores the full 50.
- 4 of 5 required and 1 of 3 nice-to-have: weight 5 + 1.5 = 6.5, matched 4 + 0.5 = 4.5, evidence
  1 → 0.692 → 34.6 points.

A job without a stack has no evidence at all, so it scores the prior (neutral, half credit): the
rule for "no stack" is the same rule at weight 0.

**Location (30)**, through ``jobs.locations`` (the one model of places, shared with the ingestion
keep-rule, the board normalisation and the profile form): the profile's preferred locations are
read once (:func:`jobs.locations.parse_preferences`), the job's location with its board's remote
flag (:func:`jobs.locations.parse_job_location`), and :func:`jobs.locations.location_match`
scores the geography and the remote scope and says why: a country preference matches every place
in it, a city matches however it is spelt (Warszawa = Warsaw), Portland, OR is not Portland, ME;
a remote job restricted to a region ("Remote - EU", "Remote (US only)") gives full marks only
when one of the user's places is inside it ("Remote within the EU, and Berlin, Germany is in the
EU"), none when all are outside ("Remote, but only for people in the US"). On top of that, the
work mode the user prefers:

- a remote job earns nothing for a user who wants on-site work only (remote preference
  "onsite" and no "Remote" typed among the locations);
- a user who wants remote only gets nothing for an on-site job, at most half for a hybrid one in
  one of their places, nothing for a job in a place that is not stated as remote;
- a user who prefers hybrid gets at most half for an on-site job in one of their places.

**Experience (20)**, through ``jobs.seniority``: the job's level comes from its title, else from
its text (level phrases, years of experience asked; stored as ``Job.text_level``). Levels rank
junior, mid, senior, manager; full credit for the same level, half for adjacent ones, none two or
more apart. Management (Engineering Manager, Head of, Director, VP, CTO) is its own track, ranked
one step past senior: a senior individual contributor gets half for a management role (and a
manager half for a senior IC role), a mid-level or junior one nothing. Staff and Principal are
senior.

Rules for missing data (each is stated in the reasons):

- Job without a stack: skills count as neutral, half credit (see above).
- Profile without skills: the stack earns **no** credit for every job (so the ranking is not
  skewed, and adding a first skill can only raise a score).
- Profile without locations: half credit for places, except that remote jobs still match users
  open to remote, and a remote-only user still gets nothing for on-site jobs; a remote job
  restricted to a region gets half (nothing says whether the user can apply).
- Job without a location (and not remote): half credit.
- Job stating no seniority (no level in the title, none in the text): **three quarters**
  (:data:`UNKNOWN_LEVEL`) — halfway between a stated match (1) and an adjacent level (0.5): an
  unstated level is usually open to the user (most postings say nothing), but a job that states
  the user's level ranks above it, and one that states an adjacent level below it.
- Profile without an experience level: half credit.

``total`` is the weighted sum rounded half up. There is one scoring path: the component scores
come from the same functions (:func:`stack_score`, :func:`_location_component`,
:func:`experience_score`, :func:`_total`) whether a job is scored alone with its reasons
(:func:`match_job`, :func:`score_rows`) or in a batch for totals only (:func:`queryset_totals`,
:func:`score_totals`: one query of tuples with only the scored columns, stacks decoded in one
``json.loads``, the profile prepared once into a :class:`MatchProfile`, locations and levels
memoised per batch); the batch only skips formatting reasons. A hypothesis property in the tests
checks both agree for any profile and job. :func:`annotate_match_score` puts the totals on a
queryset, for the jobs list sorted by best match.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from copilot.accounts.services import get_profile
from jobs.locations import (
    HYBRID,
    ONSITE,
    Location,
    describe_place,
    location_match,
    parse_job_location,
    parse_preferences,
)
from jobs.seniority import LEVELS, MANAGER, seniority, text_level_of
from jobs.skills import canonical_skill_name, stack_keys, stack_skills

__all__ = [
    "FULL_EVIDENCE",
    "MATCH_FIELDS",
    "PREFERRED_WEIGHT",
    "UNKNOWN_LEVEL",
    "WEIGHTS",
    "Component",
    "MatchProfile",
    "MatchResult",
    "annotate_match_score",
    "decode_json_lists",
    "experience_score",
    "job_total",
    "match_job",
    "match_rows",
    "prepare_profile",
    "profile_key",
    "queryset_totals",
    "score_rows",
    "score_totals",
    "stack_score",
]

WEIGHTS: dict[str, int] = {"skills": 50, "location": 30, "experience": 20}
LABELS = {"skills": gettext_lazy("Tech stack"), "location": gettext_lazy("Location"),
          "experience": gettext_lazy("Experience")}
NEUTRAL = 0.5
ADJACENT_LEVEL = 0.5
PARTIAL_LOCATION = 0.5
#: A nice-to-have skill weighs this much of a required one, in the share and in the evidence.
PREFERRED_WEIGHT = 0.5
#: Skill weight at which a stack's share counts in full; below it the share is blended with the prior.
FULL_EVIDENCE = 5.0
#: What a share resting on little evidence is pulled toward: neutral, as for a job without a stack.
STACK_PRIOR = NEUTRAL
#: Experience credit for a job that states no seniority (halfway between adjacent and the same level).
UNKNOWN_LEVEL = 0.75
#: Columns a batch needs; see :func:`match_rows`.
MATCH_FIELDS = ("id", "title", "location", "remote_option", "tech_stack", "preferred_stack", "text_level")

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
LEVEL_ROLE = {"junior": gettext_lazy("Junior role"), "mid": gettext_lazy("Mid-level role"),
              "senior": gettext_lazy("Senior role"), MANAGER: gettext_lazy("Management role")}
# Translators: completes "you are …" in a match reason.
LEVEL_PERSON = {"junior": gettext_lazy("junior"), "mid": gettext_lazy("mid-level"), "senior": gettext_lazy("senior"),
                MANAGER: gettext_lazy("a manager")}


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
    matched_skills: tuple[str, ...]  # required skills the user has
    missing_skills: tuple[str, ...]  # required skills the user lacks
    matched_preferred: tuple[str, ...]  # nice-to-have skills the user has
    missing_preferred: tuple[str, ...]  # nice-to-have skills the user lacks
    job_level: str  # junior, mid, senior, manager, or "" when the job states none
    job_level_source: str  # "title", "text", or "" when the job states none

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
    place_preference: Location  # the locations read as places (jobs.locations)
    remote_preference: str  # any, remote, hybrid, onsite
    level: str  # junior, mid, senior, manager or ""

    @property
    def lists_remote(self) -> bool:
        """"Remote" (or "Remote - EU", "Anywhere") typed among the preferred locations."""
        return self.place_preference.is_remote

    @property
    def open_to_remote(self) -> bool:
        # any, remote and hybrid take remote jobs; "Remote" typed among the locations says so too.
        return self.remote_preference != "onsite" or self.lists_remote

    @property
    def is_empty(self) -> bool:
        return not (self.skills or self.locations or self.level)


def profile_key(profile: Any) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    """What of a profile the score reads: equal keys score every job the same."""
    skills = tuple(raw for raw in getattr(profile, "skills", None) or [] if isinstance(raw, str) and raw.strip())
    locations = tuple(
        loc.strip()
        for loc in getattr(profile, "preferred_locations", None) or []
        if isinstance(loc, str) and loc.strip()
    )
    return (skills, locations, getattr(profile, "experience_level", "") or "",
            getattr(profile, "remote_preference", "") or "any")


def prepare_profile(profile: Any) -> MatchProfile:
    """Canonicalise a profile (a ``Profile`` or anything with the same attributes) once; memoised by
    :func:`profile_key`, since every job write scores the job for its owner's profile."""
    if isinstance(profile, MatchProfile):
        return profile
    return _prepare(profile_key(profile))


@lru_cache(maxsize=256)
def _prepare(key: tuple[tuple[str, ...], tuple[str, ...], str, str]) -> MatchProfile:
    raw_skills, locations, level, preference = key
    skills: dict[str, str] = {}
    for raw in raw_skills:
        name = canonical_skill_name(raw)
        skills.setdefault(name.casefold(), name)
    return MatchProfile(
        skills=tuple(skills.values()),
        skill_keys=frozenset(skills),
        locations=locations,
        place_preference=parse_preferences(locations),
        remote_preference=preference,
        level=level if level in LEVEL_RANK else "",
    )


# --------------------------------------------------------------------------------------------
# Skills
# --------------------------------------------------------------------------------------------


def stack_score(required: int, preferred: int, matched_required: int, matched_preferred: int,
                has_skills: bool) -> float:
    """The stack component (0–1) from counts: the share, shrunk toward the prior by evidence.

    See the module docstring for the rule and a worked example.
    """
    weight = required + PREFERRED_WEIGHT * preferred
    if not weight:
        return NEUTRAL
    if not has_skills:
        return 0.0
    share = (matched_required + PREFERRED_WEIGHT * matched_preferred) / weight
    evidence = min(1.0, weight / FULL_EVIDENCE)
    return evidence * share + (1.0 - evidence) * STACK_PRIOR


def _list_names(names: list[str], limit: int = 6) -> str:
    if len(names) <= limit:
        return ", ".join(names)
    rest = len(names) - limit
    return ngettext("%(names)s and %(count)d more", "%(names)s and %(count)d more", rest) % {
        "names": ", ".join(names[:limit]), "count": rest}


def _matches(matched: int, total: int) -> str:
    """"Matches 3 of 4 skills", "… all 4 skills", "… both skills", "… none of the 4 skills", "… 1 of 1 skill"."""
    values = {"matched": matched, "total": total}
    if total == 2 and matched == 2:
        return _("Matches both skills")
    if total > 1 and matched == total:
        return ngettext("Matches all %(total)d skill", "Matches all %(total)d skills", total) % values
    if total > 1 and matched == 0:
        return ngettext("Matches none of the %(total)d skill", "Matches none of the %(total)d skills", total) % values
    return ngettext("Matches %(matched)d of %(total)d skill", "Matches %(matched)d of %(total)d skills", total) % values


def _matches_preferred(matched: int, total: int) -> str:
    """As :func:`_matches`, for a job whose skills are all nice-to-have."""
    values = {"matched": matched, "total": total}
    if total == 2 and matched == 2:
        text = _("Matches both nice-to-have skills")
    elif total > 1 and matched == total:
        text = ngettext("Matches all %(total)d nice-to-have skill", "Matches all %(total)d nice-to-have skills",
                        total) % values
    elif total > 1 and matched == 0:
        text = ngettext("Matches none of the %(total)d nice-to-have skill",
                        "Matches none of the %(total)d nice-to-have skills", total) % values
    else:
        text = ngettext("Matches %(matched)d of %(total)d nice-to-have skill",
                        "Matches %(matched)d of %(total)d nice-to-have skills", total) % values
    return _("%(matches)s (the job marks none as required)") % {"matches": text}


def _skills_component(
    stack: Iterable[str] | None, preferred_stack: Iterable[str] | None, mp: MatchProfile
) -> tuple[float, str, tuple[list[str], list[str], list[str], list[str]]]:
    """(score, reason, (matched required, missing required, matched nice-to-have, missing nice-to-have))."""
    required = stack_skills(stack)
    preferred = {key: name for key, name in stack_skills(preferred_stack).items() if key not in required}
    keys = mp.skill_keys
    matched = [name for key, name in required.items() if key in keys]
    missing = [name for key, name in required.items() if key not in keys]
    matched_p = [name for key, name in preferred.items() if key in keys]
    missing_p = [name for key, name in preferred.items() if key not in keys]
    names = (matched, missing, matched_p, missing_p)
    score = stack_score(len(required), len(preferred), len(matched), len(matched_p), bool(keys))
    if not (required or preferred):
        return score, _("This job lists no tech stack, so skills count as neutral (half credit)"), names
    if not keys:
        reason = _("Your profile lists no skills, so the tech stack earns no points yet: add your skills in settings")
        return score, reason, names
    if not preferred:
        reason = _matches(len(matched), len(required))
    elif not required:
        reason = _matches_preferred(len(matched_p), len(preferred))
    else:
        reason = ngettext(
            "Matches %(matched)d of %(required)d required and %(matched_p)d of %(preferred)d "
            "nice-to-have skill (nice-to-haves count half)",
            "Matches %(matched)d of %(required)d required and %(matched_p)d of %(preferred)d "
            "nice-to-have skills (nice-to-haves count half)",
            len(preferred),
        ) % {"matched": len(matched), "required": len(required), "matched_p": len(matched_p),
             "preferred": len(preferred)}
    if matched or matched_p:
        reason += ": " + _list_names(matched + matched_p)
    if missing:
        reason += _("; missing: %(names)s") % {"names": _list_names(missing)}
    if missing_p:
        if missing:
            reason += _("; also nice to have: %(names)s") % {"names": _list_names(missing_p)}
        else:
            reason += _("; nice to have: %(names)s") % {"names": _list_names(missing_p)}
    weight = len(required) + PREFERRED_WEIGHT * len(preferred)
    if weight < FULL_EVIDENCE:
        reason += _(
            " — little to go on, so the match counts %(percent)d %% and the rest is neutral "
            "(a stack counts in full from %(full)d skills)"
        ) % {"percent": round(100 * weight / FULL_EVIDENCE), "full": round(FULL_EVIDENCE)}
    return score, reason, names


# --------------------------------------------------------------------------------------------
# Location
# --------------------------------------------------------------------------------------------


def _where(job: Location) -> str:
    return "; ".join(describe_place(place) for place in job.places) or job.text.strip()


def _location_component(location: str, remote_option: str, mp: MatchProfile) -> tuple[float, str]:
    """(score, reason) of a job's place for the profile: the geography and remote scope from
    ``jobs.locations``, then the user's work-mode preference (see the module docstring)."""
    job = parse_job_location(location or "", remote_option or "")
    if job.is_remote:
        found = location_match(mp.place_preference, job, remote_ok=mp.open_to_remote)
        if not mp.open_to_remote and found.score > 0:
            # "Berlin, Germany; Remote": the job also names one of their places, so they could work there.
            return min(found.score, PARTIAL_LOCATION), _("%(reason)s; you prefer on-site work: partial credit") % {
                "reason": found.reason}
        return found.score, found.reason
    found = location_match(mp.place_preference, job, remote_ok=mp.open_to_remote)
    where = _where(job)
    kind = {HYBRID: _("Hybrid role"), ONSITE: _("On-site role")}.get(job.mode, "")
    if mp.remote_preference == "remote":
        # Remote only: nothing for on-site work; a hybrid role in one of their places earns part.
        if job.mode == HYBRID and found.score > 0 and mp.place_preference.places:
            return min(found.score, PARTIAL_LOCATION), _(
                "Hybrid role in %(where)s; you want remote only: partial credit") % {"where": where}
        if kind:
            if where:
                # Translators: "Hybrid role in Berlin, Germany; you want remote only" (or "On-site role").
                return 0.0, _("%(kind)s in %(where)s; you want remote only") % {"kind": kind, "where": where}
            return 0.0, _("%(kind)s; you want remote only") % {"kind": kind}
        if not job.places:
            return (
                NEUTRAL,
                _("This job gives neither a location nor a remote option, so location counts as neutral (half credit)"),
            )
        return 0.0, _("Job in %(where)s, not stated as remote; you want remote only") % {"where": where}
    if job.mode == ONSITE and mp.remote_preference == "hybrid" and found.score > 0 and mp.place_preference.places:
        return min(found.score, PARTIAL_LOCATION), _(
            "On-site role in %(where)s; you prefer hybrid: partial credit") % {"where": where}
    if kind and job.places:
        kind = _("hybrid role") if job.mode == HYBRID else _("on-site role")
        return found.score, _("%(reason)s (%(kind)s)") % {"reason": found.reason, "kind": kind}
    return found.score, found.reason


# --------------------------------------------------------------------------------------------
# Experience
# --------------------------------------------------------------------------------------------


def experience_score(level: str, profile_level: str) -> float:
    """The experience component (0–1) for a job's level ("" unknown) and the profile's."""
    if not profile_level:
        return NEUTRAL
    if not level:
        return UNKNOWN_LEVEL
    gap = abs(LEVEL_RANK[level] - LEVEL_RANK[profile_level])
    return 1.0 if gap == 0 else ADJACENT_LEVEL if gap == 1 else 0.0


def _experience_component(level: str, source: str, profile_level: str) -> tuple[float, str]:
    score = experience_score(level, profile_level)
    if not level:
        if not profile_level:
            return score, _("This job states no seniority (no level in its title, no years of experience asked), "
                            "and your profile has no experience level, so half credit")
        return score, _("This job states no seniority (no level in its title, no years of experience asked), "
                        "so three quarters of the credit")
    role = str(LEVEL_ROLE[level])
    if source == "text":
        role = _("%(role)s (from the job text)") % {"role": role}
    if not profile_level:
        return score, _("%(role)s; your profile has no experience level, so half credit") % {"role": role}
    values = {"role": role, "person": LEVEL_PERSON[profile_level]}
    if score == 1.0:
        return score, _("%(role)s matches your level") % values
    if level == MANAGER:
        if score:
            return score, _("%(role)s; you are %(person)s: partial credit (management is its own track, one step "
                            "past senior)") % values
        return score, _("%(role)s; you are %(person)s: no credit (management is its own track, one step "
                        "past senior)") % values
    if profile_level == MANAGER:
        if score:
            return score, _("%(role)s, an individual-contributor role; you are %(person)s: partial credit") % values
        return score, _("%(role)s, an individual-contributor role; you are %(person)s: no credit") % values
    if score:
        return score, _("%(role)s; you are %(person)s: partial credit") % values
    return score, _("%(role)s; you are %(person)s: no credit") % values


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


_W_SKILLS, _W_LOCATION, _W_EXPERIENCE = WEIGHTS["skills"], WEIGHTS["location"], WEIGHTS["experience"]


def _total(skills: float, place: float, experience: float) -> int:
    """The weighted sum rounded half up, within 0–100: the one formula every path uses."""
    total = int(_W_SKILLS * skills + _W_LOCATION * place + _W_EXPERIENCE * experience + 0.5 + 1e-9)
    return 100 if total > 100 else 0 if total < 0 else total


def _result(
    skills: tuple[float, str, tuple[list[str], list[str], list[str], list[str]]],
    place: tuple[float, str],
    level: str,
    source: str,
    mp: MatchProfile,
) -> MatchResult:
    experience = _experience_component(level, source, mp.level)
    parts = (
        ("skills", skills[0], skills[1]),
        ("location", place[0], place[1]),
        ("experience", experience[0], experience[1]),
    )
    components = tuple(
        Component(name, str(LABELS[name]), WEIGHTS[name], score, round(WEIGHTS[name] * score, 1), reason)
        for name, score, reason in parts
    )
    matched, missing, matched_p, missing_p = skills[2]
    return MatchResult(
        total=_total(skills[0], place[0], experience[0]),
        components=components,
        matched_skills=tuple(matched),
        missing_skills=tuple(missing),
        matched_preferred=tuple(matched_p),
        missing_preferred=tuple(missing_p),
        job_level=level,
        job_level_source=source,
    )


def match_job(job: Any, profile: Any) -> MatchResult:
    """Score one job (a ``Job`` or an object with its attributes) for a profile.

    A saved ``Job`` is scored from its stored ``text_level``, like the batch; an object without
    one has its level read from ``requirements`` and ``description_text``.
    """
    mp = prepare_profile(profile)
    text_level = getattr(job, "text_level", None)
    if text_level is None:
        text_level = text_level_of(getattr(job, "requirements", ""), getattr(job, "description_text", ""))
    level, source = seniority(job.title or "", text_level)
    return _result(
        _skills_component(job.tech_stack, getattr(job, "preferred_stack", None), mp),
        _location_component(job.location or "", job.remote_option or "", mp),
        level,
        source,
        mp,
    )


def score_rows(rows: Iterable[Mapping[str, Any]], profile: Any) -> list[tuple[Mapping[str, Any], MatchResult]]:
    """Score many jobs given as rows (``title``, ``location``, ``remote_option``, ``tech_stack``,
    ``preferred_stack``, ``text_level``), e.g. from :func:`match_rows`. Same results as :func:`match_job`."""
    mp = prepare_profile(profile)
    location_memo: dict[tuple[str, str], tuple[float, str]] = {}
    scored = []
    for row in rows:
        key = (row.get("location") or "", row.get("remote_option") or "")
        place = location_memo.get(key)
        if place is None:
            place = location_memo[key] = _location_component(key[0], key[1], mp)
        level, source = seniority(row.get("title") or "", row.get("text_level") or "")
        skills = _skills_component(row.get("tech_stack"), row.get("preferred_stack"), mp)
        scored.append((row, _result(skills, place, level, source, mp)))
    return scored


_Row = tuple[int, str | None, str | None, str | None, Any, Any, str | None]


def _totals(rows: Iterable[_Row], mp: MatchProfile) -> dict[int, int]:
    """Totals by job id from ``(id, title, location, remote_option, stack, preferred stack, text
    level)`` tuples: the component scores of :func:`_result`, without the reasons, memoised per
    batch where they repeat (places, levels)."""
    place_memo: dict[tuple[str | None, str | None], float] = {}
    experience_memo: dict[tuple[str | None, str | None], float] = {}
    skill_keys = mp.skill_keys
    has_skills = bool(skill_keys)
    profile_level = mp.level
    totals: dict[int, int] = {}
    for job_id, title, location, remote_option, stack, preferred_stack, text_level in rows:
        key = (location, remote_option)
        place = place_memo.get(key)
        if place is None:
            place = place_memo[key] = _location_component(location or "", remote_option or "", mp)[0]
        level_key = (title, text_level)
        experience = experience_memo.get(level_key)
        if experience is None:
            level = seniority(title or "", text_level or "")[0]
            experience = experience_memo[level_key] = experience_score(level, profile_level)
        required = stack_keys(stack)
        if preferred_stack:
            preferred = stack_keys(preferred_stack) - required
            skills = stack_score(len(required), len(preferred), len(required & skill_keys),
                                 len(preferred & skill_keys), has_skills)
        else:
            skills = stack_score(len(required), 0, len(required & skill_keys), 0, has_skills)
        totals[job_id] = _total(skills, place, experience)
    return totals


def job_total(job: Any, profile: Any) -> int:
    """The total of one job (a ``Job`` with its derived ``text_level``) without the reasons: what
    :func:`jobs.services.fill_derived_fields` stores in ``Job.match_score``. Equals ``match_job(...).total``."""
    row = (0, job.title, job.location, job.remote_option, job.tech_stack, job.preferred_stack, job.text_level)
    return _totals([row], prepare_profile(profile))[0]


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
                row.get("preferred_stack"),
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
            "id",
            "title",
            "location",
            "remote_option",
            Cast("tech_stack", TextField()),
            Cast("preferred_stack", TextField()),
            "text_level",
        )
    )
    stacks = decode_json_lists([row[4] for row in rows])
    # Most jobs have no nice-to-haves: decode only the lists that hold something.
    preferred: list[Any] = [None] * len(rows)
    filled = [i for i, row in enumerate(rows) if row[5] and row[5] != "[]"]
    for i, value in zip(filled, decode_json_lists([rows[i][5] for i in filled]), strict=True):
        preferred[i] = value
    return _totals(
        (
            (row[0], row[1], row[2], row[3], stack, nice, row[6])
            for row, stack, nice in zip(rows, stacks, preferred, strict=True)
        ),
        prepare_profile(profile),
    )


def match_rows(queryset, *extra_fields: str):
    """The rows :func:`score_rows` needs from a ``Job`` queryset: only the scored columns, plus ``extra_fields``."""
    return queryset.order_by().values(*MATCH_FIELDS, *extra_fields)


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
