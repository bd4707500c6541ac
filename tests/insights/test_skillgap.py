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
    assert first.reason == "Asked by 2 of your 4 jobs, often alongside PostgreSQL, which you know (1 job)"
    assert [s.name for s in gap.to_learn] == ["Kubernetes", "Django", "Go"]
    assert gap.to_learn[2].reason == "Asked by 1 of your 4 jobs"  # Go never comes with a skill the user has


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
