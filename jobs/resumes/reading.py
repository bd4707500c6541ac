"""Reading a résumé file: what kind it really is, its text, and the experience it states. Pure (no database).

:func:`check_file` runs in the upload request and is cheap: the size cap, the extension (PDF or DOCX) and
the file's first bytes, which must agree with the extension ("cv.pdf" that is a PNG inside is refused,
saying so). :func:`read_text` runs in a worker: a PDF through pypdf, a DOCX through python-docx, bounded
in pages, characters and (for DOCX, a zip) unpacked size. Every refusal is a :class:`ResumeError` whose
message is what the page shows.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

import docx
from django.utils import formats
from django.utils.translation import gettext, gettext_lazy, ngettext
from docx.opc.exceptions import PackageNotFoundError
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError

from jobs.seniority import stated_years
from jobs.skills import extract_skills, read_posting

__all__ = ["MAX_CHARS", "MAX_PAGES", "Experience", "ResumeError", "check_file", "estimate_experience", "read_text",
           "skills_in"]

MAX_PAGES = 30  # a résumé is one to four pages; past this it is something else (and costs a worker)
MAX_CHARS = 100_000  # what is kept and scanned for skills
MAX_UNPACKED = 30 * 1024 * 1024  # a DOCX is a zip: refuse one that unpacks to more (a zip bomb)
MIN_LETTERS = 40  # fewer letters than this in the whole file: no text layer (a scan)
TIME_BUDGET = 30.0  # seconds of text extraction before a PDF is given up (a hostile one could hold a worker)

_EXTENSIONS = {".pdf": "pdf", ".docx": "docx"}
_NAMES = {"pdf": gettext_lazy("PDF"), "docx": gettext_lazy("Word document (DOCX)")}
# What the first bytes say a file is (the keys :func:`_looks_like` returns), as the refusal names it.
_FOUND = {
    "pdf": gettext_lazy("a PDF"),
    "zip": gettext_lazy("a zip archive"),
    "doc": gettext_lazy("an old Word (.doc) file"),
    "png": gettext_lazy("a PNG image"),
    "jpeg": gettext_lazy("a JPEG image"),
    "gif": gettext_lazy("a GIF image"),
    "rtf": gettext_lazy("an RTF document"),
    "html": gettext_lazy("a web page (HTML)"),
    "other": gettext_lazy("not a PDF or Word document"),
}


class ResumeError(ValueError):
    """A file that cannot be taken as a résumé; the message says why and what to do instead."""


def _looks_like(head: bytes) -> str:
    """What the first bytes say a file is: a key of ``_FOUND`` ("pdf", "zip", "doc", "png", ...)."""
    if b"%PDF-" in head[:1024]:  # the specification allows junk before the header
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "other"


def check_file(filename: str, data: bytes, *, max_bytes: int, size: int | None = None) -> str:
    """The kind of résumé ("pdf" or "docx") ``data`` is, or :class:`ResumeError` saying why it is none.

    ``size`` is the file's (``data`` may then be only its first KB, for a file too big to read)."""
    size = len(data) if size is None else size
    extension = PurePath(filename).suffix.lower()
    kind = _EXTENSIONS.get(extension)
    if kind is None:
        raise ResumeError(gettext("“%(name)s” is not a PDF or DOCX file. Save your résumé as PDF or as a Word "
                                  ".docx document and upload that.") % {"name": filename})
    if size > max_bytes:
        raise ResumeError(gettext("“%(name)s” is %(size)s: the limit is %(limit)s. A text résumé is far smaller; "
                                  "export it again without images, or as DOCX.")
                          % {"name": filename, "size": _megabytes(size), "limit": _megabytes(max_bytes)})
    if not size:
        raise ResumeError(gettext("“%(name)s” is empty.") % {"name": filename})
    found = _looks_like(data[:1024])
    if found == "zip" and kind == "docx":
        return "docx"
    if found == kind:
        return kind
    hint = (gettext(" Open it in your word processor and save it as .docx or export it as PDF.")
            if found in ("doc", "rtf", "other") else "")
    raise ResumeError(gettext("“%(name)s” is named like a %(kind)s but it is %(inside)s inside, so it was not taken.")
                      % {"name": filename, "kind": _NAMES[kind], "inside": _FOUND[found]} + hint)


def _megabytes(size: int) -> str:
    return gettext("%(size)s MB") % {"size": formats.number_format(size / (1024 * 1024), 1)}


# ----------------------------------------------------------------------------------------- text

Progress = Callable[[int], None]


def read_text(kind: str, data: bytes, progress: Progress | None = None, *, budget: float = TIME_BUDGET) -> str:
    """The text of a résumé file, or :class:`ResumeError` (damaged, encrypted, too long, too slow to read, or no
    text: a scan)."""
    report = progress or (lambda percent: None)
    text = _read_pdf(data, report, time.monotonic() + budget) if kind == "pdf" else _read_docx(data, report)
    text = text[:MAX_CHARS]
    if sum(character.isalpha() for character in text) < MIN_LETTERS:
        if kind == "pdf":
            raise ResumeError(gettext("This PDF has no text in it: it looks like a scan or a photo of a page. Upload "
                                      "the PDF your word processor exports (File → Export as PDF), or the DOCX, so "
                                      "the words can be read. Nothing in your profile was changed."))
        raise ResumeError(gettext("This document has (almost) no text in it. Nothing in your profile was changed."))
    return text


def _read_pdf(data: bytes, report: Progress, deadline: float) -> str:
    damaged = ResumeError(gettext("This PDF is damaged and could not be read. Export it again and upload the new "
                                  "file."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ResumeError(gettext("This PDF is protected with a password. Export it again without one."))
        count = len(reader.pages)
        if count == 0:
            raise damaged
        if count > MAX_PAGES:
            raise ResumeError(gettext("This PDF has %(count)s pages; a résumé of up to %(max)s pages can be read.")
                              % {"count": count, "max": MAX_PAGES})
        parts: list[str] = []
        size = 0
        for number, page in enumerate(reader.pages, start=1):
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            report(10 + 80 * number // count)
            if size > MAX_CHARS:
                break
            if time.monotonic() > deadline and number < count:
                raise ResumeError(gettext("This PDF takes far too long to read (it is mostly drawings or broken). "
                                          "Export it again as a plain text PDF, or upload the DOCX."))
    except ResumeError:
        raise
    except FileNotDecryptedError as error:
        raise ResumeError(gettext("This PDF is protected with a password. Export it again without one.")) from error
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError, RecursionError,
            zipfile.BadZipFile) as error:
        raise damaged from error
    return "\n".join(parts)


def _read_docx(data: bytes, report: Progress) -> str:
    damaged = ResumeError(gettext("This Word document is damaged and could not be read. Save it again and upload "
                                  "the new file."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise ResumeError(gettext("This file is a zip archive but not a Word document. Upload a .docx "
                                          "saved by your word processor, or a PDF."))
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise ResumeError(gettext("This Word document unpacks to far more than a résumé could hold, so it "
                                          "was not read."))
        report(30)
        document = docx.Document(io.BytesIO(data))
        report(70)
        lines = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:  # two-column résumé layouts keep their skills in tables
            for row in table.rows:
                lines.extend(cell.text for cell in row.cells)
    except ResumeError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise damaged from error
    except Exception as error:  # lxml's XMLSyntaxError and python-docx's own errors on broken parts
        raise damaged from error
    report(90)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------- skills

TITLE_LINE = 80  # a line this short may be a role ("Senior Backend Engineer, Acme"): read it as a title too


def skills_in(text: str) -> list[str]:
    """The taxonomy's skills a résumé mentions, in order of first mention: every mention in the text, and the
    discipline its role lines name ("Backend Engineer" → Backend Development), as a posting's title is read."""
    found = dict.fromkeys(extract_skills(text))
    for line in text.splitlines():
        line = line.strip()
        if 3 < len(line) <= TITLE_LINE:
            found.update(dict.fromkeys(read_posting(title=line, text="").required))
    return list(found)


# ----------------------------------------------------------------------------------- experience


@dataclass(frozen=True)
class Experience:
    """Years of experience a résumé states, the level they make, and what they were read from."""

    years: int | None = None
    level: str = ""
    # The quoted sentence, or how the years were counted (STATED, WORK_HISTORY): stored as is and worded in
    # the reader's language when shown (evidence_text), so a later change of language changes it too.
    source: str = ""

    @property
    def evidence(self) -> str:
        return evidence_text(self.source, self.years)


STATED, WORK_HISTORY = "=stated", "=work-history"


def evidence_text(source: str, years: int | None) -> str:
    """What the years were read from, in the active language ("the dates of your work history: about 6 years")."""
    if source == STATED and years is not None:
        return ngettext("%(count)d year stated", "%(count)d years stated", years) % {"count": years}
    if source == WORK_HISTORY and years is not None:
        return ngettext("the dates of your work history: about %(count)d year",
                        "the dates of your work history: about %(count)d years", years) % {"count": years}
    return source  # a quoted sentence of the résumé, or what an older version stored


_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january", "januar", "janvier"), ("feb", "february", "februar", "feb.", "fevrier"),
     ("mar", "march", "marz", "mär", "märz", "mars"), ("apr", "april", "avril"), ("may", "mai"),
     ("jun", "june", "juni", "juin"), ("jul", "july", "juli", "juillet"), ("aug", "august", "aout"),
     ("sep", "sept", "september", "septembre"), ("oct", "october", "okt", "oktober", "octobre"),
     ("nov", "november", "novembre"), ("dec", "december", "dez", "dezember", "decembre")], start=1)
    for name in names}
_MONTH = r"(?:(?P<{0}m>\d{{1,2}})[/.]|(?P<{0}w>[a-zä]{{3,9}})\.?\s+)?"
_NOW_WORDS = r"present|now|today|current|currently|ongoing|heute|aktuell|jetzt|date|aujourd'hui"
_RANGE = re.compile(
    _MONTH.format("a") + r"(?P<ay>(?:19|20)\d\d)\s*(?:-|–|—|to|bis|until|à)\s*"
    + _MONTH.format("b") + r"(?:(?P<by>(?:19|20)\d\d)|(?P<now>" + _NOW_WORDS + r"))\b",
    re.IGNORECASE,
)
_HEADING_WORDS = r"[A-Za-zÄÖÜäöüé &/]{0,40}"
_EXPERIENCE_HEADING = re.compile(r"^\s*(?:" + _HEADING_WORDS + r")?(?:experience|employment|work history|career|"
                                 r"berufserfahrung|berufliche|expérience)" + _HEADING_WORDS + r":?\s*$",
                                 re.IGNORECASE | re.MULTILINE)
_OTHER_HEADING = re.compile(r"^\s*(?:education|studies|ausbildung|studium|formation|skills|kenntnisse|projects|"
                            r"projekte|certifications?|languages|sprachen|publications|awards|interests|volunteer"
                            r"\w*|references)\b" + _HEADING_WORDS + r":?\s*$", re.IGNORECASE | re.MULTILINE)


def _level_of(years: int) -> str:
    # The thresholds jobs.seniority reads postings with, so a résumé and a posting speak the same levels.
    return "junior" if years <= 1 else "senior" if years >= 5 else "mid"


def estimate_experience(text: str, *, today: date) -> Experience:
    """The years of experience a résumé states, and the level they make (junior ≤ 1, mid 2–4, senior 5+).

    A sentence saying so wins ("8+ years of experience building APIs"). Otherwise the dated entries of
    its work history ("03/2018 – present", "2015 - 2019"): the months they cover, overlaps counted
    once; dates under Education, Projects and the like are left out. None when it states neither.
    """
    years = stated_years(text)
    if years is not None:
        found = _stated_sentence(text)
        return Experience(years, _level_of(years), gettext("“%(sentence)s”") % {"sentence": found} if found
                          else STATED)
    months = _work_months(_work_history(text), today)
    if months < 6:
        return Experience()
    years = round(months / 12)
    return Experience(years, _level_of(years), WORK_HISTORY)


_SENTENCE = re.compile(r"[^.\n;•]*\b\d{1,2}\s*\+?\s*(?:years?|yrs?|jahre?n?|ans)\b[^.\n;•]*", re.IGNORECASE)


def _stated_sentence(text: str) -> str:
    for found in _SENTENCE.finditer(text):
        sentence = " ".join(found.group(0).split())
        if stated_years(sentence) is not None:
            return sentence[:150]
    return ""


def _work_history(text: str) -> str:
    """The text under work-history headings; with none, what comes before the first other heading
    (Education, Skills, Projects…), which is where an unlabelled résumé lists its jobs."""
    headings = sorted([(m.start(), m.end(), True) for m in _EXPERIENCE_HEADING.finditer(text)]
                      + [(m.start(), m.end(), False) for m in _OTHER_HEADING.finditer(text)])
    if not headings:
        return text
    if not any(is_work for _, _, is_work in headings):
        return text[:headings[0][0]]
    stops = [start for start, _, _ in headings[1:]] + [len(text)]
    return "\n".join(text[end:stop] for (_, end, is_work), stop in zip(headings, stops, strict=True) if is_work)


def _month(number: str | None, word: str | None, default: int) -> int:
    if number and 1 <= int(number) <= 12:
        return int(number)
    if word:
        return _MONTHS.get(word.lower().rstrip("."), default)
    return default


def _work_months(text: str, today: date) -> int:
    """Months covered by the date ranges in ``text``, each month counted once."""
    covered: set[int] = set()
    this_month = today.year * 12 + today.month - 1
    for found in _RANGE.finditer(text):
        start = int(found["ay"]) * 12 + _month(found["am"], found["aw"], 1) - 1
        end = this_month if found["now"] else int(found["by"]) * 12 + _month(found["bm"], found["bw"], 12) - 1
        end = min(end, this_month)
        if start > end or end - start > 50 * 12:
            continue
        covered.update(range(start, end + 1))
    return len(covered)
