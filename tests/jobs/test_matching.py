"""jobs.matching: the match score, on hand-computed cases and properties. No database needed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jobs.matching import WEIGHTS, match_job, prepare_profile, score_rows, score_totals
from jobs.seniority import infer_seniority, seniority_text, text_level_of
from jobs.skills import skill_names


def profile(skills=(), locations=(), level="", remote="any"):
    return SimpleNamespace(
        skills=list(skills), preferred_locations=list(locations), experience_level=level, remote_preference=remote
    )


def job(title="Backend Engineer", location="", remote_option="", stack=(), requirements="", description=""):
    return SimpleNamespace(
        title=title,
        location=location,
        remote_option=remote_option,
        tech_stack=list(stack),
        requirements=requirements,
        description_text=description,
    )


ALICE = profile(["Python", "Django", "PostgreSQL"], ["Berlin, Germany"], "senior")


# --- Weights and hand-computed totals -------------------------------------------------------


def test_weights_are_50_30_20():
    assert WEIGHTS == {"skills": 50, "location": 30, "experience": 20}
    result = match_job(job(), ALICE)
    assert [(c.name, c.weight) for c in result.components] == [("skills", 50), ("location", 30), ("experience", 20)]


def test_a_perfect_match_scores_100():
    result = match_job(job("Lead Python Engineer", "Berlin", "onsite", ["python", "django"]), ALICE)
    assert result.total == 100
    assert [c.score for c in result.components] == [1.0, 1.0, 1.0]
    assert [c.points for c in result.components] == [50, 30, 20]


def test_nothing_in_common_scores_0():
    result = match_job(job("Junior Developer", "Munich, Germany", "onsite", ["Go"]), ALICE)
    assert result.total == 0


def test_three_of_four_skills_in_the_right_city_at_the_right_level():
    # 50 × 3/4 + 30 × 1 + 20 × 1 = 87.5, rounded half up
    result = match_job(
        job("Senior Backend Engineer", "Berlin", "hybrid", ["Python", "Django", "PostgreSQL", "Kubernetes"]), ALICE
    )
    assert [c.points for c in result.components] == [37.5, 30, 20]
    assert result.total == 88
    assert result.matched_skills == ("Python", "Django", "PostgreSQL")
    assert result.missing_skills == ("Kubernetes",)
    assert result.component("skills").reason == "Matches 3 of 4 skills: Python, Django, PostgreSQL; missing: Kubernetes"


def test_a_job_without_a_stack_scores_on_the_rest_with_neutral_skills():
    # 50 × 0.5 (neutral) + 30 (remote, open to it) + 20 × 0.5 (mid vs senior) = 65
    result = match_job(job("Backend Engineer", "Remote", "remote", []), ALICE)
    assert result.total == 65
    assert result.component("skills").score == 0.5
    assert result.component("skills").reason == "This job lists no tech stack, so skills count as neutral (half credit)"
    assert result.component("location").reason == "Remote job and you are open to remote"


def test_adjacent_level_earns_half_and_says_so():
    result = match_job(job("Senior Engineer"), profile(level="mid"))
    assert result.component("experience").score == 0.5
    assert result.component("experience").reason == "Senior role; you are mid-level: partial credit"


def test_two_levels_apart_earns_nothing():
    assert match_job(job("Senior Engineer"), profile(level="junior")).component("experience").score == 0.0


def test_an_empty_profile_gets_neutral_location_and_level_and_no_skill_credit():
    result = match_job(job("Engineer", "Berlin", "onsite", ["Python"]), profile())
    assert [c.score for c in result.components] == [0.0, 0.5, 0.5]
    assert result.total == 25
    assert "add your skills" in result.component("skills").reason
    assert "no preferred locations" in result.component("location").reason
    assert "no experience level" in result.component("experience").reason


@pytest.mark.parametrize(
    ("a_job", "points", "total"),
    [
        # 50 × 1/3 + 30 + 20 = 66.67: rounds up
        (job("Senior Engineer", "Berlin", "", ["Python", "Go", "Rust"]), [16.7, 30, 20], 67),
        # 50 × 2/3 + 30 + 20 = 83.33: rounds down
        (job("Senior Engineer", "Berlin", "", ["Python", "Django", "Go"]), [33.3, 30, 20], 83),
        # 50 × 1/4 + 30 + 20 × 1/2 (no level stated: mid-level, alice is senior) = 52.5: a half rounds up
        (job("Engineer", "Berlin", "onsite", ["Python", "Go", "Rust", "Java"]), [12.5, 30, 10], 53),
    ],
)
def test_the_total_is_the_sum_of_the_points_rounded_half_up(a_job, points, total):
    result = match_job(a_job, ALICE)
    assert [c.points for c in result.components] == points
    assert result.total == total


# --- Skills: canonical names through the taxonomy ------------------------------------------


@pytest.mark.parametrize(
    ("profile_skill", "stack_skill"),
    [
        ("postgres", "PostgreSQL"),
        ("PostgreSQL", "Postgres"),
        ("k8s", "Kubernetes"),
        ("JS", "javascript"),
        ("PYTHON", "python"),
        ("node", "Node.js"),
        ("Underwater Basket Weaving", "underwater basket weaving"),
    ],
)
def test_aliases_and_case_match(profile_skill, stack_skill):
    result = match_job(job(stack=[stack_skill]), profile([profile_skill]))
    assert result.component("skills").score == 1.0
    assert len(result.matched_skills) == 1


def test_an_alias_repeated_in_a_stack_counts_once():
    result = match_job(job(stack=["Postgres", "PostgreSQL", "Go"]), profile(["postgres"]))
    assert result.matched_skills == ("PostgreSQL",)
    assert result.component("skills").score == 0.5


def test_java_does_not_match_javascript():
    assert match_job(job(stack=["JavaScript"]), profile(["Java"])).component("skills").score == 0.0


# --- Location formats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preferred", "job_location"),
    [
        ("Berlin, Germany", "Berlin"),
        ("Berlin", "Berlin, Germany"),
        ("Berlin, Germany", "Berlin, DE"),
        ("Germany", "Munich, Germany"),
        ("München", "Munich, Bavaria"),
        ("Zürich", "Zurich, CH"),
        ("New York", "NYC"),
        ("Berlin", "Greater Berlin Area"),
        ("berlin", "BERLIN (Hybrid)"),
        ("Berlin", "Berlin or Munich"),
    ],
)
def test_location_formats_match(preferred, job_location):
    result = match_job(job(location=job_location, remote_option="onsite"), profile(locations=[preferred]))
    assert result.component("location").score == 1.0, result.component("location").reason


@pytest.mark.parametrize(("preferred", "job_location"), [("Berlin, Germany", "Munich, Germany"), ("Berlin", "Hamburg")])
def test_other_cities_do_not_match(preferred, job_location):
    result = match_job(job(location=job_location, remote_option="onsite"), profile(locations=[preferred]))
    assert result.component("location").score == 0.0
    assert result.component("location").reason == f"{job_location} is not one of your preferred locations"


@pytest.mark.parametrize("preference", ["any", "remote", "hybrid"])
@pytest.mark.parametrize(
    ("location", "remote_option"), [("Remote - EU", ""), ("", "remote"), ("Anywhere", ""), ("Remote (US only)", "")]
)
def test_remote_jobs_match_users_open_to_remote(preference, location, remote_option):
    result = match_job(
        job(location=location, remote_option=remote_option), profile(locations=["Berlin"], remote=preference)
    )
    assert result.component("location").score == 1.0
    assert result.component("location").reason == "Remote job and you are open to remote"


def test_remote_jobs_do_not_match_on_site_only_users():
    result = match_job(
        job(location="Remote - EU", remote_option="remote"), profile(locations=["Berlin"], remote="onsite")
    )
    assert result.component("location").score == 0.0


def test_a_remote_location_preference_matches_remote_jobs():
    result = match_job(job(location="Remote", remote_option="remote"), profile(locations=["Remote"], remote="onsite"))
    assert result.component("location").score == 1.0


def test_remote_only_users_get_nothing_for_on_site_and_part_for_hybrid_in_their_city():
    remote_only = profile(locations=["Berlin"], remote="remote")
    assert match_job(job(location="Berlin", remote_option="onsite"), remote_only).component("location").score == 0.0
    hybrid = match_job(job(location="Berlin", remote_option="hybrid"), remote_only).component("location")
    assert hybrid.score == 0.5
    assert hybrid.reason == "Hybrid role in Berlin; you want remote only: partial credit"


def test_hybrid_users_get_part_for_on_site_in_their_city():
    result = match_job(job(location="Berlin", remote_option="onsite"), profile(locations=["Berlin"], remote="hybrid"))
    assert result.component("location").score == 0.5


def test_a_job_without_location_is_neutral():
    result = match_job(job(location="", remote_option="onsite"), profile(locations=["Berlin"]))
    assert result.component("location").score == 0.5


# --- Seniority ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Junior Developer", "junior"),
        ("Jr. Python Developer", "junior"),
        ("Graduate Software Engineer", "junior"),
        ("Entry Level Analyst", "junior"),
        ("Software Engineering Intern", "junior"),
        ("Senior Backend Engineer", "senior"),
        ("Sr Engineer", "senior"),
        ("Staff Engineer", "senior"),
        ("Principal Architect", "senior"),
        ("Tech Lead, Payments", "senior"),
        ("Mid-level Developer", "mid"),
        ("Backend Engineer", "mid"),
        ("Seniority-free Engineer", "mid"),
    ],
)
def test_seniority_from_the_title(title, level):
    assert infer_seniority(title)[0] == level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This is an entry-level position.", ("junior", "text")),
        ("Our new grads learn fast.", ("junior", "text")),
        ("You bring 5+ years of professional experience.", ("senior", "text")),
        ("At least 3 years of experience with Python.", ("mid", "text")),
        ("1 year of experience is enough", ("junior", "text")),
        ("You will mentor junior engineers.", ("mid", "default")),
        ("", ("mid", "default")),
    ],
)
def test_seniority_from_the_text_when_the_title_is_silent(text, expected):
    assert infer_seniority("Backend Engineer", text) == expected


def test_the_title_wins_over_the_text():
    assert infer_seniority("Senior Engineer", "entry-level") == ("senior", "title")


def test_only_the_start_of_the_text_is_read():
    text = seniority_text("", "x" * 600 + " entry-level")
    assert infer_seniority("Engineer", text) == ("mid", "default")


def test_the_level_source_is_in_the_reason():
    reason = (
        match_job(job("Engineer", description="An entry-level role"), profile(level="junior"))
        .component("experience")
        .reason
    )
    assert reason == "Junior role (from the job text) matches your level"
    reason = match_job(job("Engineer"), profile(level="mid")).component("experience").reason
    assert reason == "Mid-level role (no seniority stated) matches your level"


# --- Batch ----------------------------------------------------------------------------------


def _row(i, j):
    return {
        "id": i,
        "title": j.title,
        "location": j.location,
        "remote_option": j.remote_option,
        "tech_stack": j.tech_stack,
        "text_level": text_level_of(j.requirements, j.description_text),
    }


def test_a_prepared_profile_is_reused():
    prepared = prepare_profile(ALICE)
    assert prepare_profile(prepared) is prepared
    assert match_job(job(stack=["Python"]), prepared) == match_job(job(stack=["Python"]), ALICE)


# --- Properties -----------------------------------------------------------------------------

SKILLS = skill_names()
skill = st.one_of(
    st.sampled_from(SKILLS), st.sampled_from(["postgres", "k8s", "JS", "golang", "py"]), st.text(max_size=12)
)
locations = st.sampled_from(
    ["Berlin", "Berlin, Germany", "Remote", "Remote - EU", "Munich, Germany", "NYC", "", "Zürich", "Hybrid (Berlin)"]
)
jobs = st.builds(
    job,
    title=st.one_of(
        st.sampled_from(["Senior Engineer", "Junior Dev", "Engineer", "Lead", "Staff SRE", "Graduate"]),
        st.text(max_size=30),
    ),
    location=locations,
    remote_option=st.sampled_from(["", "remote", "hybrid", "onsite"]),
    stack=st.lists(skill, max_size=8),
    description=st.one_of(st.just(""), st.sampled_from(["entry-level", "7 years of experience"]), st.text(max_size=60)),
)
profiles = st.builds(
    profile,
    skills=st.lists(skill, max_size=8),
    locations=st.lists(locations, max_size=3),
    level=st.sampled_from(["", "junior", "mid", "senior"]),
    remote=st.sampled_from(["any", "remote", "hybrid", "onsite"]),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(jobs, profiles)
def test_the_score_is_always_between_0_and_100(a_job, a_profile):
    result = match_job(a_job, a_profile)
    assert 0 <= result.total <= 100
    assert all(0.0 <= c.score <= 1.0 for c in result.components)
    assert len(result.reasons) == 3 and all(result.reasons)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(jobs, profiles, st.data())
def test_adding_a_matching_skill_never_lowers_the_score(a_job, a_profile, data):
    stack = [s for s in a_job.tech_stack if s.strip()]
    assume(stack)
    added = data.draw(st.sampled_from(stack))
    before = match_job(a_job, a_profile)
    after = match_job(
        a_job,
        profile(
            [*a_profile.skills, added],
            a_profile.preferred_locations,
            a_profile.experience_level,
            a_profile.remote_preference,
        ),
    )
    assert after.total >= before.total
    assert after.component("skills").score >= before.component("skills").score


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(jobs, min_size=1, max_size=8), profiles)
def test_the_batch_gives_the_same_results_as_one_by_one(some_jobs, a_profile):
    rows = [_row(i, j) for i, j in enumerate(some_jobs)]
    one_by_one = [match_job(j, a_profile) for j in some_jobs]
    assert [result for _, result in score_rows(rows, a_profile)] == one_by_one
    assert score_totals(rows, a_profile) == {i: result.total for i, result in enumerate(one_by_one)}
