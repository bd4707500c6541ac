"""The seniority a job asks for: junior, mid, senior, management, or unknown when it says nothing.

Used by the match score (``jobs.matching``). The text's part is stored on every job as
``Job.text_level`` when it is written (``jobs.services``), so scoring thousands of jobs reads
only their titles (memoised per title), never their long texts.

**The title wins.** Management titles are their own track and beat every other word: Engineering
Manager (any "manager" except the individual roles Product/Project/Program/Account… Manager),
Head of, Director, VP / Vice President, CTO and the other chief officers, Leiter/Leitung →
``manager``. Otherwise the first level word: junior, jr, graduate, entry, intern, trainee,
apprentice, Werkstudent, Praktikant → junior; senior, sr, lead, staff, principal, distinguished →
senior (staff and principal are senior-or-above individual contributors); mid, intermediate →
mid; and a trailing grade "Engineer I / II / III / IV" → junior / mid / senior / senior.

**Else the text.** Explicit level phrases in the first :data:`TEXT_WINDOW` characters of the
requirements and of the description ("entry-level", "senior-level", "mid-level", "new grad"); else
years of experience asked anywhere in the first :data:`YEARS_WINDOW` characters of each: "5+
years", "at least 3 years of experience", "3-5 years of experience" (the lower bound),
"minimum 2 years", "mindestens 3 Jahre Berufserfahrung", "5 ans d'expérience". The largest
minimum asked is the job's ("5+ years of backend experience; 2+ years with Go" is 5): ≤ 1 year
junior, 2–4 mid, 5+ senior. A bare "5 years" counts only with a plus sign, a range, "at least" /
"minimum" / "over", or the word experience (Erfahrung, expérience) right after, so "founded 5
years ago" or "a 2 years contract" are not levels; more than 15 years is not a level either
("20+ years of experience in fintech" is about the company).

**Else unknown** (level ""): the score gives partial credit and says the job states none.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from copilot.accounts.models import ExperienceLevel

__all__ = [
    "LEVELS",
    "MANAGER",
    "TEXT_WINDOW",
    "YEARS_WINDOW",
    "infer_seniority",
    "seniority",
    "stated_years",
    "text_level_of",
    "title_level",
    "years_level",
]

MANAGER = ExperienceLevel.MANAGER.value
#: All levels in rank order: junior, mid, senior, manager (management sits one step past senior).
LEVELS = tuple(ExperienceLevel.values)
#: How much of the requirements and of the description is scanned for level phrases ("entry-level").
TEXT_WINDOW = 500
#: How much of each is scanned for years of experience (requirements often come after a long intro).
YEARS_WINDOW = 4000
MAX_YEARS = 15

# ---------------------------------------------------------------------------------------- titles

_TITLE_WORDS = re.compile(r"[a-z]+")
_TITLE_LEVEL = {
    "junior": "junior",
    "jr": "junior",
    "graduate": "junior",
    "grad": "junior",
    "entry": "junior",
    "intern": "junior",
    "internship": "junior",
    "trainee": "junior",
    "apprentice": "junior",
    "werkstudent": "junior",
    "werkstudentin": "junior",
    "praktikant": "junior",
    "praktikantin": "junior",
    "praktikum": "junior",
    "senior": "senior",
    "sr": "senior",
    "lead": "senior",
    "staff": "senior",
    "principal": "senior",
    "distinguished": "senior",
    "mid": "mid",
    "intermediate": "mid",
}
# A grade after the role: "Software Engineer II", "SDE III". Only as a later word, never the first.
_GRADES = {"i": "junior", "ii": "mid", "iii": "senior", "iv": "senior"}
_MANAGEMENT_WORDS = frozenset({
    "head", "director", "vp", "svp", "evp", "avp", "cto", "cio", "ciso", "cdo", "cpo", "coo", "ceo",
    "leiter", "leiterin", "leitung", "teamleiter", "teamleiterin", "teamleitung", "abteilungsleiter",
})
_MANAGEMENT_PHRASES = re.compile(r"\bvice[\s-]+president\b|\bchief\b(?:\s+\w+){1,3}\s+officer\b")
# "X Manager" titles that name an individual role, not people management.
_INDIVIDUAL_MANAGERS = frozenset({
    "product", "project", "program", "programme", "account", "accounts", "release", "community", "content",
    "campaign", "partner", "partnerships", "success", "relationship", "territory", "brand", "category",
    "marketing", "social", "media", "case", "sales", "solutions", "portfolio", "property", "grants",
})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def title_level(title: str) -> str:
    """The level a title states: junior, mid, senior, manager, or "" (see the module docstring)."""
    folded = _fold(title or "")
    words = _TITLE_WORDS.findall(folded)
    if _is_management(words, folded):
        return MANAGER
    for position, word in enumerate(words):
        level = _TITLE_LEVEL.get(word)
        if level:
            return level
        if position and word in _GRADES:
            return _GRADES[word]
    return ""


def _is_management(words: list[str], folded: str) -> bool:
    if any(word in _MANAGEMENT_WORDS for word in words):
        return True
    for position, word in enumerate(words):
        if word in ("manager", "managerin") and (position == 0 or words[position - 1] not in _INDIVIDUAL_MANAGERS):
            return True
    return bool(("vice" in folded or "chief" in folded) and _MANAGEMENT_PHRASES.search(folded))


# ------------------------------------------------------------------------------------------ text

_TEXT_LEVEL = re.compile(
    r"\b(?:(?P<junior>entry[- ]level|junior[- ]level)|(?P<senior>senior[- ]level)"
    r"|(?P<mid>mid[- ]level|intermediate[- ]level))\b"
)
_TEXT_GRADUATE = re.compile(r"\b(?:new[- ]grad(?:uate)?s?|graduate (?:role|position|programme|program|scheme))\b")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "ein": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6,
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
}
_UNITS = ("year", "yr", "jahr", " ans")
_YEARS_RE = re.compile(
    r"(?P<before>\bat\s+least\s+|\bminimum(?:\s+of)?\s+|\bmin\.?\s*|\bmindestens\s+|\bmind\.\s*"
    r"|\bau\s+moins\s+)?"
    r"\b(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?P<range>\s*(?:-|–|to|bis|à)\s*\d{1,2})?"
    r"(?P<plus>\s*\+|\s+or\s+more|\s+oder\s+mehr|\s+plus\b)?"
    r"\s*(?:years?|yrs?|jahre?n?|ans)\b(?!\s+ago\b)(?P<plus_after>\s*\+)?"
    # Up to four filler words ("of professional backend", "relevanter") and then the word experience.
    r"(?P<experience>(?:\s+[\w/+#-]+){0,4}?\s+(?:experience|exp\b|[\w-]*erfahrung|d['’]exp[ée]rience"
    r"|exp[ée]rience))?"
)


def years_level(text: str) -> str:
    """The level from the years of experience a text asks ("" if none): the largest minimum wins."""
    most = stated_years(text)
    if most is None:
        return ""
    return "junior" if most <= 1 else "senior" if most >= 5 else "mid"


def stated_years(text: str) -> int | None:
    """The most years of experience a text states by the rules above ("5+ years", "at least 3 years of
    experience"; never a bare "5 years"), or None. Postings ask them; résumés (``jobs.resumes``) claim them."""
    low = text.lower()
    most = -1
    # The full pattern is slow to try at every character of a long text (and even a plain regex
    # scan costs ~20 ns a character): find the unit words with str.find, try it only around them.
    for unit in _UNITS:
        at = low.find(unit)
        while at >= 0:
            most = max(most, _most_years(low[max(0, at - 40):at + 140]))
            at = low.find(unit, at + 40)
    return None if most < 0 else most


def _most_years(low: str) -> int:
    most = -1
    for found in _YEARS_RE.finditer(low):
        if not any(found.group(name) for name in ("before", "range", "plus", "plus_after", "experience")):
            continue  # a bare "5 years": "founded 5 years ago", "a 2 years contract"
        word = found.group("n")
        n = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        if n <= MAX_YEARS:
            most = max(most, n)
    return most


def _text_level(requirements: str, description: str) -> str:
    """Junior/senior/mid from the text; "" when it states none (see the module docstring)."""
    head = f"{requirements[:TEXT_WINDOW]}\n{description[:TEXT_WINDOW]}".lower()
    if "level" in head:
        found = _TEXT_LEVEL.search(head)
        if found:
            return found.lastgroup or ""
    if "grad" in head and _TEXT_GRADUATE.search(head):
        return "junior"
    return years_level(f"{requirements[:YEARS_WINDOW]}\n{description[:YEARS_WINDOW]}")


def text_level_of(requirements: str | None, description_text: str | None) -> str:
    """The seniority a job's text states ("" if none). Stored on ``Job.text_level`` when the job is
    written, so scoring thousands of jobs never reads their long texts."""
    return _text_level(requirements or "", description_text or "")


# ---------------------------------------------------------------------------------------- result


def seniority(title: str, text_level: str) -> tuple[str, str]:
    """(level, source) of a job from its title and its stored text level.

    source is "title", "text", or "" when neither states a level (the level is then "": unknown).
    """
    level = title_level(title or "")
    if level:
        return level, "title"
    if text_level:
        return text_level, "text"
    return "", ""


def infer_seniority(title: str, requirements: str = "", description: str = "") -> tuple[str, str]:
    """As :func:`seniority`, reading the text's level from the texts themselves."""
    return seniority(title, text_level_of(requirements, description))
