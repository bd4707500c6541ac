"""Résumé files the tests make themselves: a minimal PDF writer, a scan-like PDF, DOCX through python-docx."""

from __future__ import annotations

import io
import zlib

import docx

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _pdf(pages: list[tuple[bytes, bytes]]) -> bytes:
    """A PDF whose pages are (content stream, resources); objects and xref offsets written by hand."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for content, resources in pages:
        stream_id = len(objects) + 1
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        page_id = len(objects) + 1
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>"
                       % (stream_id, resources.replace(b"FONT", b"%d 0 R" % font_id)))
        kids.append(b"%d 0 R" % page_id)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _escape(line: str) -> bytes:
    return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(*pages: list[str]) -> bytes:
    """A PDF with a text layer: each argument is one page's lines."""
    built = []
    for lines in pages:
        body = b" T* ".join(b"(%s) Tj" % _escape(line) for line in lines)
        built.append((b"BT /F1 11 Tf 14 TL 56 780 Td " + body + b" ET", b"<< /Font << /F1 FONT >> >>"))
    return _pdf(built)


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are only pictures (as a scanner makes them): no text layer at all."""
    pixels = zlib.compress(bytes((x * 7 + y * 13) % 256 for y in range(64) for x in range(64)))
    inline = b"q 500 0 0 700 48 70 cm BI /W 64 /H 64 /CS /G /BPC 8 /F /Fl ID " + pixels + b" EI Q"
    return _pdf([(inline, b"<< >>") for _ in range(pages)])


def corrupt_pdf() -> bytes:
    """Starts like a PDF, then nothing a reader can use (a download cut short and overwritten)."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n1 0 obj << /Type /Cat"


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def corrupt_docx() -> bytes:
    """A zip signature and then garbage: what a half-copied .docx looks like."""
    return b"PK\x03\x04" + b"\x14\x00\x06\x00" + bytes(range(200)) * 5


RESUME_LINES = [
    "Mara Lindqvist",
    "Senior Backend Engineer, Berlin",
    "Summary",
    "Backend engineer with 8+ years of experience building APIs in Python and Go.",
    "Experience",
    "Orbital Freight GmbH, Backend Engineer, 03/2019 - present",
    "Built Django and FastAPI services on PostgreSQL and Redis, deployed with Docker and Kubernetes on AWS.",
    "Led code review and on-call for the data pipelines team.",
    "Lumen Health, Software Engineer, 2016 - 2019",
    "Wrote TypeScript and React front ends; CI/CD with GitHub Actions.",
    "Education",
    "BSc Computer Science, TU Berlin, 2012 - 2016",
    "Languages: English (fluent), German (C1)",
]
