"""Title families: "Senior Backend Engineer (Python)" and "Python Developer" are both Backend.

A small ordered list of rules over the folded title; the first that matches wins, so the more
specific families (management, data science) come before the broad ones (software engineering).
A title no rule knows is "Other": it still counts in every other distribution.
"""

from __future__ import annotations

import re

from django.utils.translation import pgettext_lazy

from jobs.locations import fold

OTHER = "Other"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("Engineering management", re.compile(
        r"\b(?:engineering|development|software|tech(?:nical)?|it)\s+(?:manager|lead|director)\b"
        r"|\b(?:head|director|vp|vice president) of (?:engineering|technology|development|software)\b|\bcto\b")),
    ("Product management", re.compile(r"\bproduct (?:manager|owner|lead)\b|\bhead of product\b")),
    ("Design", re.compile(r"\b(?:designer|ux|ui/ux|user experience|user researcher)\b")),
    ("Data science & ML", re.compile(
        r"\b(?:data scientist|machine learning|ml|ai|deep learning|nlp|computer vision|research scientist)\b")),
    ("Data engineering", re.compile(r"\b(?:data|analytics|etl|big data) (?:engineer|developer|architect)\b")),
    ("Data analysis", re.compile(r"\b(?:data|business|bi|product|marketing) analyst\b|\banalyst\b")),
    ("Security", re.compile(r"\b(?:security|appsec|devsecops|penetration|pentest)\b")),
    ("DevOps, SRE & platform", re.compile(
        r"\b(?:devops|sre|site reliability|platform|infrastructure|cloud|systems? engineer|kubernetes)\b")),
    ("QA & test", re.compile(r"\b(?:qa|quality assurance|test(?:ing)?|sdet)\b")),
    ("Mobile", re.compile(r"\b(?:ios|android|mobile|flutter|react native)\b")),
    ("Full-stack", re.compile(r"\bfull[\s-]?stack\b")),
    ("Frontend", re.compile(r"\b(?:front[\s-]?end|react|angular|vue|ui engineer|web developer)\b")),
    ("Backend", re.compile(
        r"\b(?:back[\s-]?end|python|django|java|golang|go|ruby|rails|php|node(?:\.?js)?|\.net|c#|scala|rust|api)\b")),
    ("Software engineering", re.compile(r"\b(?:software|developer|engineer|programmer|entwickler)\b")),
]


def title_family(title: str) -> str:
    folded = fold(title or "")
    for family, pattern in _RULES:
        if pattern.search(folded):
            return family
    return OTHER


FAMILIES = [family for family, _ in _RULES] + [OTHER]

# Translators: title families, the groups of the salary page ("Backend", "Data science & ML").
_LABELS = {
    "Engineering management": pgettext_lazy("title family", "Engineering management"),
    "Product management": pgettext_lazy("title family", "Product management"),
    "Design": pgettext_lazy("title family", "Design"),
    "Data science & ML": pgettext_lazy("title family", "Data science & ML"),
    "Data engineering": pgettext_lazy("title family", "Data engineering"),
    "Data analysis": pgettext_lazy("title family", "Data analysis"),
    "Security": pgettext_lazy("title family", "Security"),
    "DevOps, SRE & platform": pgettext_lazy("title family", "DevOps, SRE & platform"),
    "QA & test": pgettext_lazy("title family", "QA & test"),
    "Mobile": pgettext_lazy("title family", "Mobile"),
    "Full-stack": pgettext_lazy("title family", "Full-stack"),
    "Frontend": pgettext_lazy("title family", "Frontend"),
    "Backend": pgettext_lazy("title family", "Backend"),
    "Software engineering": pgettext_lazy("title family", "Software engineering"),
    OTHER: pgettext_lazy("title family", "Other"),
}


def family_label(family: str) -> str:
    """A family (as :func:`title_family` names it) in the active language."""
    return str(_LABELS.get(family, family))

