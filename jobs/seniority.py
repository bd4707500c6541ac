"""The seniority a job asks for: junior, mid or senior, read from its title or its text.

Used by the match score (``jobs.matching``) and stored on every job as ``Job.text_level`` when
it is written (``jobs.services``), so scoring thousands of jobs never reads their long texts.

The title wins (junior, jr, graduate, entry, intern, trainee → junior; senior, sr, lead, staff,
principal, head → senior; mid, intermediate → mid); else explicit phrases at the start of the
requirements and description ("entry-level", "5+ years of experience"); else mid-level.
"""

from __future__ import annotations

import re
from functools import lru_cache

from copilot.accounts.models import ExperienceLevel

__all__ = ["LEVELS", "TEXT_WINDOW", "infer_seniority", "seniority", "seniority_text", "text_level_of", "title_level"]

LEVELS = tuple(ExperienceLevel.values)  # junior, mid, senior: in order
#: How much of the requirements and of the description is scanned for seniority phrases. The
#: batch query fetches exactly this much with SUBSTR, so one job scores the same on every page.
TEXT_WINDOW = 500

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
    "senior": "senior",
    "sr": "senior",
    "lead": "senior",
    "staff": "senior",
    "principal": "senior",
    "head": "senior",
    "mid": "mid",
    "intermediate": "mid",
}
_TEXT_LEVEL = re.compile(
    r"\b(?:(?P<junior>entry[- ]level|junior[- ]level)|(?P<senior>senior[- ]level)"
    r"|(?P<mid>mid[- ]level|intermediate[- ]level))\b"
)
_TEXT_GRADUATE = re.compile(r"\b(?:new[- ]grad(?:uate)?s?|graduate (?:role|position|programme|program|scheme))\b")
_TEXT_YEARS = re.compile(
    r"\b(\d{1,2})\s*(?:\+|(?:-|–|to)\s*\d{1,2})?\s*\+?\s*years?\b(?:\s+of)?(?:\s+[\w/-]+){0,3}?\s+experience"
)


def _text_level(text: str) -> str:
    """Junior/senior/mid from explicit phrases; "" when there are none.

    In order: "entry-level"/"senior-level"/"mid-level" (the first one in the text wins), then
    "new grad"/"graduate programme", then "N years of experience" (N ≤ 1 junior, N ≥ 5 senior,
    else mid). Cheap substring checks pick the few texts worth a regular expression.
    """
    low = text.lower()
    if "level" in low:
        found = _TEXT_LEVEL.search(low)
        if found:
            return found.lastgroup or ""
    if "grad" in low and _TEXT_GRADUATE.search(low):
        return "junior"
    if "year" in low:
        found = _TEXT_YEARS.search(low)
        if found:
            n = int(found.group(1))
            return "junior" if n <= 1 else "senior" if n >= 5 else "mid"
    return ""


@lru_cache(maxsize=16384)
def title_level(title: str) -> str:
    for word in _TITLE_WORDS.findall(title.lower()):
        level = _TITLE_LEVEL.get(word)
        if level:
            return level
    return ""


def infer_seniority(title: str, text: str = "") -> tuple[str, str]:
    """(level, source) of a job: from the title, else from explicit phrases in ``text``, else mid.

    Only the first :data:`TEXT_WINDOW` characters of ``text`` should be passed (see
    :func:`seniority_text`); "mentor junior engineers" is deliberately not a signal.
    """
    return seniority(title, _text_level(text) if text else "")


def seniority(title: str, text_level: str) -> tuple[str, str]:
    """As :func:`infer_seniority`, with the text's level already found (``Job.text_level``)."""
    level = title_level(title or "")
    if level:
        return level, "title"
    if text_level:
        return text_level, "text"
    return "mid", "default"


def text_level_of(requirements: str | None, description_text: str | None) -> str:
    """The seniority a job's text states ("" if none). Stored on ``Job.text_level`` when the job is
    written, so scoring thousands of jobs never reads their long texts."""
    text = seniority_text(requirements, description_text)
    return _text_level(text) if text.strip() else ""


def seniority_text(requirements: str | None, description_text: str | None) -> str:
    """The text scanned for seniority: the start of the requirements and of the description."""
    return f"{(requirements or '')[:TEXT_WINDOW]}\n{(description_text or '')[:TEXT_WINDOW]}"
