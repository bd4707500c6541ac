"""insights.skillgap: the numbers on a hand-computed set (no database)."""

from __future__ import annotations

from insights.skillgap import compute_skill_gap

STACKS = [["Python", "Django"], ["Python", "PostgreSQL", "Kubernetes"], ["Kubernetes", "Go"], []]


def test_counts_coverage_and_missing_on_a_hand_computed_set():
    gap = compute_skill_gap(STACKS, ["python", "Postgres"])
    assert gap.jobs == 4
    assert gap.jobs_with_stack == 3
    assert [(s.name, s.count, s.has) for s in gap.market] == [
        ("Kubernetes", 2, False),
        ("Python", 2, True),
        ("Django", 1, False),
        ("Go", 1, False),
        ("PostgreSQL", 1, True),
    ]
    assert [(s.name, s.count) for s in gap.missing] == [("Kubernetes", 2), ("Django", 1), ("Go", 1)]
    assert [s.name for s in gap.matched] == ["Python", "PostgreSQL"]
    # 7 mentions, of which Python ×2 and PostgreSQL ×1 are the user's: 3/7 = 43%
    assert (gap.mentions, gap.mentions_covered, gap.coverage) == (7, 3, 43)
    assert gap.user_skills == ("Python", "PostgreSQL")
    assert gap.market[0].percent == 50  # 2 of 4 jobs


def test_top_to_learn_says_why():
    gap = compute_skill_gap(STACKS, ["python", "Postgres"])
    first = gap.to_learn[0]
    assert (first.name, first.count, first.category) == ("Kubernetes", 2, "DevOps tool")
    # Kubernetes comes once with Python and once with PostgreSQL: ties go alphabetically.
    assert first.alongside == "PostgreSQL"
    assert first.reason == "Required by 2 of your 4 jobs, often alongside PostgreSQL, which you know (1 job)"
    assert [s.name for s in gap.to_learn] == ["Kubernetes", "Django", "Go"]
    assert gap.to_learn[2].reason == "Required by 1 of your 4 jobs"  # Go never comes with a skill the user has


def test_at_most_five_to_learn():
    gap = compute_skill_gap([["A1", "B2", "C3", "D4", "E5", "F6", "G7"]], [])
    assert len(gap.to_learn) == 5


def test_aliases_count_as_one_skill_once_per_job():
    gap = compute_skill_gap([["Postgres", "PostgreSQL"], ["postgresql"]], ["postgres"])
    assert [(s.name, s.count) for s in gap.market] == [("PostgreSQL", 2)]
    assert gap.coverage == 100
    assert gap.missing == ()


def test_skills_the_jobs_never_ask_for_are_listed_apart():
    gap = compute_skill_gap([["Python"]], ["Python", "COBOL"])
    assert gap.unasked == ("COBOL",)


def test_no_jobs_and_no_skills():
    gap = compute_skill_gap([], [])
    assert (gap.jobs, gap.mentions, gap.coverage, gap.market, gap.to_learn) == (0, 0, None, (), ())


def test_no_user_skills_means_everything_is_missing():
    gap = compute_skill_gap(STACKS, [])
    assert gap.coverage == 0
    assert len(gap.missing) == len(gap.market) == 5
    assert gap.to_learn[0].alongside == ""


# --------------------------------------------------------------------------------------------
# Required, nice to have, and soft skills
# --------------------------------------------------------------------------------------------

REQUIRED = [["Python", "Go"], ["Python"], ["Rust"], ["Go"]]
PREFERRED = [["Kubernetes"], ["Kubernetes", "Go"], ["Kubernetes"], ["Rust"]]
SOFT = [["Communication"], ["English", "Communication"], [], ["Mentoring"]]


def gap_with_split(user_skills=("Python",)):
    return compute_skill_gap(REQUIRED, list(user_skills), preferred_stacks=PREFERRED, soft_skills=SOFT)


def test_each_skill_counts_the_jobs_requiring_it_and_those_only_preferring_it():
    gap = gap_with_split()
    split = {s.name: (s.required, s.preferred, s.count) for s in gap.market}
    assert split == {"Python": (2, 0, 2), "Go": (2, 1, 3), "Rust": (1, 1, 2), "Kubernetes": (0, 3, 3)}
    assert next(s for s in gap.market if s.name == "Go").split == "2 required, 1 nice to have"


def test_required_mentions_rank_above_nice_to_have_ones():
    gap = gap_with_split()
    # Go: 2 + 1/2, Kubernetes: 3 × 1/2, Rust: 1 + 1/2 (fewer jobs than Kubernetes at the same weight).
    assert [s.name for s in gap.missing] == ["Go", "Kubernetes", "Rust"]
    assert [s.name for s in gap.to_learn] == ["Go", "Kubernetes", "Rust"]


def test_top_to_learn_says_how_many_jobs_require_and_prefer_it():
    reasons = {s.name: s.reason for s in gap_with_split().to_learn}
    assert reasons["Go"] == ("Required by 2 of your 4 jobs and nice to have in 1 more, often alongside Python, "
                             "which you know (2 jobs)")
    assert reasons["Kubernetes"].startswith("Nice to have in 3 of your 4 jobs, required by none")


def test_soft_skills_are_also_asked_never_missing_or_to_learn():
    gap = gap_with_split(user_skills=("Python", "English"))
    assert [(s.name, s.count, s.has) for s in gap.also_asked] == [
        ("Communication", 2, False), ("English", 1, True), ("Mentoring", 1, False)]
    technical = {s.name for s in (*gap.market, *gap.missing, *gap.to_learn)}
    assert not technical & {"Communication", "English", "Mentoring"}
    assert gap.unasked == ()  # English is asked, as a language, not listed as unasked


def test_a_soft_skill_typed_into_a_stack_is_counted_as_soft():
    gap = compute_skill_gap([["Python", "Leadership"]], ["Python"], preferred_stacks=[["German"]])
    assert [s.name for s in gap.market] == ["Python"]
    assert {s.name for s in gap.also_asked} == {"Leadership", "German"}
    assert gap.coverage == 100


def test_coverage_counts_required_and_nice_to_have_mentions():
    gap = gap_with_split()
    # Mentions: Python 2, Go 3, Rust 2, Kubernetes 3 = 10, of which Python's 2 are the user's.
    assert (gap.mentions, gap.mentions_covered, gap.coverage) == (10, 2, 20)
