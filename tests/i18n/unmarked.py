"""Finds text in a template that is shown to users but not marked for translation.

Text nodes and the attributes people read (title, alt, placeholder, aria-label, data-confirm, a button's
value, a meta description) count; template tags, variables, ``{% translate %}`` / ``{% blocktranslate %}``
output, scripts, styles and comments do not. A string literal handed to a filter or an include that is
shown as text (``|default:"never"``, ``with label="Delete"``) must be written ``_("…")``; ``|pluralize``
is English-only and is refused too (use ``{% blocktranslate count %}``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# Names and symbols that read the same in every language.
ALLOWED = {
    "Career Co-Pilot", "Co-Pilot", "API", "CSV", "JSON", "JSON-LD", "URL", "URLs", "OpenAPI", "Swagger", "PDF", "DOCX",
    "iCal", "HTML", "GitHub", "Greenhouse", "Lever", "Ashby", "Remote OK", "Adzuna", "Workable", "SmartRecruiters",
    "LinkedIn", "Chrome", "Firefox", "Safari", "Edge", "UTC", "ID", "OK", "htmx", "Bearer", "min", "max",
}
_SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "data-confirm", "label"}
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
_BLOCK_TRANSLATE = re.compile(r"\{%\s*blocktrans(?:late)?\b.*?%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S)
_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_SHOWN_LITERAL = re.compile(
    r"""\|(?:default|default_if_none):\s*(["'])(?P<a>[^"']*)\1"""
    r"""|\bwith\b[^%]*?\b\w+=(["'])(?P<b>[^"']*)\3"""
    r"""|\bfirstof\b[^%]*?\s(["'])(?P<c>[^"']*)\5""")
_PLURALIZE = re.compile(r"\|\s*pluralize\b")


def _is_text(value: str) -> bool:
    for name in sorted(ALLOWED, key=len, reverse=True):
        value = value.replace(name, " ")
    return bool(_LETTERS.search(value))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self._skipping += 1
        shown = dict(attrs)
        for name, value in attrs:
            read = (name in _SHOWN_ATTRIBUTES or (name == "value" and shown.get("type") in ("submit", "button"))
                    or (name == "content" and shown.get("name") == "description"))
            if value and read and _is_text(value):
                self.found.append(f'{name}="{value.strip()}"')

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style") and self._skipping:
            self._skipping -= 1

    def handle_data(self, data) -> None:
        if not self._skipping and _is_text(data):
            self.found.append(" ".join(data.split()))


def unmarked_strings(source: str, *, plain_text: bool = False) -> list[str]:
    """What in ``source`` (a template's text) a user would read in English whatever their language."""
    source = _COMMENT.sub(" ", source)
    literals = [m.group("a") or m.group("b") or m.group("c") or ""
                for tag in _TAG.findall(source) for m in _SHOWN_LITERAL.finditer(tag)]
    found = [f'literal "{literal}"' for literal in literals if _is_text(literal)]
    found += ["|pluralize" for _ in _PLURALIZE.finditer(source)]
    source = _TAG.sub(" ", _BLOCK_TRANSLATE.sub(" ", source))
    if plain_text:
        found += [" ".join(line.split()) for line in source.splitlines() if _is_text(line)]
        return found
    collector = _Collector()
    collector.feed(source)
    collector.close()
    return found + collector.found


def template_files() -> list[Path]:
    return sorted(path for path in TEMPLATES.rglob("*") if path.suffix in (".html", ".txt"))


def unmarked_in(path: Path) -> list[str]:
    return unmarked_strings(path.read_text(encoding="utf-8"), plain_text=path.suffix == ".txt")


if __name__ == "__main__":  # python -m tests.i18n.unmarked [template ...]: what is left to mark
    import sys

    paths = [Path(arg).resolve() for arg in sys.argv[1:]] or template_files()
    for path in paths:
        for text in unmarked_in(path):
            print(f"{path.relative_to(TEMPLATES)}: {text}")
