"""The German catalogue as the tests read it (Babel parses the .po kept in git)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@cache
def read_catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as source:
        return read_po(source, locale=language)


def english_msgids(language: str) -> dict[str, str]:
    """English source strings (one-line, without placeholders) → their translation, where they differ.

    Single words shared by both languages ("Remote", "Status") are left out: they prove nothing."""
    found = {}
    for message in read_catalogue(language):
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, german in zip(ids, strings, strict=False):
            text = " ".join(english.split())
            if "%" in text or "<" in text or "&" in text or text == " ".join((german or "").split()):
                continue
            found[text] = german
    return found
