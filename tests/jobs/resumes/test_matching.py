"""The per-job résumé check: skills and key phrases shown and missing, the score, and what to add."""

from __future__ import annotations

import pytest

from jobs.resumes.matching import key_phrases, match_resume, role_of_title

RESUME = """Backend engineer. Built Django services on Postgres and Redis; JS and React on the side.
Ran code review for the data pipelines team. Fluent English."""
SKILLS = ["Django", "PostgreSQL", "Redis", "JavaScript", "React", "Code Review", "English"]


@pytest.mark.parametrize(("title", "role"), [
    ("Senior Backend Engineer (m/w/d)", "Backend Engineer"),
    ("Staff Data Engineer - Payments", "Data Engineer"),
    ("Software Engineer II, Platform", "Software Engineer"),
    ("Lead", ""),
    ("Tech Lead, Payments", "Tech Lead"),
    ("Country Lead, Data Center Security", "Country Lead"),
])
def test_the_role_is_the_title_without_level_and_trimmings(title, role):
    assert role_of_title(title) == role


def test_key_phrases_are_the_role_the_soft_skills_and_terms_the_posting_repeats():
    text = ("You will own our data pipelines. Data pipelines feed the billing engine. "
            "Experience with Python. Python again. The billing engine is critical.")
    phrases = key_phrases(title="Senior Backend Engineer", soft_skills=["English"], text=text, skills=["Python"])
    assert phrases == ["Backend Engineer", "English", "data pipelines", "billing engine"]  # ties: first seen first


def test_the_check_lists_what_the_resume_shows_and_lacks_and_scores_by_weight():
    result = match_resume(
        resume_text=RESUME, resume_skills=SKILLS, title="Senior Backend Engineer (m/w/d)",
        tech_stack=["Python", "Django", "PostgreSQL", "Kubernetes", "JS"], preferred_stack=["Redis", "Terraform"],
        soft_skills=["English", "German"], job_text="Our data pipelines move money. The data pipelines team is new.")
    assert result.required.shown == ("Django", "PostgreSQL", "JS")  # JS = JavaScript, Postgres = PostgreSQL
    assert result.required.missing == ("Python", "Kubernetes")
    assert (result.preferred.shown, result.preferred.missing) == (("Redis",), ("Terraform",))
    assert result.phrases.shown == ("Backend Engineer", "English", "data pipelines")
    assert result.phrases.missing == ("German",)
    # (3 + ½·1 + ½·3) / (5 + ½·2 + ½·4) = 5 / 8
    assert result.score == 62
    assert result.suggestions == ("Python", "Kubernetes", "German", "Terraform")
    assert result.explanation.startswith("Your résumé shows 3 of 5 required skills, 1 of 2 nice-to-have skills and "
                                         "3 of 4 key phrases.")
    assert result.band == "medium"


def test_a_skill_asked_as_required_is_not_counted_again_as_nice_to_have():
    result = match_resume(resume_text="Go", resume_skills=["Go"], title="", tech_stack=["Go"],
                          preferred_stack=["Golang", "Rust"], soft_skills=[], job_text="")
    assert result.preferred.total == 1 and result.score == round(100 * 1 / 1.5)


def test_a_name_outside_the_taxonomy_counts_when_its_words_are_in_the_resume():
    result = match_resume(resume_text="Maintained the Acme-Flux engine.", resume_skills=[], title="",
                          tech_stack=["Acme Flux"], preferred_stack=[], soft_skills=[], job_text="")
    assert result.required.shown == ("Acme Flux",) and result.score == 100


def test_a_job_asking_nothing_has_no_score():
    result = match_resume(resume_text=RESUME, resume_skills=SKILLS, title="", tech_stack=[], preferred_stack=[],
                          soft_skills=[], job_text="")
    assert result.score is None and result.suggestions == ()


def test_repeated_terms_come_from_what_the_posting_asks_never_the_company_or_overlapping_pairs():
    text = ("About Harris Farm\nHarris Farm sells fresh food. Harris Farm loves fresh food and brings joy.\n"
            "Requirements\n- Experience as a subject matter expert in food retail\n- A subject matter expert "
            "mindset\n- Food retail experience\n")
    phrases = key_phrases(title="Shop Assistant", soft_skills=[], text=text, skills=[], company="Harris Farm")
    assert phrases == ["Shop Assistant", "subject matter", "food retail"]
