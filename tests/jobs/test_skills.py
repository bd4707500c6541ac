"""Tests for the skills taxonomy and extractor (jobs/skills.py). Pure Python: no DB, no Django."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from jobs import skills
from jobs.skills import (
    CATEGORIES,
    DATA_FILE,
    Skill,
    TaxonomyError,
    all_skills,
    canonicalize,
    category_of,
    extract_skills,
    load_taxonomy,
    normalize_skills,
    skill_names,
)


def key(form: str) -> str:
    return " ".join(form.split()).lower()


# --------------------------------------------------------------------------------------------
# Taxonomy data
# --------------------------------------------------------------------------------------------


def test_taxonomy_has_at_least_550_skills():
    assert len(all_skills()) >= 550


def test_skill_names_are_unique_case_insensitively():
    names = [key(s.name) for s in all_skills()]
    assert len(names) == len(set(names))


def test_no_name_or_alias_is_shared_by_two_skills():
    owners: dict[str, set[str]] = {}
    for skill in all_skills():
        for form in skill.forms:
            owners.setdefault(key(form), set()).add(skill.name)
    collisions = {k: v for k, v in owners.items() if len(v) > 1}
    assert collisions == {}


def test_no_skill_lists_the_same_form_twice():
    for skill in all_skills():
        keys = [key(form) for form in skill.forms]
        assert len(keys) == len(set(keys)), skill


def test_every_category_is_in_the_allowed_set():
    assert {s.category for s in all_skills()} <= CATEGORIES


def test_the_category_set_is_small_and_every_category_is_used():
    assert len(CATEGORIES) <= 20
    assert {s.category for s in all_skills()} == CATEGORIES


def test_case_sensitive_forms_are_names_or_aliases_of_their_skill():
    for skill in all_skills():
        assert set(skill.case_sensitive) <= set(skill.forms), skill


def test_names_and_aliases_are_trimmed_and_non_empty():
    for skill in all_skills():
        for form in skill.forms:
            assert form and form == form.strip(), skill


def test_data_file_keeps_one_skill_object_per_line():
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    body = lines[1:-1]
    assert len(body) == len(all_skills())
    for line in body:
        assert isinstance(json.loads(line.rstrip(",")), dict)


def test_taxonomy_covers_the_main_areas():
    for name in ["Python", "JavaScript", "TypeScript", "Java", "Go", "C++", "C#", "Rust", "Django", "React",
                 "Spring Boot", "PostgreSQL", "MongoDB", "Redis", "AWS", "Amazon S3", "Google BigQuery",
                 "Azure Functions", "Docker", "Kubernetes", "Terraform", "GitHub Actions", "Apache Spark",
                 "PyTorch", "scikit-learn", "pytest", "Selenium", "TDD", "CI/CD", "Agile", "Microservices",
                 "REST", "GraphQL", "Figma", "Linux", "OAuth", "Communication"]:
        assert canonicalize(name) == name


def test_all_skills_are_frozen_dataclasses():
    skill = all_skills()[0]
    assert isinstance(skill, Skill)
    with pytest.raises(dataclasses.FrozenInstanceError):
        skill.name = "Changed"  # type: ignore[misc]


def test_all_skills_returns_a_copy():
    first = all_skills()
    first.clear()
    assert all_skills()


def test_skill_names_are_sorted_case_insensitively_and_complete():
    names = skill_names()
    assert names == sorted(names, key=lambda n: (n.casefold(), n))
    assert set(names) == {s.name for s in all_skills()}


def test_every_name_and_alias_is_found_in_a_neutral_sentence():
    misses = []
    for skill in all_skills():
        for form in skill.forms:
            if skill.name not in extract_skills(f"Experience with {form}, please."):
                misses.append((form, skill.name))
    assert misses == []


# --------------------------------------------------------------------------------------------
# Loader validation
# --------------------------------------------------------------------------------------------


def write(tmp_path, entries):
    path = tmp_path / "skills.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_loader_rejects_an_alias_used_by_two_skills(tmp_path):
    path = write(tmp_path, [
        {"name": "PostgreSQL", "category": "database", "aliases": ["Postgres"]},
        {"name": "Postgres XL", "category": "database", "aliases": ["postgres"]},
    ])
    with pytest.raises(TaxonomyError, match="already used by skill 'PostgreSQL'"):
        load_taxonomy(path)


def test_loader_rejects_duplicate_names_ignoring_case(tmp_path):
    path = write(tmp_path, [
        {"name": "Python", "category": "language", "aliases": []},
        {"name": "python", "category": "language", "aliases": []},
    ])
    with pytest.raises(TaxonomyError):
        load_taxonomy(path)


def test_loader_rejects_an_unknown_category(tmp_path):
    path = write(tmp_path, [{"name": "Python", "category": "snake", "aliases": []}])
    with pytest.raises(TaxonomyError, match="unknown category"):
        load_taxonomy(path)


def test_loader_rejects_case_sensitive_forms_that_are_not_aliases(tmp_path):
    path = write(tmp_path, [{"name": "REST", "category": "practice", "aliases": [], "case_sensitive": ["Rest"]}])
    with pytest.raises(TaxonomyError, match="case_sensitive"):
        load_taxonomy(path)


def test_loader_requires_ambiguous_language_names_to_be_case_sensitive(tmp_path):
    path = write(tmp_path, [{"name": "Go", "category": "language", "aliases": ["Golang"]}])
    with pytest.raises(TaxonomyError, match="must be listed in case_sensitive"):
        load_taxonomy(path)


def test_loader_reads_a_valid_file(tmp_path):
    path = write(tmp_path, [{"name": "Go", "category": "language", "aliases": ["Golang"], "case_sensitive": ["Go"]}])
    assert load_taxonomy(path) == (Skill("Go", "language", ("Golang",), ("Go",)),)


# --------------------------------------------------------------------------------------------
# canonicalize / category_of / normalize_skills
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("JS", "JavaScript"),
        ("js", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("golang", "Go"),
        ("go", "Go"),
        ("  node   JS ", "Node.js"),
        ("c++", "C++"),
        ("csharp", "C#"),
        ("dotnet", ".NET"),
        ("GCP", "Google Cloud Platform"),
        ("Google Cloud", "Google Cloud Platform"),
        ("sklearn", "scikit-learn"),
        ("cicd", "CI/CD"),
        ("PostgreSQL", "PostgreSQL"),
    ],
)
def test_canonicalize_maps_names_and_aliases_case_insensitively(typed, canonical):
    assert canonicalize(typed) == canonical


@pytest.mark.parametrize("typed", ["", "   ", "underwater basket weaving", "Pythonic"])
def test_canonicalize_returns_none_for_unknown_names(typed):
    assert canonicalize(typed) is None


def test_category_of_accepts_names_and_aliases():
    assert category_of("PostgreSQL") == "database"
    assert category_of("postgres") == "database"
    assert category_of("k8s") == "devops"
    assert category_of("TDD") == "practice"
    assert category_of("Leadership") == "soft"
    assert category_of("nonexistent skill") is None


def test_normalize_skills_canonicalizes_known_names_and_keeps_unknown_ones_trimmed():
    assert normalize_skills([" postgres ", "Basket  weaving ", "JS"]) == ["PostgreSQL", "Basket weaving", "JavaScript"]


def test_normalize_skills_deduplicates_case_insensitively_in_original_order():
    assert normalize_skills(["Python", "k8s", "python", "Kubernetes", "Baking", "BAKING"]) == [
        "Python", "Kubernetes", "Baking",
    ]


def test_normalize_skills_merges_aliases_with_their_canonical_name():
    assert normalize_skills(["Postgres", "PostgreSQL", "psql", "pgsql"]) == ["PostgreSQL"]


def test_normalize_skills_drops_empty_entries():
    assert normalize_skills(["", "  ", "\t", "Go"]) == ["Go"]


def test_normalize_skills_accepts_any_iterable():
    assert normalize_skills(s for s in ("golang", "Rust")) == ["Go", "Rust"]
    assert normalize_skills([]) == []


# --------------------------------------------------------------------------------------------
# extract_skills: basics
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "We value kindness and curiosity."])
def test_text_without_skills_gives_an_empty_list(text):
    assert extract_skills(text) == []


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Strong JS skills", "JavaScript"),
        ("We run Postgres in production", "PostgreSQL"),
        ("Deploy on k8s", "Kubernetes"),
        ("Backend in golang", "Go"),
        ("We use sklearn daily", "scikit-learn"),
        ("Infra on GCP", "Google Cloud Platform"),
        ("Data in MSSQL", "Microsoft SQL Server"),
        ("Knowledge of Amazon Web Services", "AWS"),
    ],
)
def test_aliases_are_reported_as_canonical_names(text, skill):
    assert extract_skills(text) == [skill]


def test_matching_ignores_case_for_ordinary_names():
    assert extract_skills("PYTHON, python and PyThOn") == ["Python"]


def test_results_keep_order_of_first_appearance_without_duplicates():
    text = "Docker and Python. More Python, then Kubernetes, then docker again, and k8s."
    assert extract_skills(text) == ["Docker", "Python", "Kubernetes"]


def test_only_canonical_names_are_returned():
    text = "JS, TS, Postgres, k8s, golang, ReactJS, GCP, sklearn, CI/CD"
    assert set(extract_skills(text)) <= set(skill_names())


# --------------------------------------------------------------------------------------------
# extract_skills: whole words and symbols
# --------------------------------------------------------------------------------------------


def test_java_does_not_match_inside_javascript():
    assert extract_skills("Modern JavaScript only") == ["JavaScript"]


def test_java_and_javascript_are_both_found_when_both_are_written():
    assert extract_skills("Java and JavaScript") == ["Java", "JavaScript"]


@pytest.mark.parametrize(
    "text",
    ["Scalars and vectors", "Our goal is growth", "Rusty bikes", "A sparkling office", "Pythonic idioms",
     "reactive teams", "Chefs welcome", "Ongoing work", "Reliable delivery"],
)
def test_names_inside_longer_words_do_not_match(text):
    assert extract_skills(text) == []


def test_cpp_csharp_and_fsharp_are_distinct_skills():
    assert extract_skills("C++, C# and F# experience") == ["C++", "C#", "F#"]


def test_cpp_alone_does_not_also_report_c():
    assert extract_skills("Modern C++ developer") == ["C++"]


def test_c_and_cpp_written_together_are_both_found():
    assert extract_skills("C/C++ firmware") == ["C", "C++", "Firmware"]


def test_dotnet_matches_standalone():
    assert extract_skills("Experience with .NET and C#.") == [".NET", "C#"]


def test_dotnet_does_not_match_inside_asp_net():
    assert extract_skills("Build APIs with ASP.NET") == ["ASP.NET"]


def test_node_js_and_vue_js_match_with_trailing_punctuation():
    assert extract_skills("Node.js, Vue.js.") == ["Node.js", "Vue.js"]


def test_node_js_is_not_split_into_node_and_js():
    assert extract_skills("We love Node.js") == ["Node.js"]


def test_ci_cd_matches_with_its_slash():
    assert extract_skills("Own our CI/CD pipelines") == ["CI/CD"]


def test_trailing_sentence_dot_still_matches():
    assert extract_skills("I know Python.") == ["Python"]


@pytest.mark.parametrize(
    "text",
    ["(Python)", "[Python]", '"Python"', "'Python'", "Python!", "Python?", "Python;", "Python:", "*Python*",
     "Python-based", "Python/Django", "#Python", "Python\n", "\tPython"],
)
def test_punctuation_around_a_skill_does_not_prevent_a_match(text):
    assert extract_skills(text)[0] == "Python"


def test_version_numbers_glued_to_a_name_still_match():
    assert extract_skills("Python3, Java8, Vue3, HTML5 and CSS3") == ["Python", "Java", "Vue.js", "HTML", "CSS"]


def test_underscores_count_as_part_of_a_word():
    assert extract_skills("run my_python_script") == []


# --------------------------------------------------------------------------------------------
# extract_skills: longest match
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASP.NET Core services", ["ASP.NET Core"]),
        ("Google Cloud Platform", ["Google Cloud Platform"]),
        ("Google Cloud Run and Google Cloud", ["Google Cloud Run", "Google Cloud Platform"]),
        ("Spring Boot microservices", ["Spring Boot", "Microservices"]),
        ("React Native apps", ["React Native"]),
        ("SQL Server DBA", ["Microsoft SQL Server"]),
        ("Objective-C and Swift", ["Objective-C", "Swift"]),
        ("Visual Studio Code", ["Visual Studio Code"]),
        ("Azure DevOps", ["Azure DevOps"]),
        ("T-SQL and PL/SQL", ["T-SQL", "PL/SQL"]),
    ],
)
def test_the_longest_match_at_a_position_wins(text, expected):
    assert extract_skills(text) == expected


# --------------------------------------------------------------------------------------------
# extract_skills: case-sensitive forms
# --------------------------------------------------------------------------------------------


def test_rest_counts_only_in_capitals_while_restful_counts_in_any_case():
    assert extract_skills("REST APIs") == ["REST"]
    assert extract_skills("Design RESTful services") == ["REST"]
    assert extract_skills("Work with the rest of the team") == []


def test_spring_the_framework_is_not_spring_the_season():
    assert extract_skills("Java and Spring") == ["Java", "Spring Framework"]
    assert extract_skills("Start date: spring 2026") == []


def test_excel_and_react_count_only_as_proper_nouns():
    assert extract_skills("Advanced Excel; React hooks") == ["Microsoft Excel", "React"]
    assert extract_skills("You will excel and react quickly to incidents") == []


# --------------------------------------------------------------------------------------------
# extract_skills: the Go rule
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Backend services in Go and Python.",
        "Python, Go, Rust",
        "Go, Rust or C++",
        "Experience with Go.",
        "Go developer (m/f/d)",
        "Go programming and Go services",
        "We write Go.",
        "Tech stack: Go, PostgreSQL",
        "Python/Go",
        "Our services (Go) run on Kubernetes",
        "Skills:\n- Go\n- Docker",
        "Bonus points for Go or Rust.",
        "Upgrade to Go 1.22",
        "Python. Go experience is a plus",
    ],
)
def test_go_counts_in_a_technical_context(text):
    assert "Go" in extract_skills(text)


@pytest.mark.parametrize("text", ["Golang", "golang", "GoLang", "GOLANG shop"])
def test_golang_always_counts_as_go(text):
    assert extract_skills(text) == ["Go"]


@pytest.mark.parametrize(
    "text",
    [
        "go to the office",
        "Go to our careers page",
        "Let's Go!",
        "Let's go: apply now",
        "Go-to person for infrastructure",
        "Ready to go?",
        "Go ahead and apply",
        "Go the extra mile",
        "We go live next month",
        "GO LIVE in March",
        "- Go deep on performance",
        "Go and apply now!",
        "Go-live support",
        "Go big or go home",
        "on the go",
    ],
)
def test_go_does_not_count_as_the_english_verb(text):
    assert "Go" not in extract_skills(text)


# --------------------------------------------------------------------------------------------
# extract_skills: the R rule
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Python and R", "R, Python, SQL", "Statistical modelling in R.", "R programming", "Python, R (tidyverse)",
     "R/Python", "Experience with R", "R and SQL skills", "Shiny apps: R Shiny"],
)
def test_r_counts_as_the_language_in_context(text):
    assert "R" in extract_skills(text)


@pytest.mark.parametrize(
    "text",
    ["R&D department", "Our R & D team", "Trademark(R) products", "Python(R)", "Mr R Smith", "rated R",
     "r and python", "Grade: R", "A, B, R", "Press R to continue"],
)
def test_r_does_not_count_outside_a_language_context(text):
    assert "R" not in extract_skills(text)


# --------------------------------------------------------------------------------------------
# extract_skills: the C rule
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["C, C++ and Python", "C/C++", "Embedded C", "C programming", "Experience in C.", "C and Rust",
     "C99 and C11", "Languages: C", "- C\n- Rust", "ANSI C"],
)
def test_c_counts_as_the_language_in_context(text):
    assert "C" in extract_skills(text)


@pytest.mark.parametrize(
    "text",
    ["Series C funding", "We just raised our Series C.", "C-level executives", "C-suite", "C level", "Vitamin C",
     "USB-C and HDMI", "Plan B or C", "Options A, B and C", "Copyright (C) 2024", "C++ only", "C# only",
     "Objective-C only", "grade C", "Type C", "c and python", "C.V. required"],
)
def test_c_does_not_count_outside_a_language_context(text):
    assert "C" not in extract_skills(text)


def test_r_and_c_next_to_each_other_are_both_languages():
    assert extract_skills("Proficiency in R, C and Python") == ["R", "C", "Python"]


# --------------------------------------------------------------------------------------------
# extract_skills: robustness
# --------------------------------------------------------------------------------------------


def test_irregular_whitespace_inside_multi_word_names_is_tolerated():
    found = extract_skills("Google  Cloud\tPlatform and Ruby\u00a0on Rails")
    assert found == ["Google Cloud Platform", "Ruby on Rails"]


def test_non_ascii_text_is_handled():
    text = "Développeur·se Python – Kubernetes • Go, Rust; İstanbul office — “Docker”"
    assert extract_skills(text) == ["Python", "Kubernetes", "Go", "Rust", "Docker"]


def test_a_realistic_posting():
    text = (
        "Senior Backend Engineer (Go/Python) - Series C fintech\n\n"
        "You'll build microservices in Go and Python on AWS (EKS, S3, SQS), with PostgreSQL and Redis.\n"
        "We deploy with Terraform and GitHub Actions; CI/CD and TDD are how we work.\n"
        "Nice to have: Kafka, gRPC, k8s operators, clear communication with C-level stakeholders.\n"
        "Let's go! Ready to go the extra mile? Apply now. (C) 2025"
    )
    assert extract_skills(text) == [
        "Go", "Python", "Microservices", "AWS", "Amazon EKS", "Amazon S3", "Amazon SQS", "PostgreSQL", "Redis",
        "Terraform", "GitHub Actions", "CI/CD", "TDD", "Apache Kafka", "gRPC", "Kubernetes Operators", "Communication",
    ]


def test_the_module_does_not_import_django():
    code = "import sys, jobs.skills as s; s.extract_skills('Python'); print('django' in sys.modules)"
    root = Path(skills.__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
