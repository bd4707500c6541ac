"""Skill gap: which skills the user's jobs ask for, which the user lacks, and what to learn first.

Definitions (the page repeats them):

- A skill's **count** is the number of jobs in scope whose stack names it (once per job).
- **Mentions** are the sum of all counts (one per skill per job). **Coverage** is the share of
  mentions that are skills the user has: 100% means every skill of every job is on the profile.
- **Missing** skills are those asked by at least one job and not on the profile, most asked
  first (ties alphabetical). The **top 5 to learn** are the first five, each with the number of
  jobs asking for it and the skill the user already has that most often comes with it.

Skills compare as canonical names (aliases and case folded), like the match score. The scope is
the user's open jobs (closed postings no longer hire, so they are not advice on what to learn), or
the tracked ones (jobs with an application, closed or not: they are the user's own record). One query fetches
only the ``tech_stack`` column; counting is a ``Counter`` over per-job sets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import TextField
from django.db.models.functions import Cast

from copilot.accounts.services import get_profile
from insights.cache import cached_for_user
from jobs.matching import decode_json_lists
from jobs.models import Job
from jobs.skills import canonical_skill, category_of, skill_name_for_key, stack_keys

SCOPES = {"all": "Your open jobs", "tracked": "Jobs you track"}
TOP_TO_LEARN = 5
CATEGORY_LABELS = {
    "language": "language",
    "framework": "framework",
    "library": "library",
    "database": "database",
    "cloud": "cloud service",
    "devops": "DevOps tool",
    "tool": "tool",
    "platform": "platform",
    "practice": "practice",
    "data": "data tool",
    "ml": "machine-learning skill",
    "mobile": "mobile skill",
    "testing": "testing skill",
    "security": "security skill",
    "os": "operating system",
    "protocol": "protocol",
    "design": "design skill",
    "soft": "soft skill",
}


@dataclass(frozen=True, slots=True)
class SkillCount:
    name: str
    count: int  # jobs asking for it
    percent: int  # of the jobs in scope, rounded
    has: bool  # on the user's profile
    category: str  # label, "" when outside the taxonomy


@dataclass(frozen=True, slots=True)
class LearnSuggestion:
    name: str
    count: int
    category: str
    alongside: str  # a skill the user has that most often appears with it ("" if none)
    alongside_count: int
    reason: str


@dataclass(frozen=True, slots=True)
class SkillGap:
    scope: str
    jobs: int  # jobs in scope
    jobs_with_stack: int
    user_skills: tuple[str, ...]
    market: tuple[SkillCount, ...]  # every skill asked, most asked first
    missing: tuple[SkillCount, ...]  # asked and not on the profile, most asked first
    matched: tuple[SkillCount, ...]  # asked and on the profile
    unasked: tuple[str, ...]  # on the profile, asked by none of these jobs
    mentions: int
    mentions_covered: int
    to_learn: tuple[LearnSuggestion, ...]

    @property
    def coverage(self) -> int | None:
        """Percent of skill mentions the user has (None when no job lists a stack)."""
        if not self.mentions:
            return None
        return round(100 * self.mentions_covered / self.mentions)


def _category(name: str) -> str:
    category = category_of(name)
    return CATEGORY_LABELS.get(category or "", "")


def compute_skill_gap(
    stacks: Iterable[list[str] | None], user_skills: Iterable[str], *, scope: str = "all"
) -> SkillGap:
    """The skill gap for the given job stacks (one list per job) and the user's skills. Pure."""
    profile_names: dict[str, str] = {}
    for raw in user_skills or ():
        if isinstance(raw, str) and raw.strip():
            key, name = canonical_skill(raw)
            profile_names.setdefault(key, name)
    # One flat list of every job's (deduplicated) keys, counted once at the end: far faster than
    # updating a Counter per job. The per-job sets are kept for the "alongside" counts.
    all_keys: list[str] = []
    job_sets: list[set[str]] = []
    jobs = 0
    for stack in stacks:
        jobs += 1
        if stack:
            keys = stack_keys(stack)
            if keys:
                all_keys.extend(keys)
                job_sets.append(keys)
    counts = Counter(all_keys)
    names = {key: skill_name_for_key(key) for key in counts}

    def percent(count: int) -> int:
        return round(100 * count / jobs) if jobs else 0

    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]].casefold()))
    market = tuple(
        SkillCount(names[key], count, percent(count), key in profile_names, _category(names[key]))
        for key, count in ranked
    )
    missing = tuple(skill for skill in market if not skill.has)
    matched = tuple(skill for skill in market if skill.has)
    unasked = tuple(name for key, name in profile_names.items() if key not in counts)
    mentions = sum(counts.values())
    covered = sum(count for key, count in counts.items() if key in profile_names)

    # What the user already knows that most often comes with each skill to learn.
    to_learn = []
    profile_keys = profile_names.keys()
    for skill in missing[:TOP_TO_LEARN]:
        key = skill.name.casefold()
        together: Counter[str] = Counter()
        if profile_names:
            together.update(k for job_keys in job_sets if key in job_keys for k in job_keys & profile_keys)
        best = min(together.items(), key=lambda item: (-item[1], profile_names[item[0]].casefold()), default=None)
        alongside, alongside_count = (profile_names[best[0]], best[1]) if best else ("", 0)
        reason = f"Asked by {skill.count} of your {jobs} job{'s' if jobs != 1 else ''}"
        if alongside:
            jobs_word = "job" if alongside_count == 1 else "jobs"
            reason += f", often alongside {alongside}, which you know ({alongside_count} {jobs_word})"
        to_learn.append(LearnSuggestion(skill.name, skill.count, skill.category, alongside, alongside_count, reason))

    return SkillGap(
        scope=scope,
        jobs=jobs,
        jobs_with_stack=len(job_sets),
        user_skills=tuple(profile_names.values()),
        market=market,
        missing=missing,
        matched=matched,
        unasked=unasked,
        mentions=mentions,
        mentions_covered=covered,
        to_learn=tuple(to_learn),
    )


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
        # Only the stacks, as JSON text decoded in one go (see decode_json_lists).
        texts = scoped_jobs(user, scope).order_by().values_list(Cast("tech_stack", TextField()), flat=True)
        return compute_skill_gap(decode_json_lists(list(texts)), profile.skills, scope=scope)

    return cached_for_user(profile, f"skillgap:{scope}", compute)
