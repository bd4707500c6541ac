"""How well a résumé's words cover one job: the check an applicant-tracking system makes. Pure.

It is not the match score (``jobs.matching``), which reads the *profile* (skills, places, level) and
sorts the job list; this one reads the *résumé's text* and answers "would a keyword screen find what
this posting asks?". The two are shown apart and never mixed.

**What is checked.** The job's required skills (``Job.tech_stack``), its nice-to-have skills
(``Job.preferred_stack``) and its key phrases: the role its title names without the level ("Senior
Backend Engineer (m/w/d)" → "Backend Engineer"), the soft skills and languages it asks
(``Job.soft_skills``), and up to :data:`MAX_TERMS` two-word terms repeated where it asks something
(role, requirements, nice to have; not the company's introduction or benefits), never the company's
name: "data pipelines". A skill counts as shown when the résumé mentions it under any name of the
taxonomy (JS = JavaScript); a phrase when its words stand in the résumé in that order.

**The score** (0–100): a required skill weighs 1, a nice-to-have skill and a key phrase ½ each; the
score is the weight shown over the weight asked. Worked example: 4 of 5 required, 1 of 2 nice to have,
2 of 4 phrases → (4 + 0.5 + 1) / (5 + 1 + 2) = 69.

**Add these words where true**: what is missing, required skills first, then key phrases, then nice
to haves, at most :data:`MAX_SUGGESTIONS`. Only where true: the page says so.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobs.sections import PostingText
from jobs.skills import canonical_skill_key

__all__ = ["MAX_SUGGESTIONS", "MAX_TERMS", "ResumeMatch", "key_phrases", "match_resume", "role_of_title"]

MAX_TERMS = 4
MAX_SUGGESTIONS = 8
PREFERRED_WEIGHT = 0.5
PHRASE_WEIGHT = 0.5


@dataclass(frozen=True)
class Coverage:
    shown: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.shown) + len(self.missing)


@dataclass(frozen=True)
class ResumeMatch:
    required: Coverage = field(default_factory=Coverage)
    preferred: Coverage = field(default_factory=Coverage)
    phrases: Coverage = field(default_factory=Coverage)
    score: int | None = None  # None: the job asks nothing this check can look for
    suggestions: tuple[str, ...] = ()

    @property
    def band(self) -> str:
        """The colour band, as the match score's: high from 70, medium from 40."""
        if self.score is None:
            return "low"
        return "high" if self.score >= 70 else "medium" if self.score >= 40 else "low"

    @property
    def groups(self) -> tuple[tuple[str, Coverage, str], ...]:
        """(label, coverage, CSS class of a missing item) for the page, in the order of their weight."""
        return ((_("Required skills"), self.required, "missing"),
                (_("Nice to have (counts half)"), self.preferred, "optional"),
                (_("Key phrases (count half)"), self.phrases, "optional"))

    @property
    def explanation(self) -> str:
        parts = [ngettext("%(shown)d of %(total)d required skill", "%(shown)d of %(total)d required skills",
                          self.required.total) % {"shown": len(self.required.shown), "total": self.required.total}]
        if self.preferred.total:
            parts.append(ngettext("%(shown)d of %(total)d nice-to-have skill", "%(shown)d of %(total)d nice-to-have "
                                  "skills", self.preferred.total)
                         % {"shown": len(self.preferred.shown), "total": self.preferred.total})
        if self.phrases.total:
            parts.append(ngettext("%(shown)d of %(total)d key phrase", "%(shown)d of %(total)d key phrases",
                                  self.phrases.total) % {"shown": len(self.phrases.shown), "total": self.phrases.total})
        listed = parts[-1] if len(parts) == 1 else _("%(items)s and %(last)s") % {"items": ", ".join(parts[:-1]),
                                                                                 "last": parts[-1]}
        return _("Your résumé shows %(listed)s. Required skills count 1, nice-to-haves and key phrases ½ each: "
                 "%(score)s of 100.") % {"listed": listed, "score": self.score}


# ------------------------------------------------------------------------------------ key phrases

_LEVEL_WORDS = frozenset({
    "senior", "sr", "junior", "jr", "lead", "staff", "principal", "mid", "mid-level", "intermediate", "entry",
    "entry-level", "graduate", "trainee",
})
_GRADES = frozenset({"i", "ii", "iii", "iv", "1", "2", "3"})
_TITLE_TAIL = re.compile(r"\s*(?:\(.*?\)|\[.*?\]|[|,–—:/].*$|\s-\s.*$)")
_WORD = re.compile(r"[a-zäöüß][a-zäöüß+#.-]*[a-zäöüß+#]|[a-z]")
_STOPWORD_TEXT = (
    "a about above across after again all also an and any are as at be been being both but by can could day days do "
    "does each etc every few for from full get good great has have help how if in including into is it its join just "
    "like looking make many may more most much must need new no not of off on one only or other our out over own part "
    "per plus role see should so some such than that the their them then there these they this those through time to "
    "too up us use using very want was way we well were what when where which while who whom why will with within "
    "work working would year years you your yours team teams company strong experience knowledge ability skills "
    "understanding excellent solid proven hands deep related relevant familiarity familiar equivalent preferred "
    "required requirements responsibilities ideally bonus nice candidate candidates opportunity opportunities "
    "environment based across world best first high level highly least well-being benefits salary apply application "
    # Verbs and adjectives that pair with anything ("maintain accurate", "helps improve", "brings joy").
    "maintain maintains create creates help helps improve improves bring brings build builds drive drives ensure "
    "ensures provide provides support supports manage manages develop develops deliver delivers lead leads grow "
    "grows own owns leading independent accurate various multiple key new great amazing exciting fast-paced "
    "passionate successful successfully effective effectively closely together across something around joined"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def role_of_title(title: str) -> str:
    """The role a title names without its level and trimmings: "Senior Backend Engineer (m/w/d)" → "Backend
    Engineer", "Software Engineer II, Platform" → "Software Engineer"; "" when nothing is left. Only leading
    level words and a trailing grade go: a "Tech Lead" or a "Country Lead" keeps its lead."""
    words = _TITLE_TAIL.sub("", title or "").split()
    while words and words[0].lower().strip(".,") in _LEVEL_WORDS:
        words.pop(0)
    while words and words[-1].lower() in _GRADES:
        words.pop()
    return " ".join(words)


def _asking_text(text: str) -> str:
    """The parts of a posting that ask something of the candidate (role, requirements, nice to have), as
    ``jobs.sections`` cuts it: the company's introduction, benefits and legal text repeat words too."""
    return "\n".join(text[span.start:span.end] for span in PostingText(text, []).spans if span.part.asks)


def _repeated_terms(text: str, skip: set[str]) -> list[str]:
    """Two-word terms a posting repeats (each word a content word), most frequent first."""
    counts: Counter[str] = Counter()
    for sentence in re.split(r"[.!?;:\n•·()]+", text.lower()):
        words = _WORD.findall(sentence)
        for first, second in itertools.pairwise(words):
            if first in _STOPWORDS or second in _STOPWORDS or len(first) < 3 or len(second) < 3:
                continue
            counts[f"{first} {second}"] += 1
    found: list[str] = []
    used: set[str] = set()
    for term, count in counts.most_common():
        if count < 2 or len(found) == MAX_TERMS:
            break
        words = term.split()
        if term in skip or any(word in skip or word in used for word in words):
            continue  # a skill, the company's name, or overlapping a term taken ("subject matter" / "matter expert")
        found.append(term)
        used.update(words)
    return found


def key_phrases(*, title: str, soft_skills: Sequence[str], text: str, skills: Iterable[str], company: str = ""
                ) -> list[str]:
    """The phrases checked besides skills: the role, the soft skills and languages asked, repeated terms (never
    the company's own name: a résumé need not hold it)."""
    phrases: list[str] = []
    role = role_of_title(title)
    if role:
        phrases.append(role)
    phrases.extend(soft_skills)
    skip = {name.lower() for name in (*skills, *soft_skills)} | {word.lower() for word in role.split()}
    skip |= set(_WORD.findall(company.lower()))
    phrases.extend(_repeated_terms(_asking_text(text), skip))
    return list(dict.fromkeys(phrases))


# ------------------------------------------------------------------------------------------ match


def _in_text(phrase: str, text: str) -> bool:
    """Whether the phrase's words stand in the text in that order (any case, spaces or hyphens between)."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip()) if word]
    if not words:
        return False
    pattern = r"(?<![\w+#])" + r"[\s-]+".join(words) + r"(?![\w+#])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _cover(names: Iterable[str], keys: set[str], text: str) -> Coverage:
    shown: list[str] = []
    missing: list[str] = []
    for name in dict.fromkeys(names):
        (shown if canonical_skill_key(name) in keys or _in_text(name, text) else missing).append(name)
    return Coverage(tuple(shown), tuple(missing))


def match_resume(*, resume_text: str, resume_skills: Iterable[str], title: str, tech_stack: Sequence[str],
                 preferred_stack: Sequence[str], soft_skills: Sequence[str], job_text: str, company: str = ""
                 ) -> ResumeMatch:
    """Which of the job's skills and key phrases the résumé shows, which it lacks, and the score.

    ``resume_skills`` are the taxonomy names read from the résumé (tech, soft and languages)."""
    keys = {canonical_skill_key(name) for name in resume_skills}
    required = _cover(tech_stack, keys, resume_text)
    required_keys = {canonical_skill_key(name) for name in tech_stack}
    preferred = _cover([name for name in preferred_stack if canonical_skill_key(name) not in required_keys], keys,
                       resume_text)
    phrases = key_phrases(title=title, soft_skills=soft_skills, text=job_text, skills=[*tech_stack, *preferred_stack],
                          company=company)
    phrase_coverage = _cover(phrases, keys, resume_text)
    asked = required.total + PREFERRED_WEIGHT * preferred.total + PHRASE_WEIGHT * phrase_coverage.total
    if not asked:
        return ResumeMatch()
    shown = len(required.shown) + PREFERRED_WEIGHT * len(preferred.shown) + PHRASE_WEIGHT * len(phrase_coverage.shown)
    suggestions = (*required.missing, *phrase_coverage.missing, *preferred.missing)[:MAX_SUGGESTIONS]
    return ResumeMatch(required=required, preferred=preferred, phrases=phrase_coverage,
                       score=round(100 * shown / asked), suggestions=suggestions)
