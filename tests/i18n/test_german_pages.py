"""Every page of the app in German, with the demo account's data: no English left.

Two checks on each page's visible text (text nodes and the attributes people read):
- no English source string of the catalogue shows untranslated (it was marked but rendered in English, e.g. a
  label evaluated at import time instead of lazily, or an entry missing from the German catalogue);
- no English sentence shows that is not the user's own data (a string nobody marked). The user's data is
  everything the data export holds (job titles and descriptions, notes, contacts, ...), which stays as typed.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser

import pytest
from django.utils import translation

from tests.browser.pages import EMPTY_ACCOUNT, SIGNED_IN, SIGNED_OUT, demo_objects
from tests.factories import make_user
from tests.i18n.catalogue import english_msgids

pytestmark = pytest.mark.django_db

# Words of English prose that German does not use. Two of them in one piece of text make it English.
_ENGLISH = frozenset([
    "the", "your", "you", "and", "of", "to", "with", "this", "that", "for", "is", "are", "from", "has", "have",
    "will", "not", "no", "or", "be", "yet", "was", "were", "been", "can", "could", "would", "should", "their",
    "our", "we", "it", "its", "there", "here", "when", "which", "what", "who", "how", "than", "then", "these",
    "those", "into", "about", "after", "before", "any", "each", "every", "only", "also",
])
_WORD = re.compile(r"[^\W\d_]+")
_READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "data-confirm"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if value and name in _READ_ATTRIBUTES:
                self.pieces.append(" ".join(value.split()))

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.pieces.append(text)


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.pieces


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def users_own_text(user) -> str:
    """All text the user owns (what the data export holds), as one string to look pieces up in."""
    from insights.data_rights.export import export_zip

    pieces = []
    with zipfile.ZipFile(io.BytesIO(export_zip(user))) as archive:
        for name in archive.namelist():
            raw = archive.read(name).decode("utf-8", "replace")
            if name.endswith(".json"):
                for text in _strings(json.loads(raw)):
                    pieces += [text, *visible_text(text)]
            else:
                pieces.append(raw)
    return "\n".join(" ".join(piece.split()) for piece in pieces)


def english_left(html: str, own_text: str, msgids: dict[str, str]) -> list[str]:
    found = []
    for piece in visible_text(html):
        if piece in msgids:
            found.append(f"untranslated: {piece!r}")
            continue
        words = {word.lower() for word in _WORD.findall(piece)}
        if len(words & _ENGLISH) >= 2 and piece not in own_text:
            found.append(f"English: {piece!r}")
    return found


@pytest.fixture
def demo():
    return demo_objects()


def test_every_page_reads_german(client, demo):
    msgids = english_msgids("de")
    own_text = users_own_text(demo.user)
    empty = make_user("leer", language="de")
    demo.user.profile.language = "de"
    demo.user.profile.save(update_fields=["language"])
    problems = {}
    for signed_in_as, pages in ((None, SIGNED_OUT), (demo.user, SIGNED_IN), (empty, EMPTY_ACCOUNT)):
        client.logout()
        if signed_in_as is not None:
            client.force_login(signed_in_as)
        for page in pages:
            response = client.get(page.url(demo), HTTP_ACCEPT_LANGUAGE="de")
            assert response.status_code == page.status, page.name
            assert response["Content-Language"] == "de", page.name
            left = english_left(response.content.decode(), own_text, msgids)
            if left:
                problems[page.name] = left
    translation.activate("en")
    assert not problems, "\n".join(f"{name}: {'; '.join(left[:8])}" for name, left in problems.items())
