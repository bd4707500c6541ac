"""Reading résumé files the tests make: the type check of the upload, the text, and the years they state."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.resumes.reading import MAX_PAGES, MAX_UNPACKED, ResumeError, check_file, estimate_experience, read_text
from tests.jobs.resumes.files import (
    PNG_HEADER,
    RESUME_LINES,
    corrupt_docx,
    corrupt_pdf,
    make_docx,
    scanned_pdf,
    text_pdf,
)

CAP = 5 * 1024 * 1024
TODAY = date(2026, 12, 3)


def test_a_text_pdf_is_read_page_by_page_with_progress():
    seen: list[int] = []
    text = read_text("pdf", text_pdf(RESUME_LINES[:6], RESUME_LINES[6:]), seen.append)
    assert "8+ years of experience building APIs in Python and Go" in text
    assert "TU Berlin" in text  # the second page too
    assert seen == [50, 90]


def test_a_docx_is_read_with_its_tables():
    data = make_docx(["Jonas Berg", "Platform engineer since 2018."], table=[["Skills", "Terraform, Rust, gRPC"]])
    assert check_file("cv.docx", data, max_bytes=CAP) == "docx"
    text = read_text("docx", data)
    assert "Platform engineer since 2018." in text and "Terraform, Rust, gRPC" in text


def test_a_scanned_pdf_says_it_has_no_text_rather_than_reading_nothing():
    data = scanned_pdf()
    assert check_file("scan.pdf", data, max_bytes=CAP) == "pdf"  # a real PDF: the upload takes it
    with pytest.raises(ResumeError, match="no text in it: it looks like a scan"):
        read_text("pdf", data)


@pytest.mark.parametrize(("kind", "data", "message"), [
    ("pdf", corrupt_pdf(), "This PDF is damaged"),
    ("pdf", text_pdf(["Only half of me"])[:150], "This PDF is damaged"),
    ("docx", corrupt_docx(), "This Word document is damaged"),
])
def test_a_damaged_file_gets_a_clear_message(kind, data, message):
    with pytest.raises(ResumeError, match=message):
        read_text(kind, data)


def test_a_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert check_file("cv.docx", out.getvalue(), max_bytes=CAP) == "docx"  # a zip: only reading can tell
    with pytest.raises(ResumeError, match="zip archive but not a Word document"):
        read_text("docx", out.getvalue())


def test_a_docx_that_unpacks_to_a_bomb_is_not_read():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/padding.bin", b"\0" * (MAX_UNPACKED + 1))
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ResumeError, match="unpacks to far more"):
        read_text("docx", out.getvalue())


def test_a_pdf_too_long_for_a_resume_is_not_read():
    with pytest.raises(ResumeError, match=f"{MAX_PAGES + 1} pages"):
        read_text("pdf", text_pdf(*[["page"]] * (MAX_PAGES + 1)))


@pytest.mark.parametrize(("filename", "data", "message"), [
    ("cv.pdf", PNG_HEADER + b"\0" * 100, "named like a PDF but it is a PNG image inside"),
    ("cv.docx", text_pdf(["Hello"]), "named like a Word document \\(DOCX\\) but it is a PDF inside"),
    ("cv.pdf", make_docx(["Hello"]), "named like a PDF but it is a zip archive inside"),
    ("cv.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
     "an old Word \\(.doc\\) file inside.*save it as .docx"),
    ("cv.pdf", b"<!DOCTYPE html><html>", "a web page \\(HTML\\) inside"),
    ("cv.txt", b"Python, Go", "is not a PDF or DOCX file"),
    ("cv.doc", b"\xd0\xcf\x11\xe0", "is not a PDF or DOCX file"),
    ("cv.pdf", b"", "is empty"),
])
def test_wrong_types_are_refused_by_their_first_bytes_not_their_name(filename, data, message):
    with pytest.raises(ResumeError, match=message):
        check_file(filename, data, max_bytes=CAP)


def test_a_file_over_the_cap_is_refused_by_its_size():
    head = text_pdf(["Hello"])[:1024]
    with pytest.raises(ResumeError, match=r"“big.pdf” is 6.0 MB: the limit is 5.0 MB"):
        check_file("big.pdf", head, size=6 * 1024 * 1024, max_bytes=CAP)
    assert check_file("BIG.PDF", head, size=CAP, max_bytes=CAP) == "pdf"  # at the cap, any case of extension


def test_a_stated_number_of_years_wins_over_dates():
    experience = estimate_experience("\n".join(RESUME_LINES), today=TODAY)
    assert (experience.years, experience.level) == (8, "senior")
    assert "8+ years of experience building APIs" in experience.evidence


def test_without_a_statement_the_work_history_dates_count_once_and_education_not_at_all():
    text = "\n".join(line for line in RESUME_LINES if "years of experience" not in line)
    experience = estimate_experience(text, today=TODAY)
    # 2016 - 2019 and 03/2019 - present overlap in 2019; the degree (2012 - 2016) is left out.
    assert (experience.years, experience.level) == (11, "senior")
    assert "dates of your work history" in experience.evidence


@pytest.mark.parametrize(("text", "years", "level"), [
    ("Experience\nAcme, Junior Developer, Sep 2025 - present\nEducation\nBSc, 2021 - 2025", 1, "junior"),
    ("Berufserfahrung\nAcme GmbH, 01.2024 – heute\nAusbildung\nTU München 2016 – 2022", 3, "mid"),
    ("Work history\nShop, 2020 - 2023\nProjects\nHobby game 2010 - 2020", 4, "mid"),
    ("Software engineer with 3 years of experience in Go.", 3, "mid"),
    ("Jane Doe\nI like Python.\nFounded a chess club 5 years ago.", None, ""),
])
def test_experience_from_statements_and_dates(text, years, level):
    experience = estimate_experience(text, today=TODAY)
    assert (experience.years, experience.level) == (years, level)


def test_a_pdf_that_takes_too_long_to_read_is_given_up():
    with pytest.raises(ResumeError, match="takes far too long to read"):
        read_text("pdf", text_pdf(*[["A page of a résumé with words."]] * 3), budget=-1)
    assert "Lindqvist" in read_text("pdf", text_pdf(RESUME_LINES), budget=-1)  # one page: done


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_file_is_read_or_refused_with_a_message_never_a_crash(data):
    kind = data.draw(st.sampled_from(["pdf", "docx"]))
    original = bytearray(text_pdf(RESUME_LINES) if kind == "pdf" else make_docx(RESUME_LINES))
    for _ in range(data.draw(st.integers(1, 20))):  # overwrite a few bytes anywhere
        original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 3, len(original)))
    try:
        text = read_text(kind, bytes(original[:cut]))
    except ResumeError as error:
        assert str(error).endswith(".")
    else:
        assert isinstance(text, str)
