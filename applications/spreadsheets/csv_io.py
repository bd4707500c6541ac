"""CSV export and import of a user's jobs.

Export writes :data:`EXPORT_COLUMNS`. Import reads that same format back, or LinkedIn's
"Job Applications.csv" (Settings → Data privacy → Get a copy of your data). Import is two steps:
:func:`preview_import` parses and validates without writing anything, :func:`apply_import`
parses the same bytes again (the browser only sends back which lines to take) and creates the
chosen rows in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field, TextChoices
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from applications.models import Status
from applications.services import start_application, start_applications_in_bulk
from copilot.accounts.services import batched_bumps
from copilot.weburl import is_web_url
from jobs.dedup import Deduplicator
from jobs.forms import SALARY_OUT_OF_RANGE
from jobs.models import Job, JobOrigin, JobType, RemoteOption
from jobs.salary import parse_salary
from jobs.services import create_job, create_jobs_in_bulk

__all__ = [
    "EXPORT_COLUMNS", "LINKEDIN_COLUMNS", "MAX_ROWS", "CSVFileError", "ImportPreview", "ImportResult", "PreviewRow",
    "apply_import", "check_header", "decode_csv_bytes", "import_batch", "iter_jobs_csv", "lock_user",
    "preview_import", "rows_from_json", "summarise", "valid_rows_json", "write_jobs_csv",
]

EXPORT_COLUMNS: tuple[str, ...] = (
    "title", "company", "location", "remote_option", "job_type", "url", "salary_text", "tech_stack",
    "preferred_stack", "soft_skills", "source", "external_id", "posted_date", "date_applied", "status", "created_at",
)
# The three skill lists (required tech stack, nice to have, soft skills and languages), "; "-separated.
SKILL_COLUMNS: tuple[str, ...] = ("tech_stack", "preferred_stack", "soft_skills")
LINKEDIN_COLUMNS: tuple[str, ...] = (
    "Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url",
    "Resume Name", "Question And Answers",
)
# The LinkedIn columns we actually read; the others hold personal data we deliberately drop.
_LINKEDIN_REQUIRED = ("Application Date", "Company Name", "Job Title", "Job Url")

FORMAT_OURS = "ours"
FORMAT_LINKEDIN = "linkedin"
MAX_ROWS = 10_000
PROGRESS_EVERY = 500
TECH_SEPARATOR = "; "

# Spreadsheet apps run cells starting with these as formulas (CSV/formula injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SINGLE_LINE = ("title", "company", "location", "salary_text", "external_id", "source")
_SOURCE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_US_DATE = re.compile(
    r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?$"
)


class CSVFileError(ValueError):
    """The file as a whole cannot be imported (not CSV, unknown header, too many rows...)."""


@dataclass
class PreviewRow:
    line: int  # physical line in the file where the record starts; the header is line 1
    fields: dict[str, Any]  # keyword arguments for jobs.services.create_job
    status: str  # application status to create, "" for none
    applied_date: date | None
    errors: list[str] = field(default_factory=list)
    duplicate: bool = False
    duplicate_reason: str = ""
    source: str = JobOrigin.CSV

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status in Status.values else self.status

    @property
    def importable(self) -> bool:
        return self.valid and not self.duplicate


@dataclass
class ImportPreview:
    format: str  # FORMAT_OURS or FORMAT_LINKEDIN
    rows: list[PreviewRow]
    notes: list[str] = field(default_factory=list)

    @property
    def importable_lines(self) -> list[int]:
        return [row.line for row in self.rows if row.importable]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def duplicate_count(self) -> int:
        return sum(1 for row in self.rows if row.duplicate and not row.errors)

    @property
    def format_label(self) -> str:
        if self.format == FORMAT_LINKEDIN:
            return _("LinkedIn “Job Applications” export")
        return _("Career Co-Pilot export")


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int


# --------------------------------------------------------------------------- export


def _neutralise(value: str) -> str:
    """Prefix a formula-looking cell with an apostrophe so spreadsheets show it as text.

    Cells that already start with apostrophes before a trigger get one more, so that
    :func:`_unneutralise` (which removes exactly one) gives back the original text."""
    if value.lstrip("'").startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value


neutralise_cell = _neutralise  # for other CSV writers (the data export)


def _unneutralise(value: str) -> str:
    if value.startswith("'") and value.lstrip("'").startswith(_FORMULA_TRIGGERS):
        return value[1:]
    return value


def _export_row(job: Job) -> list[str]:
    application = getattr(job, "application", None)  # None when select_related found no row
    values = [
        job.title, job.company, job.location, job.remote_option, job.job_type, job.url, job.salary_text,
        TECH_SEPARATOR.join(job.tech_stack or []), TECH_SEPARATOR.join(job.preferred_stack or []),
        TECH_SEPARATOR.join(job.soft_skills or []), job.source, job.external_id,
        job.posted_date.isoformat() if job.posted_date else "",
        job.date_applied.isoformat() if job.date_applied else "",
        application.status if application is not None else "",
        job.created_at.isoformat() if job.created_at else "",
    ]
    return [_neutralise(str(value or "")) for value in values]


class _Echo:
    """A file-like object whose write returns the text, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def iter_jobs_csv(user) -> Iterator[str]:
    """The export as a sequence of CSV lines (header first): one query, streamed in chunks."""
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_COLUMNS)
    jobs = Job.objects.for_user(user).select_related("application").order_by("created_at", "id")
    for job in jobs.iterator(chunk_size=2000):
        yield writer.writerow(_export_row(job))


def write_jobs_csv(user, stream: TextIO) -> None:
    """Write all of ``user``'s jobs to a text stream (open it with ``newline=""``)."""
    for line in iter_jobs_csv(user):
        stream.write(line)


# --------------------------------------------------------------------------- import: reading the file


def decode_csv_bytes(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252. Raises CSVFileError."""
    if not data or not data.strip():
        raise CSVFileError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
        # .xlsx files are zip archives; UTF-16 exports are full of NUL bytes.
        raise CSVFileError(_(
            "This is not a CSV text file (it looks like a spreadsheet or binary file). "
            "Save it as “CSV UTF-8 (comma delimited)” and upload that."
        ))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Older Excel on Windows saves "CSV" in the local code page, usually this one.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise CSVFileError(_(
            "The file’s text encoding is not recognised. Save it as “CSV UTF-8 (comma delimited)” and try again."
        )) from None


def _delimiter(text: str) -> str:
    """Comma, or semicolon/tab when the header line has no comma (Excel in many European locales)."""
    header = text.split("\n", 1)[0]
    if "," not in header:
        for candidate in (";", "\t"):
            if candidate in header:
                return candidate
    return ","


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(start line, cells) for each record, blank records skipped.

    csv.reader's ``line_num`` counts physical lines read so far, so a record starts on the
    line after the previous record ended, even when a quoted cell spans several lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    previous_end = 0
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            yield start, cells
    except csv.Error as error:
        raise CSVFileError(_("The file is not valid CSV near line %(line)s: %(error)s.") % {
            "line": reader.line_num, "error": error}) from None


def _unknown_header_message() -> str:
    return _(
        "The first line is not a header we know. Use a Career Co-Pilot export (columns: %(ours)s) "
        "or LinkedIn’s “Job Applications.csv” (columns: %(linkedin)s)."
    ) % {"ours": ", ".join(EXPORT_COLUMNS), "linkedin": ", ".join(LINKEDIN_COLUMNS)}


def _sniff_format(header: list[str]) -> tuple[str, dict[str, int]]:
    """Which format the header is, and the column index of each name we read."""
    names = [cell.strip() for cell in header]
    lowered = [name.lower() for name in names]
    if len(set(lowered)) != len(lowered):
        raise CSVFileError(_("The header names a column twice.") + " " + _unknown_header_message())
    index = {name: i for i, name in enumerate(lowered)}
    # Our own format: every column ours, title and company present (a spreadsheet may have dropped or reordered some).
    if set(lowered) <= set(EXPORT_COLUMNS) and {"title", "company"} <= set(lowered):
        return FORMAT_OURS, index
    if all(column.lower() in index for column in _LINKEDIN_REQUIRED):
        return FORMAT_LINKEDIN, {column: index[column.lower()] for column in _LINKEDIN_REQUIRED}
    raise CSVFileError(_unknown_header_message())


# --------------------------------------------------------------------------- import: validating rows


def _max_length(name: str) -> int | None:
    return cast(Field, Job._meta.get_field(name)).max_length


def _parse_iso_date(value: str) -> date:
    """YYYY-MM-DD, optionally followed by a time (a spreadsheet may have turned it into a timestamp)."""
    if _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(_("“%(value)s” is not a date; use YYYY-MM-DD.") % {"value": value})


def _parse_linkedin_date(value: str) -> date:
    """LinkedIn writes US month/day/year with a time: "6/5/24, 11:03 AM"."""
    match = _US_DATE.match(value)
    if match:
        year = int(match["y"])
        if year < 100:
            year += 2000
        try:
            return date(year, int(match["m"]), int(match["d"]))
        except ValueError:
            pass
    else:
        try:
            return _parse_iso_date(value)
        except ValueError:
            pass
    raise ValueError(_("“%(value)s” is not a date (expected something like “6/5/24, 11:03 AM”).") % {"value": value})


_CHOICE_NAMES: dict[tuple[type[TextChoices], str], dict[str, str]] = {}


def _choice_names(choices: type[TextChoices]) -> dict[str, str]:
    """Each name a cell may give for a choice, lowercased: its value, its English label, and its label in the
    language in use (a German user's file may say "Beworben")."""
    language = translation.get_language() or "en"
    names = _CHOICE_NAMES.get((choices, language))
    if names is None:
        names = {}
        for code in (language, "en"):  # English last: it wins where two labels clash
            with translation.override(code):
                names.update({str(label).lower(): value for value, label in choices.choices})
        names.update({value.lower(): value for value in choices.values})
        _CHOICE_NAMES[(choices, language)] = names
    return names


def _choice(value: str, choices: type[TextChoices], label: str) -> str:
    """Accept a stored value ("full_time") or its label ("Full-time"), any case."""
    if not value:
        return ""
    found = _choice_names(choices).get(value.strip().lower())
    if found is not None:
        return found
    allowed = ", ".join(choices.values)
    raise ValueError(_("%(column)s “%(value)s” is not one of: %(allowed)s.") % {
        "column": label, "value": value, "allowed": allowed})


def _clean_text(name: str, raw: str, errors: list[str]) -> str:
    if _CONTROL.search(raw):
        errors.append(_("%(column)s: contains invisible control characters.") % {"column": name})
        return ""
    value = " ".join(raw.split()) if name in _SINGLE_LINE else raw.strip()
    limit = _max_length(name)
    if limit and len(value) > limit:
        errors.append(_("%(column)s: too long (%(length)s characters, at most %(limit)s).") % {
            "column": name, "length": len(value), "limit": limit})
    return value


def _clean_url(raw: str, errors: list[str]) -> str:
    value = _clean_text("url", raw, errors).strip()
    if value and not is_web_url(value):
        errors.append(_("%(column)s: only http:// and https:// addresses are allowed.") % {"column": "url"})
    return value


def _row_ours(line: int, cells: list[str], index: dict[str, int]) -> PreviewRow:
    def cell(name: str) -> str:
        position = index.get(name)
        if position is None or position >= len(cells):
            return ""
        return _unneutralise(cells[position])

    errors: list[str] = []
    fields: dict[str, Any] = {}
    for name in ("title", "company", "location", "salary_text", "external_id"):
        fields[name] = _clean_text(name, cell(name), errors)
    if not parse_salary(fields["salary_text"]).storable:
        errors.append(f"salary_text: {SALARY_OUT_OF_RANGE}")
    fields["url"] = _clean_url(cell("url"), errors)
    for name, choices, label in (("remote_option", RemoteOption, "remote_option"), ("job_type", JobType, "job_type")):
        try:
            fields[name] = _choice(cell(name), choices, label)
        except ValueError as error:
            errors.append(str(error))
    for name in SKILL_COLUMNS:  # a file from before the nice-to-have and soft columns leaves them out
        stack_text = _clean_text(name, cell(name), errors) if cell(name) else ""
        fields[name] = [item.strip() for item in stack_text.split(";") if item.strip()]
    for name in ("posted_date", "date_applied"):
        value = cell(name).strip()
        fields[name] = None
        if value:
            try:
                fields[name] = _parse_iso_date(value)
            except ValueError as error:
                errors.append(f"{name}: {error}")
    status = ""
    status_text = cell("status").strip()
    if status_text:
        try:
            status = _choice(status_text, Status, "status")
        except ValueError as error:
            errors.append(str(error))
    source = _clean_text("source", cell("source"), errors).lower() or JobOrigin.CSV
    if not _SOURCE_RE.match(source):
        errors.append(_("%(column)s: “%(value)s” should be a short name like “csv” or “greenhouse”.") % {
            "column": "source", "value": source})
    row = PreviewRow(line=line, fields=fields, status=status, applied_date=fields["date_applied"], errors=errors,
                     source=source)
    _check_required_and_model(row)
    return row


def _row_linkedin(line: int, cells: list[str], index: dict[str, int]) -> PreviewRow:
    def cell(name: str) -> str:
        position = index[name]
        return cells[position] if position < len(cells) else ""

    errors: list[str] = []
    fields: dict[str, Any] = {
        "title": _clean_text("title", cell("Job Title"), errors),
        "company": _clean_text("company", cell("Company Name"), errors),
        "url": _clean_url(cell("Job Url"), errors),
    }
    applied: date | None = None
    raw_date = cell("Application Date").strip()
    if not raw_date:
        errors.append(_("Application Date is missing."))
    else:
        try:
            applied = _parse_linkedin_date(raw_date)
        except ValueError as error:
            errors.append(f"Application Date: {error}")
    fields["date_applied"] = applied
    row = PreviewRow(line=line, fields=fields, status=Status.APPLIED.value, applied_date=applied, errors=errors)
    _check_required_and_model(row)
    return row


def _check_required_and_model(row: PreviewRow) -> None:
    """Required fields, then the model's own field validation as a safety net, so that
    create_job's full_clean cannot fail later for a row the preview called valid."""
    for name in ("title", "company"):
        if not row.fields.get(name) and not any(error.startswith(f"{name}:") for error in row.errors):
            row.errors.append(_("%(column)s: required.") % {"column": name})
    if row.errors:
        return
    # What Model.clean_fields does, for the fields a row gives (the others keep valid defaults): a tenth
    # of its cost, which counts at 10,000 rows.
    for name, value in (*row.fields.items(), ("source", row.source)):
        if name in SKILL_COLUMNS:
            continue
        model_field = _FIELDS[name]
        if model_field.blank and value in model_field.empty_values:
            continue
        try:
            model_field.clean(value, None)
        except ValidationError as error:
            row.errors.extend(f"{name}: {message}" for message in error.messages)


_FIELDS: dict[str, Field] = {f.name: f for f in Job._meta.concrete_fields}


def check_header(text: str) -> None:
    """Raise :class:`CSVFileError` when the file's header is not one we read (fast: the first record only)."""
    try:
        _header_line, header = next(_records(text))
    except StopIteration:
        raise CSVFileError(_("The file is empty.")) from None
    _sniff_format(header)


def _parse(data: bytes, *, progress: Callable[[int], None] | None = None) -> ImportPreview:
    """Decode, sniff and validate every row. Pure: no database access (``progress`` is told every
    :data:`PROGRESS_EVERY` rows how many are read)."""
    records = _records(decode_csv_bytes(data))
    try:
        _header_line, header = next(records)
    except StopIteration:
        raise CSVFileError(_("The file is empty.")) from None
    file_format, index = _sniff_format(header)
    build = _row_linkedin if file_format == FORMAT_LINKEDIN else _row_ours
    rows: list[PreviewRow] = []
    for line, cells in records:
        if len(rows) >= MAX_ROWS:
            raise CSVFileError(_(
                "The file has more than %(max)s rows. Split it into files of at most %(max)s rows "
                "and import them one after another."
            ) % {"max": number_format(MAX_ROWS, force_grouping=True)})
        row = build(line, cells, index)
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            # Usually a value containing the delimiter that lost its quotes: the columns are shifted.
            row.errors.insert(0, _("has %(cells)s cells but the header has %(columns)s (a value with a comma "
                                   "probably needs quotes).") % {"cells": len(cells), "columns": len(header)})
        rows.append(row)
        if progress is not None and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows))
    if not rows:
        raise CSVFileError(_("The file has a header but no rows to import."))
    notes: list[str] = []
    if file_format == FORMAT_LINKEDIN:
        notes.append(_(
            "Each row becomes a job with an application in status “Applied” on its application date. "
            "Contact email, phone number, resume name and question answers in the file are not stored."
        ))
    return ImportPreview(format=file_format, rows=rows, notes=notes)


# --------------------------------------------------------------------------- import: duplicates


def _mark_duplicates(user, rows: Iterable[PreviewRow]) -> None:
    """Flag rows matching one of the user's jobs or an earlier row of ``rows`` (one query)."""
    existing = list(Job.objects.for_user(user).values_list("id", "url", "company", "title", "location",
                                                           "remote_option", "source", "external_id"))
    dedup = Deduplicator(row[:6] for row in existing)
    # The database refuses two jobs with the same (source, external_id), so that is a duplicate too.
    external_ids: dict[tuple[str, str], Any] = {(source, ext): job_id for job_id, *_, source, ext in existing if ext}
    for row in rows:
        row.duplicate, row.duplicate_reason = False, ""
        found = dedup.match(row.fields.get("url"), row.fields.get("company"), row.fields.get("title"),
                            row.fields.get("location"), row.fields.get("remote_option"))
        ext = row.fields.get("external_id") or ""
        if found is None and ext:
            found = external_ids.get((row.source, ext))
        if found is not None:
            row.duplicate = True
            row.duplicate_reason = (_("Same job as line %(line)s") % {"line": found[1]} if isinstance(found, tuple)
                                    else _("Already in your jobs"))
            continue
        if row.valid:
            marker = ("line", row.line)
            dedup.add(row.fields, marker)
            if ext:
                external_ids[(row.source, ext)] = marker


# --------------------------------------------------------------------------- import: public API


def preview_import(user, data: bytes, *, progress: Callable[[int], None] | None = None) -> ImportPreview:
    """Parse and check ``data`` for ``user`` without writing anything.

    Raises :class:`CSVFileError` when the file as a whole is unusable."""
    preview = _parse(data, progress=progress)
    _mark_duplicates(user, preview.rows)
    return preview


_DATE_FIELDS = ("posted_date", "date_applied")


def valid_rows_json(preview: ImportPreview) -> list[dict[str, Any]]:
    """The rows without problems, in file order, as JSON (kept by the background import between its check
    and its import, so the file is not parsed and validated twice)."""
    return [{"line": row.line, "source": row.source, "status": row.status,
             "applied_date": row.applied_date.isoformat() if row.applied_date else None,
             "fields": {name: value.isoformat() if name in _DATE_FIELDS and value else value
                        for name, value in row.fields.items()}}
            for row in preview.rows if row.valid]


def rows_from_json(data: list[dict[str, Any]]) -> list[PreviewRow]:
    """:func:`valid_rows_json` read back."""
    rows = []
    for item in data:
        fields = {name: date.fromisoformat(value) if name in _DATE_FIELDS and value else value
                  for name, value in item["fields"].items()}
        applied = date.fromisoformat(item["applied_date"]) if item["applied_date"] else None
        rows.append(PreviewRow(line=item["line"], fields=fields, status=item["status"], applied_date=applied,
                               source=item["source"]))
    return rows


def import_batch(user, rows: Sequence[PreviewRow]) -> int:
    """Create the new ones of ``rows`` (duplicates judged now, against the user's jobs and among ``rows``) with
    bulk inserts: the background import's step. The caller holds the transaction and the user's lock.
    How many were created."""
    _mark_duplicates(user, rows)
    chosen = [row for row in rows if row.importable]
    jobs = create_jobs_in_bulk(user=user, rows=[(row.source, row.fields) for row in chosen])
    start_applications_in_bulk(user=user, items=[(job, row.status, row.applied_date)
                                                 for job, row in zip(jobs, chosen, strict=True) if row.status])
    return len(jobs)


def lock_user(user) -> None:
    """Serialise imports per user, so two imports at once cannot both pass the duplicate check."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))


_SUMMARY_PROBLEMS = 500  # rows with problems listed on a large preview (the count says how many in all)
_SUMMARY_SAMPLE = 50  # new and duplicate rows shown as examples


def _row_summary(row: PreviewRow) -> dict[str, Any]:
    return {"line": row.line, "title": row.fields.get("title") or "", "company": row.fields.get("company") or "",
            "status_label": row.status_label if row.status else "",
            "applied_date": row.applied_date.isoformat() if row.applied_date else "",
            "errors": row.errors, "duplicate_reason": row.duplicate_reason if row.duplicate else ""}


def summarise(preview: ImportPreview) -> dict[str, Any]:
    """What a large preview page shows, as JSON: the counts, every problem (up to a limit) and examples."""
    problems = [row for row in preview.rows if row.errors]
    duplicates = [row for row in preview.rows if row.duplicate and not row.errors]
    new = [row for row in preview.rows if row.importable]
    return {
        "format_label": preview.format_label, "notes": preview.notes, "rows": len(preview.rows), "new": len(new),
        "duplicates": len(duplicates), "errors": len(problems),
        "problems": [_row_summary(row) for row in problems[:_SUMMARY_PROBLEMS]],
        "duplicate_sample": [_row_summary(row) for row in duplicates[:_SUMMARY_SAMPLE]],
        "sample": [_row_summary(row) for row in new[:_SUMMARY_SAMPLE]],
    }


def apply_import(user, data: bytes, *, lines: set[int]) -> ImportResult:
    """Import the rows starting on ``lines`` that are valid and new: all of them or none.

    The file is parsed and checked again here; ``lines`` only narrows the choice. Duplicates
    are judged against the user's jobs at this moment and among the chosen rows, so importing
    the same file twice creates nothing the second time."""
    preview = _parse(data)
    chosen = [row for row in preview.rows if row.line in lines]
    created = 0
    with batched_bumps(), transaction.atomic():
        lock_user(user)  # two submissions of one preview cannot both pass the duplicate check
        _mark_duplicates(user, chosen)
        for row in chosen:
            if not row.importable:
                continue
            try:
                job = create_job(user=user, source=row.source, **row.fields)
                if row.status:
                    start_application(user=user, job=job, status=row.status, applied_date=row.applied_date)
            except ValidationError as error:
                raise CSVFileError(_("Nothing was imported: line %(line)s was refused (%(reason)s).") % {
                    "line": row.line, "reason": _flatten(error)}) from error
            created += 1
    return ImportResult(created=created, skipped=len(preview.rows) - created)


def _flatten(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)

