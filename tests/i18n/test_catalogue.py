"""Every template's text is marked for translation, and the German catalogue translates all of it."""

from __future__ import annotations

import re

import pytest

from tests.i18n.catalogue import read_catalogue
from tests.i18n.unmarked import template_files, unmarked_in, unmarked_strings

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def _names(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def test_every_template_string_is_marked():
    unmarked = {str(path): found for path in template_files() if (found := unmarked_in(path))}
    assert not unmarked, "\n".join(f"{path}: {found[:5]}" for path, found in unmarked.items())


@pytest.mark.parametrize("source, left", [
    ("<p>Saved.</p>", ["Saved."]),
    ('{% load i18n %}<p>{% translate "Saved." %}</p>', []),
    ('<button title="Delete job">×</button>', ['title="Delete job"']),
    ('<button title="{% translate "Delete job" %}">×</button>', []),
    ("{% blocktranslate count counter=n trimmed %}{{ counter }} job{% plural %}{{ counter }} jobs"
     "{% endblocktranslate %}", []),
    ("<p>{{ n }} job{{ n|pluralize }}</p>", ["|pluralize", "job"]),
    ('<p>{{ when|default:"never" }}</p>', ['literal "never"']),
    ('<p>{{ when|default:_("never") }}</p>', []),
    ("<script>const label = 'Copied';</script><p>{{ job.title }} · API</p>", []),
    ("{# A comment in English. #}<p>—</p>", []),
])
def test_the_check_finds_unmarked_text(source, left):
    assert unmarked_strings(source) == left


def test_the_german_catalogue_is_complete():
    missing, broken = [], []
    for message in read_catalogue("de"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(ids[0])
            continue
        wanted = set().union(*map(_names, ids))
        for german in strings:
            # A plural's singular may say "one" instead of the number; any other placeholder must survive.
            lost = set() if len(ids) > 1 else wanted - _names(german)
            if _names(german) - wanted or lost:
                broken.append(f"{ids[0]!r} → {german!r}")
    assert not missing, f"{len(missing)} entries have no German: {missing[:10]}"
    assert not broken, broken[:10]
