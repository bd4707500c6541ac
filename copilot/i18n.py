"""The translation catalogues: compiled from the .po files kept in git to the .mo files Django reads.

Babel compiles them, so neither running nor testing the app needs GNU gettext on the machine (only
``makemessages``, which developers run to collect new strings, does)."""

from __future__ import annotations

import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def catalogue_files() -> list[Path]:
    return sorted(path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(*, force: bool = False) -> list[Path]:
    """Write each .po's .mo when it is missing or older than the .po; returns the files written."""
    written = []
    for po_path in catalogue_files():
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=po_path.parent.parent.name)
        # Fuzzy entries are guesses from msgmerge, never shown (as with msgfmt's default). Written aside and
        # renamed, so a process compiling at the same time (parallel test workers) never reads half a file.
        partial = mo_path.with_suffix(f".mo.{os.getpid()}")
        with partial.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        partial.replace(mo_path)
        written.append(mo_path)
    return written
