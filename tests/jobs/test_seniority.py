"""jobs.seniority: the level a job states in its title or its text, or none. No database needed."""

from __future__ import annotations

import pytest

from jobs.seniority import TEXT_WINDOW, infer_seniority, text_level_of, title_level


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Junior Developer", "junior"),
        ("Jr. Python Developer", "junior"),
        ("Graduate Software Engineer", "junior"),
        ("Entry Level Analyst", "junior"),
        ("Software Engineering Intern", "junior"),
        ("Werkstudent Data Engineering (m/w/d)", "junior"),
        ("Senior Backend Engineer", "senior"),
        ("Sr Engineer", "senior"),
        ("Staff Engineer", "senior"),
        ("Principal Architect", "senior"),
        ("Distinguished Engineer", "senior"),
        ("Tech Lead, Payments", "senior"),
        ("Mid-level Developer", "mid"),
        ("Software Engineer II", "mid"),
        ("Software Engineer I - Payments", "junior"),
        ("SDE III", "senior"),
        ("Backend Engineer", ""),
        ("Seniority-free Engineer", ""),
        ("I/O Engineer", ""),  # a first word is never a grade
    ],
)
def test_the_level_from_the_title(title, level):
    assert title_level(title) == level


@pytest.mark.parametrize(
    "title",
    [
        "Engineering Manager",
        "Senior Engineering Manager, Payments",
        "Manager, Software Engineering",
        "Head of Data",
        "Director of Engineering",
        "Senior Director, Platform",
        "VP Engineering",
        "Vice President of Engineering",
        "CTO",
        "Chief Technology Officer",
        "Teamleiter Softwareentwicklung (m/w/d)",
        "IT Manager",
    ],
)
def test_management_titles_are_their_own_track(title):
    assert title_level(title) == "manager"


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Product Manager", ""),
        ("Senior Product Manager", "senior"),
        ("Technical Program Manager", ""),
        ("Project Manager", ""),
        ("Account Manager", ""),
        ("Release Manager", ""),
    ],
)
def test_manager_titles_that_name_an_individual_role_are_not_management(title, level):
    assert title_level(title) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("You bring 5+ years of professional experience.", "senior"),
        ("At least 3 years of experience with Python.", "mid"),
        ("3-5 years of experience building web services", "mid"),  # the lower bound
        ("3 to 5 years of backend experience", "mid"),
        ("Minimum 2 years in a similar role", "mid"),
        ("two years of experience with React", "mid"),
        ("5 or more years of experience", "senior"),
        ("3+ yrs exp", "mid"),
        ("1 year of experience is enough", "junior"),
        ("0-1 years of experience", "junior"),
        ("5+ years of backend experience; 2+ years with Go", "senior"),  # the largest minimum
        ("mindestens 3 Jahre Berufserfahrung in der Softwareentwicklung", "mid"),
        ("Berufserfahrung von mindestens 5 Jahren", "senior"),
        ("5 ans d'expérience en développement", "senior"),
        ("This is an entry-level position.", "junior"),
        ("Our new grads learn fast.", "junior"),
        ("A senior-level role.", "senior"),
    ],
)
def test_the_level_from_the_text(text, level):
    assert text_level_of(text, "") == level
    assert text_level_of("", text) == level


@pytest.mark.parametrize(
    "text",
    [
        "We were founded 5 years ago.",
        "A 2 years contract, renewable.",
        "We have 20+ years of experience in fintech.",  # about the company, not a level
        "2 years ago we launched our experience platform.",
        "You will mentor junior engineers.",
        "7 years",
        "",
    ],
)
def test_texts_that_state_no_level(text):
    assert text_level_of(text, text) == ""


def test_the_title_wins_over_the_text():
    assert infer_seniority("Senior Engineer", "entry-level") == ("senior", "title")
    assert infer_seniority("Engineering Manager", "2+ years of experience") == ("manager", "title")


def test_a_job_stating_neither_is_unknown():
    assert infer_seniority("Backend Engineer", "Python, Django", "We build things.") == ("", "")


def test_level_phrases_are_read_at_the_start_years_further_down():
    intro = "x" * (TEXT_WINDOW + 100)
    assert text_level_of("", intro + " entry-level") == ""
    assert text_level_of("", intro + " You have 5+ years of experience.") == "senior"

