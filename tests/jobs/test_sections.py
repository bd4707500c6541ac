"""jobs.sections cuts a posting into the parts a recruiter reads: company introduction, role,
requirements, nice-to-have, benefits, salary, hiring process, legal text. Pure: no database."""

from __future__ import annotations

import pytest

from jobs.sections import Part, PostingText, heading_part


@pytest.mark.parametrize(("heading", "part"), [
    ("About us", Part.COMPANY), ("About Quarry Labs", Part.COMPANY), ("Who we are", Part.COMPANY),
    ("How we work", Part.COMPANY), ("Our mission", Part.COMPANY), ("Über uns", Part.COMPANY),
    ("Wer wir sind", Part.COMPANY),
    ("The role", Part.ROLE), ("About the role", Part.ROLE), ("About the team", Part.ROLE),
    ("What you'll do", Part.ROLE), ("What you’ll be doing", Part.ROLE), ("Responsibilities", Part.ROLE),
    ("In this role you will", Part.ROLE), ("As a Senior Software Engineer on the team, you will", Part.ROLE),
    ("Deine Aufgaben", Part.ROLE), ("Was dich erwartet", Part.ROLE), ("You will:", Part.ROLE),
    ("Requirements", Part.REQUIRED), ("What you bring", Part.REQUIRED), ("What we're looking for", Part.REQUIRED),
    ("Must have", Part.REQUIRED), ("You have:", Part.REQUIRED), ("Qualifications", Part.REQUIRED),
    ("Minimum qualifications", Part.REQUIRED), ("About you", Part.REQUIRED), ("Your profile", Part.REQUIRED),
    ("You might be a good fit if you", Part.REQUIRED), ("Dein Profil", Part.REQUIRED),
    ("Anforderungen", Part.REQUIRED), ("Was du mitbringst", Part.REQUIRED), ("Key skills", Part.REQUIRED),
    ("Nice to have", Part.PREFERRED), ("Nice-to-haves", Part.PREFERRED), ("Bonus", Part.PREFERRED),
    ("Bonus points", Part.PREFERRED), ("Preferred qualifications", Part.PREFERRED), ("Pluses", Part.PREFERRED),
    ("Plus", Part.PREFERRED), ("Extra credit", Part.PREFERRED), ("Desirable", Part.PREFERRED),
    ("It would be great if you have:", Part.PREFERRED), ("Strong candidates may also have", Part.PREFERRED),
    ("Wünschenswert", Part.PREFERRED), ("Von Vorteil", Part.PREFERRED), ("Good to have", Part.PREFERRED),
    ("Benefits", Part.BENEFITS), ("What we offer", Part.BENEFITS), ("Perks and benefits", Part.BENEFITS),
    ("Why join us", Part.BENEFITS), ("Why Ledgerline", Part.BENEFITS), ("Wir bieten", Part.BENEFITS),
    ("Compensation and benefits", Part.BENEFITS),
    ("Annual Salary", Part.SALARY),
    ("Our hiring process", Part.PROCESS), ("How we hire", Part.PROCESS), ("Dein Ansprechpartner", Part.PROCESS),
    ("Equal opportunity", Part.LEGAL),
    # Shapes seen on real boards: emoji before the words, company tails after the requirements.
    ("🏆 Perks & Benefits", Part.BENEFITS), ("🫂 Our Culture", Part.COMPANY), ("How we're different", Part.COMPANY),
    ("Come work with us!", Part.BENEFITS), ("Logistics", Part.PROCESS), ("Where You'll Be", Part.PROCESS),
    ("Key responsibilities", Part.ROLE), ("Other notices", Part.LEGAL),
])
def test_headings_name_their_part(heading, part):
    assert heading_part(heading) == part


@pytest.mark.parametrize("line", ["Experience in logistics or supply chain", "Strong candidates",
                                  "Build features across the stack", "Aboutness", "Bonus points for Terraform and "
                                  "Kubernetes in production at scale with many teams involved"])
def test_ordinary_lines_are_not_headings(line):
    assert heading_part(line) is None


def parts(text: str, skills: list[str] = ()) -> list[tuple[str, Part]]:
    posting = PostingText(text, sorted(text.index(skill) for skill in skills))
    return [(text[span.start:span.end].strip(), span.part) for span in posting.spans]


def test_the_lead_of_a_structured_posting_is_the_company_except_what_speaks_about_the_role():
    text = ("Acme makes invoices simple.\n\nWe're looking for an engineer to own billing.\n\n"
            "Requirements\n\nPython.")
    assert [part for _, part in parts(text, ["Python"])] == [Part.COMPANY, Part.ROLE, Part.REQUIRED]


def test_the_lead_of_a_posting_without_role_headings_is_the_role():
    assert parts("Acme makes invoices simple. Build them in Python.") == [
        ("Acme makes invoices simple. Build them in Python.", Part.ROLE)]


def test_a_line_naming_a_skill_is_never_a_heading():
    text = "Requirements\n\nKubernetes\nTerraform"
    assert [part for _, part in parts(text, ["Kubernetes", "Terraform"])] == [Part.REQUIRED]


def test_an_inline_heading_after_a_sentence_starts_a_part():
    text = "You will build APIs in Go. Desirable: Rust. Salary £60,000."
    found = parts(text, ["Go", "Rust"])
    assert [part for _, part in found] == [Part.ROLE, Part.PREFERRED]


def test_equal_opportunity_text_ends_a_requirements_list_and_other_legal_words_do_not():
    text = ("Requirements\n\nPython.\nYou must be eligible to work in the UK.\nGo.\n\n"
            "Acme is an equal opportunity employer.\nWe like Rust.")
    posting = PostingText(text, sorted(text.index(s) for s in ("Python", "Go", "Rust")))
    assert posting.part_at(text.index("Go")) is Part.REQUIRED
    assert posting.part_at(text.index("Rust")) is Part.LEGAL


@pytest.mark.parametrize(("text", "skill", "preferred"), [
    ("Python is a plus.", "Python", True),
    ("Ideally Python.", "Python", True),
    ("Python; Go is a plus.", "Python", False),
    ("A SIEM (Splunk preferred).", "SIEM", False),
    ("A SIEM (Splunk preferred).", "Splunk", True),
    ("Python and Go.", "Python", False),
])
def test_inline_markers_cover_their_clause(text, skill, preferred):
    posting = PostingText(text, [text.index(skill)])
    assert posting.preferred_at(text.index(skill)) is preferred


def test_a_field_of_study_is_told_from_a_skill_asked_after_it():
    text = "A degree in statistics and strong Python."
    posting = PostingText(text, [text.index("statistics"), text.index("Python")])
    assert posting.after_degree(text.index("statistics"))
    assert not posting.after_degree(text.index("Python"))
