"""What a résumé would change in the profile, as a diff the user accepts in part or whole. Pure.

Skills the résumé mentions and the profile lacks are offered for adding (ticked); skills of the profile
the résumé never mentions are offered for removing (not ticked: a profile may rightly hold more than a
one-page résumé says). The level its years make is offered when it differs from the profile's, except
that a manager is never offered an individual level (years say nothing about leading people).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

from copilot.accounts.models import ExperienceLevel
from jobs.seniority import MANAGER
from jobs.skills import canonical_skill_key, is_soft_skill, normalize_skills

__all__ = ["ProfileDiff", "apply_diff", "profile_diff"]

MAX_PROFILE_SKILLS = 100  # what the profile form accepts


@dataclass(frozen=True)
class ProfileDiff:
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    level: str = ""  # the level to set, "" when none is offered
    current_level: str = ""
    keep: tuple[str, ...] = ()  # in both: shown, nothing to decide

    @property
    def is_empty(self) -> bool:
        return not (self.add or self.remove or self.level)

    @property
    def level_label(self) -> str:
        return str(ExperienceLevel(self.level).label) if self.level else ""

    @property
    def current_level_label(self) -> str:
        return str(ExperienceLevel(self.current_level).label) if self.current_level else gettext("not set")


def profile_diff(*, resume_skills: Sequence[str], resume_level: str, profile_skills: Sequence[str],
                 profile_level: str) -> ProfileDiff:
    """The changes a résumé proposes to a profile, compared by canonical key (JS = JavaScript)."""
    have = {canonical_skill_key(name) for name in profile_skills}
    shown = {canonical_skill_key(name) for name in resume_skills}
    add = tuple(name for name in resume_skills if canonical_skill_key(name) not in have)
    # Soft skills in a profile are not the résumé's business here: the diff is about tech skills.
    remove = tuple(name for name in profile_skills if canonical_skill_key(name) not in shown
                   and not is_soft_skill(name))
    keep = tuple(name for name in profile_skills if canonical_skill_key(name) in shown)
    level = resume_level if resume_level and resume_level != profile_level and profile_level != MANAGER else ""
    return ProfileDiff(add=add, remove=remove, level=level, current_level=profile_level, keep=keep)


def apply_diff(*, diff: ProfileDiff, profile_skills: Sequence[str], add: Iterable[str], remove: Iterable[str]
               ) -> list[str]:
    """The profile's skills after accepting the ticked part of ``diff``: only names the diff offered are
    taken (a forged form adds nothing else), order kept, new ones at the end, at most 100."""
    offered_add = {canonical_skill_key(name): name for name in diff.add}
    offered_remove = {canonical_skill_key(name) for name in diff.remove}
    dropping = {key for key in map(canonical_skill_key, remove) if key in offered_remove}
    adding = [offered_add[key] for key in dict.fromkeys(map(canonical_skill_key, add)) if key in offered_add]
    kept = [name for name in profile_skills if canonical_skill_key(name) not in dropping]
    return normalize_skills([*kept, *adding])[:MAX_PROFILE_SKILLS]
