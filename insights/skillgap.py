"""Skill gap: which tech skills the user's jobs ask for, which the user lacks, and what to learn first.

Definitions (the page repeats them):

- A job **requires** a skill its tech stack names, and **prefers** one its nice-to-have list names
  (and its stack does not). A skill's **count** is the number of jobs in scope that ask for it
  either way, split into ``required`` and ``preferred``.
- Only tech skills count here. Soft skills and spoken languages (and any typed into a stack) are
  listed apart as **also asked**, never as missing or to learn.
- Skills rank by **weight**: a job requiring a skill counts 1, a job only preferring it counts
  :data:`PREFERRED_WEIGHT`, then by count, then alphabetically.
- **Mentions** are the sum of all counts (one per skill per job). **Coverage** is the share of
  mentions that are skills the user has: 100% means every skill of every job is on the profile.
- **Missing** skills are those asked by at least one job and not on the profile, in rank order.
  The **top 5 to learn** are the first five, each with why: how many jobs require it, how many only
  prefer it, and the skill the user already has that most often comes with it.

Skills compare as canonical names (aliases and case folded), like the match score. The scope is
the user's open jobs (closed postings no longer hire, so they are not advice on what to learn), or
the tracked ones (jobs with an application, closed or not: they are the user's own record). One query
fetches the three skill columns; counting is ``Counter`` arithmetic over per-job sets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from itertools import chain

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from copilot.accounts.services import get_profile
from insights.cache import cached_for_user
from jobs.matching import decode_json_lists
from jobs.models import Job
from jobs.skills import (
    SOFT_CATEGORIES,
    all_skills,
    canonical_skill,
    canonical_skill_key,
    category_of,
    skill_name_for_key,
    stack_keys,
)

SCOPES = {"all": gettext_lazy("Your open jobs"), "tracked": gettext_lazy("Jobs you track")}
_EMPTY: frozenset[str] = frozenset()
TOP_TO_LEARN = 5
ALSO_ASKED_SHOWN = 12
#: How much a job that only prefers a skill ("nice to have") weighs against one that requires it.
PREFERRED_WEIGHT = 0.5
# Shown as a badge next to a skill to learn (the skill's kind).
CATEGORY_LABELS = {
    # Translators: a programming language (a kind of skill); "language spoken" is a human language.
    "language": pgettext_lazy("skill category", "language"),
    "framework": pgettext_lazy("skill category", "framework"),
    "library": pgettext_lazy("skill category", "library"),
    "database": pgettext_lazy("skill category", "database"),
    "cloud": pgettext_lazy("skill category", "cloud service"),
    "devops": pgettext_lazy("skill category", "DevOps tool"),
    "tool": pgettext_lazy("skill category", "tool"),
    "platform": pgettext_lazy("skill category", "platform"),
    "practice": pgettext_lazy("skill category", "practice"),
    "data": pgettext_lazy("skill category", "data tool"),
    "ml": pgettext_lazy("skill category", "machine-learning skill"),
    "mobile": pgettext_lazy("skill category", "mobile skill"),
    "testing": pgettext_lazy("skill category", "testing skill"),
    "security": pgettext_lazy("skill category", "security skill"),
    "os": pgettext_lazy("skill category", "operating system"),
    "protocol": pgettext_lazy("skill category", "protocol"),
    "design": pgettext_lazy("skill category", "design skill"),
    "soft": pgettext_lazy("skill category", "soft skill"),
    "spoken": pgettext_lazy("skill category", "language spoken"),
}


@dataclass(frozen=True, slots=True)
class SkillCount:
    name: str
    count: int  # jobs asking for it, required or nice to have
    percent: int  # of the jobs in scope, rounded
    has: bool  # on the user's profile
    category: str  # label, "" when outside the taxonomy
    required: int = 0  # jobs requiring it
    preferred: int = 0  # jobs only preferring it

    @property
    def split(self) -> str:
        """"3 required, 2 nice to have" (the parts that are not zero)."""
        parts = [_("%(count)s required") % {"count": self.required} if self.required else "",
                 _("%(count)s nice to have") % {"count": self.preferred} if self.preferred else ""]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class LearnSuggestion:
    name: str
    count: int
    category: str
    alongside: str  # a skill the user has that most often appears with it ("" if none)
    alongside_count: int
    reason: str
    required: int = 0
    preferred: int = 0


@dataclass(frozen=True, slots=True)
class SkillGap:
    scope: str
    jobs: int  # jobs in scope
    jobs_with_stack: int  # jobs asking for at least one tech skill
    user_skills: tuple[str, ...]
    market: tuple[SkillCount, ...]  # every tech skill asked, in rank order
    missing: tuple[SkillCount, ...]  # asked and not on the profile, in rank order
    matched: tuple[SkillCount, ...]  # asked and on the profile
    unasked: tuple[str, ...]  # on the profile, asked by none of these jobs
    mentions: int
    mentions_covered: int
    to_learn: tuple[LearnSuggestion, ...]
    also_asked: tuple[SkillCount, ...] = ()  # soft skills and spoken languages, most asked first

    @property
    def coverage(self) -> int | None:
        """Percent of skill mentions the user has (None when no job lists a stack)."""
        if not self.mentions:
            return None
        return round(100 * self.mentions_covered / self.mentions)


def _category(name: str) -> str:
    category = category_of(name)
    return str(CATEGORY_LABELS.get(category or "", ""))


@cache
def _soft_keys() -> frozenset[str]:
    """Canonical keys of the soft skills and spoken languages of the taxonomy."""
    return frozenset(skill.name.casefold() for skill in all_skills() if skill.category in SOFT_CATEGORIES)


def _reason(jobs: int, required: int, preferred: int, alongside: str, alongside_count: int) -> str:
    """Why a skill is worth learning: how many of the jobs require it or list it as nice to have, and the
    skill the user knows that most often comes with it."""
    numbers = {"count": jobs, "required": required, "preferred": preferred}
    if required and preferred:
        reason = ngettext("Required by %(required)s of your %(count)s job and nice to have in %(preferred)s more",
                          "Required by %(required)s of your %(count)s jobs and nice to have in %(preferred)s more",
                          jobs) % numbers
    elif required:
        reason = ngettext("Required by %(required)s of your %(count)s job",
                          "Required by %(required)s of your %(count)s jobs", jobs) % numbers
    else:
        reason = ngettext("Nice to have in %(preferred)s of your %(count)s job, required by none",
                          "Nice to have in %(preferred)s of your %(count)s jobs, required by none", jobs) % numbers
    if alongside:
        reason = ngettext("%(reason)s, often alongside %(skill)s, which you know (%(count)s job)",
                          "%(reason)s, often alongside %(skill)s, which you know (%(count)s jobs)",
                          alongside_count) % {"reason": reason, "skill": alongside, "count": alongside_count}
    return reason


def compute_skill_gap(
    stacks: Iterable[list[str] | None],
    user_skills: Iterable[str],
    *,
    preferred_stacks: Iterable[list[str] | None] | None = None,
    soft_skills: Iterable[list[str] | None] | None = None,
    scope: str = "all",
) -> SkillGap:
    """The skill gap for the given jobs and the user's skills. Pure.

    ``stacks`` holds each job's required tech stack; ``preferred_stacks`` and ``soft_skills``, when
    given, each job's nice-to-have list and soft skills, in the same order.
    """
    profile_names: dict[str, str] = {}
    for raw in user_skills or ():
        if isinstance(raw, str) and raw.strip():
            key, name = canonical_skill(raw)
            profile_names.setdefault(key, name)
    soft_keys = _soft_keys()
    key_of = canonical_skill_key
    # Per-job key sets built by comprehensions and counted at the end with one Counter each: far
    # faster than updating Counters job by job. The sets are kept for the "alongside" counts.
    required_sets: list[AbstractSet[str]] = [stack_keys(stack) if stack else _EMPTY for stack in stacks]
    jobs = len(required_sets)
    nice_sets: list[AbstractSet[str]] = [_EMPTY] * jobs
    if preferred_stacks is not None:
        # A skill required and also nice to have counts as required (the write path never stores both).
        nice_sets = [(keys - required if not required.isdisjoint(keys) else keys) if nice and (keys := stack_keys(nice))
                     else _EMPTY for nice, required in zip(preferred_stacks, required_sets, strict=True)]
    required_counts = Counter(chain.from_iterable(required_sets))
    preferred_counts = Counter(chain.from_iterable(nice_sets))
    # Soft skills are only counted, not compared, and the write path stores each once per job: one
    # pass over all their names (key_of) instead of a set per job.
    soft_counts = Counter(map(key_of, chain.from_iterable(soft for soft in soft_skills or () if soft)))
    stray = soft_keys.intersection(required_counts) | soft_keys.intersection(preferred_counts)
    if stray:  # soft skills typed into a tech list: counted with the soft ones, once per job
        soft_lists = list(soft_skills) if soft_skills is not None else [None] * jobs  # (a list: read twice)
        typed_keys: list[str] = []
        for i in [i for i, (required, nice) in enumerate(zip(required_sets, nice_sets, strict=True))
                  if not (stray.isdisjoint(required) and stray.isdisjoint(nice))]:
            required, nice = required_sets[i], nice_sets[i]
            typed = (required | nice) & stray
            typed_keys.extend(typed - stack_keys(soft_lists[i]) if soft_lists[i] else typed)
            required_sets[i], nice_sets[i] = required - stray, nice - stray
        soft_counts.update(typed_keys)
        for key in stray:
            required_counts.pop(key, None)
            preferred_counts.pop(key, None)
    counts = required_counts + preferred_counts
    names = {key: skill_name_for_key(key) for key in counts}

    def percent(count: int) -> int:
        return round(100 * count / jobs) if jobs else 0

    ranked = sorted(counts.items(), key=lambda item: (
        -(required_counts[item[0]] + PREFERRED_WEIGHT * preferred_counts[item[0]]), -item[1],
        names[item[0]].casefold()))
    market = tuple(
        SkillCount(names[key], count, percent(count), key in profile_names, _category(names[key]),
                   required_counts[key], preferred_counts[key])
        for key, count in ranked
    )
    missing = tuple(skill for skill in market if not skill.has)
    matched = tuple(skill for skill in market if skill.has)
    unasked = tuple(name for key, name in profile_names.items() if key not in counts and key not in soft_keys)
    mentions = sum(counts.values())
    covered = sum(count for key, count in counts.items() if key in profile_names)
    also_asked = tuple(
        SkillCount(skill_name_for_key(key), count, percent(count), key in profile_names,
                   _category(skill_name_for_key(key)), count, 0)
        for key, count in sorted(soft_counts.items(),
                                 key=lambda item: (-item[1], skill_name_for_key(item[0]).casefold()))
    )

    # What the user already knows that most often comes with each skill to learn: the jobs asking for
    # each of these skills and for each of the user's, then their intersections.
    top = missing[:TOP_TO_LEARN]
    together: dict[str, Counter[str]] = {skill.name.casefold(): Counter() for skill in top}
    if profile_names and together:
        # Count each job's share of these skills and the user's (few distinct combinations), then
        # read the pairs off the combinations.
        top_keys, known_keys = frozenset(together), frozenset(profile_names)
        wanted = top_keys | known_keys
        combinations = Counter(
            wanted.intersection(required).union(wanted.intersection(nice)) if nice else wanted.intersection(required)
            for required, nice in zip(required_sets, nice_sets, strict=True))
        for combination, count in combinations.items():
            known = combination & known_keys
            if known:
                for key in combination & top_keys:
                    counter = together[key]
                    for other in known:
                        counter[other] += count
    to_learn = []
    for skill in top:
        best = min(together[skill.name.casefold()].items(),
                   key=lambda item: (-item[1], profile_names[item[0]].casefold()), default=None)
        alongside, alongside_count = (profile_names[best[0]], best[1]) if best else ("", 0)
        reason = _reason(jobs, skill.required, skill.preferred, alongside, alongside_count)
        to_learn.append(LearnSuggestion(skill.name, skill.count, skill.category, alongside, alongside_count, reason,
                                        skill.required, skill.preferred))

    return SkillGap(
        scope=scope,
        jobs=jobs,
        jobs_with_stack=jobs - sum(1 for i, required in enumerate(required_sets) if not required and not nice_sets[i]),
        user_skills=tuple(profile_names.values()),
        market=market,
        missing=missing,
        matched=matched,
        unasked=unasked,
        mentions=mentions,
        mentions_covered=covered,
        to_learn=tuple(to_learn),
        also_asked=also_asked,
    )


_SKILL_COLUMNS = tuple(Cast(name, TextField()) for name in ("tech_stack", "preferred_stack", "soft_skills"))


def scoped_jobs(user, scope: str):
    jobs = Job.objects.for_user(user)
    if scope == "tracked":
        return jobs.filter(application__isnull=False)
    return jobs.open()


def skill_gap_for(user, scope: str = "all") -> SkillGap:
    """The user's skill gap over all their jobs or the tracked ones (one query; cached)."""
    scope = scope if scope in SCOPES else "all"
    profile = get_profile(user)

    def compute() -> SkillGap:
        # Only the three skill columns, as JSON text decoded in one go per column (decode_json_lists).
        rows = list(scoped_jobs(user, scope).order_by().values_list(*_SKILL_COLUMNS))
        required, preferred, soft = (decode_json_lists([row[i] for row in rows]) for i in range(3))
        return compute_skill_gap(required, profile.skills, preferred_stacks=preferred, soft_skills=soft, scope=scope)

    return cached_for_user(profile, f"skillgap:{scope}", compute)
