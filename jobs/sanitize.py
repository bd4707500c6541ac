"""Allow-list HTML sanitising for job descriptions from anywhere (users, pages, boards)."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_BLOCK_TAGS = re.compile(r"</?(p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|pre|hr|dd|dt)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def decode_entities(value: str, *, max_rounds: int = 3) -> str:
    """Unescape HTML entities until stable: some boards (Greenhouse) encode twice."""
    for _ in range(max_rounds):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def clean_html(value: str | None) -> str:
    """Return HTML with only harmless tags and attributes; scripts and handlers are dropped."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()


def html_to_text(value: str | None) -> str:
    """Plain text of (sanitised) HTML, keeping paragraph breaks, for search and extraction."""
    if not value:
        return ""
    text = _BLOCK_TAGS.sub("\n", clean_html(value))
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
