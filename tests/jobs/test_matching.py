"""jobs.matching: the match score, on hand-computed cases and properties. No database needed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jobs.matching import (
    FULL_EVIDENCE,
    PREFERRED_WEIGHT,
    UNKNOWN_LEVEL,
    WEIGHTS,
    match_job,
    prepare_profile,
    score_rows,
    score_totals,
    stack_score,
)
from jobs.seniority import text_level_of
from jobs.skills import skill_names


def profile(skills=(), locations=(), level="", remote="any"):
    return SimpleNamespace(
        skills=list(skills), preferred_locations=list(locations), experience_level=level, remote_preference=remote
    )


def job(title="Backend Engineer", location="", remote_option="", stack=(), requirements="", description="",
        preferred=(), soft=()):
    return SimpleNamespace(
        title=title,
        location=location,
        remote_option=remote_option,
        tech_stack=list(stack),
        preferred_stack=list(preferred),
        soft_skills=list(soft),
        requirements=requirements,
        description_text=description,
    )


ALICE = profile(["Python", "Django", "PostgreSQL", "Docker", "Redis", "AWS"], ["Berlin, Germany"], "senior")
FIVE = ["Python", "Django", "PostgreSQL", "Docker", "Redis"]


# --- Weights and hand-computed totals -------------------------------------------------------


def test_weights_are_50_30_20():
    assert WEIGHTS == {"skills": 50, "location": 30, "experience": 20}
    result = match_job(job(), ALICE)
    assert [(c.name, c.weight) for c in result.components] == [("skills", 50), ("location", 30), ("experience", 20)]


def test_a_perfect_match_on_a_well_described_job_scores_100():
    result = match_job(job("Lead Python Engineer", "Berlin", "onsite", FIVE), ALICE)
    assert result.total == 100
    assert [c.score for c in result.components] == [1.0, 1.0, 1.0]
    assert [c.points for c in result.components] == [50, 30, 20]


def test_nothing_in_common_scores_0():
    result = match_job(job("Junior Developer", "Munich, Germany", "onsite", ["Go", "Rust", "Elixir", "Java", "C#"]),
                       ALICE)
    assert result.total == 0


def test_five_of_six_skills_in_the_right_city_at_the_right_level():
    # 50 × 5/6 + 30 × 1 + 20 × 1 = 91.67, rounded half up
    result = match_job(job("Senior Backend Engineer", "Berlin", "hybrid", [*FIVE, "Kubernetes"]), ALICE)
    assert [c.points for c in result.components] == [41.7, 30, 20]
    assert result.total == 92
    assert result.matched_skills == tuple(FIVE)
    assert result.missing_skills == ("Kubernetes",)
    assert result.component("skills").reason == (
        "Matches 5 of 6 skills: Python, Django, PostgreSQL, Docker, Redis; missing: Kubernetes"
    )


def test_a_job_without_a_stack_scores_on_the_rest_with_neutral_skills():
    # 50 × 0.5 (neutral) + 30 (remote, open to it) + 20 × 0.75 (no level stated) = 70
    result = match_job(job("Backend Engineer", "Remote", "remote", []), ALICE)
    assert result.total == 70
    assert result.component("skills").score == 0.5
    assert result.component("skills").reason == "This job lists no tech stack, so skills count as neutral (half credit)"
    assert result.component("location").reason == "Remote job and you are open to remote"


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
        # 50 × 5/6 + 30 + 20 = 91.67: rounds up
        (job("Senior Engineer", "Berlin", "", [*FIVE, "Go"]), [41.7, 30, 20], 92),
        # 50 × 4/6 + 30 + 20 = 83.33: rounds down
        (job("Senior Engineer", "Berlin", "", [*FIVE[:4], "Go", "Rust"]), [33.3, 30, 20], 83),
        # 50 × 3/8 + 30 + 20 × 0.75 (no level stated) = 63.75: rounds up
        (job("Engineer", "Berlin", "onsite", [*FIVE[:3], "Go", "Rust", "Java", "Scala", "C#"]), [18.8, 30, 15], 64),
        # 50 × (0.4 × 1 + 0.6 × 0.5) (2 of 2: little evidence) + 30 + 20 × 0.5 (mid vs senior) = 75
        (job("Mid-level Engineer", "Berlin", "", ["Python", "Django"]), [35, 30, 10], 75),
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
    assert len(result.matched_skills) == 1 and not result.missing_skills


def test_an_alias_repeated_in_a_stack_counts_once():
    result = match_job(job(stack=["Postgres", "PostgreSQL", "Go"]), profile(["postgres"]))
    assert result.matched_skills == ("PostgreSQL",)
    assert result.missing_skills == ("Go",)
    assert "Matches 1 of 2 skills" in result.component("skills").reason


def test_java_does_not_match_javascript():
    result = match_job(job(stack=["JavaScript"]), profile(["Java"]))
    assert result.matched_skills == () and result.missing_skills == ("JavaScript",)


# --- Evidence counts -------------------------------------------------------------------------


def test_one_matching_skill_ranks_below_six_of_seven():
    one = match_job(job("Backend Developer (Python)", "Berlin", "onsite", ["Python"]), ALICE)
    six_of_seven = match_job(job("Backend Developer", "Berlin", "onsite", [*FIVE, "AWS", "Kubernetes"]), ALICE)
    assert one.component("skills").score == pytest.approx(0.6)  # 0.2 × 1 + 0.8 × 0.5
    assert six_of_seven.component("skills").score == pytest.approx(6 / 7)
    assert one.total < six_of_seven.total


def test_the_breakdown_says_how_many_skills_the_score_rests_on():
    reason = match_job(job(stack=["Python"]), ALICE).component("skills").reason
    assert reason.startswith("Matches 1 of 1 skill: Python — little to go on")
    assert "counts 20 %" in reason and "in full from 5 skills" in reason
    assert "little to go on" not in match_job(job(stack=FIVE), ALICE).component("skills").reason


@pytest.mark.parametrize("small", [["Python"], ["Python", "Django"], ["Docker", "AWS"], ["AWS"]])
def test_one_or_two_known_skills_never_outrank_a_well_described_comparable_match(small):
    # "Comparable": a full match on 1–2 skills against 6 of 7 (86 %) or 4 of 5 (80 %).
    for well_described in ([*FIVE, "AWS", "Go"], [*FIVE[:4], "Go"]):
        assert match_job(job(stack=small), ALICE).total < match_job(job(stack=well_described), ALICE).total


def test_evidence_is_a_blend_toward_neutral_that_reaches_full_weight_at_five_skills():
    assert FULL_EVIDENCE == 5
    assert stack_score(1, 0, 1, 0, True) == pytest.approx(0.6)
    assert stack_score(2, 0, 2, 0, True) == pytest.approx(0.7)
    assert stack_score(1, 0, 0, 0, True) == pytest.approx(0.4)  # one missing skill says little too
    assert stack_score(5, 0, 5, 0, True) == 1.0
    assert stack_score(0, 0, 0, 0, True) == 0.5  # no stack: the prior alone
    assert stack_score(3, 0, 3, 0, False) == 0.0  # profile without skills


# --- Required vs nice to have ------------------------------------------------------------------


def test_nice_to_have_skills_count_half():
    assert PREFERRED_WEIGHT == 0.5
    result = match_job(
        job(stack=[*FIVE[:4], "Kafka"], preferred=["Redis", "Rust", "Go"]), ALICE
    )
    # (4 + 0.5 × 1) / (5 + 0.5 × 3) = 4.5 / 6.5
    assert result.component("skills").score == pytest.approx(4.5 / 6.5)
    assert result.component("skills").reason.startswith(
        "Matches 4 of 5 required and 1 of 3 nice-to-have skills (nice-to-haves count half): "
        "Python, Django, PostgreSQL, Docker, Redis; missing: Apache Kafka; also nice to have: Rust, Go"
    )
    assert result.matched_preferred == ("Redis",)
    assert result.missing_preferred == ("Rust", "Go")
    assert result.missing_skills == ("Apache Kafka",)


def test_a_missing_required_skill_costs_more_than_a_missing_nice_to_have():
    missing_required = match_job(job(stack=[*FIVE[:4], "Go"], preferred=["Redis"]), ALICE)
    missing_preferred = match_job(job(stack=FIVE, preferred=["Go"]), ALICE)
    assert missing_required.component("skills").score < missing_preferred.component("skills").score


def test_a_skill_both_required_and_preferred_counts_as_required():
    result = match_job(job(stack=[*FIVE], preferred=["python", "Go"]), ALICE)
    assert result.matched_preferred == () and result.missing_preferred == ("Go",)
    assert result.component("skills").score == pytest.approx(5 / 5.5)


def test_a_job_with_only_nice_to_haves_says_so():
    reason = match_job(job(preferred=["Python", "Go"]), ALICE).component("skills").reason
    assert reason.startswith("Matches 1 of 2 nice-to-have skills (the job marks none as required)")


def test_soft_skills_never_count():
    plain = match_job(job(stack=FIVE), ALICE)
    with_soft = match_job(job(stack=FIVE, soft=["Communication", "English", "Ownership"]), ALICE)
    assert with_soft == plain


def test_an_empty_preferred_stack_behaves_as_before():
    assert match_job(job(stack=[*FIVE, "Go"], preferred=[]), ALICE) == match_job(job(stack=[*FIVE, "Go"]), ALICE)


# --- Location: one model of places (jobs.locations) -----------------------------------------

# (preferred locations, remote preference, job location, remote option, score, words in the reason)
LOCATION_CASES = [
    (["Warsaw"], "any", "Warszawa, Poland", "", 1.0, "Warsaw, Poland is one of your preferred locations"),
    (["Warszawa"], "any", "Warsaw, PL", "onsite", 1.0, "Warsaw, Poland is one of your preferred"),
    (["Germany"], "any", "Berlin, DE", "", 1.0, "Berlin, Germany is in Germany"),
    (["Deutschland"], "any", "Munich, Bavaria", "onsite", 1.0, "Munich, Germany is in Germany"),
    (["Berlin, Germany"], "any", "Berlin", "", 1.0, "Berlin, Germany is one of your preferred locations"),
    (["München"], "any", "Munich", "hybrid", 1.0, "Munich, Germany is one of your preferred locations (hybrid role)"),
    (["Köln"], "any", "Cologne, Germany", "", 1.0, "Cologne, Germany"),
    (["Zürich"], "any", "Zurich, CH", "onsite", 1.0, "Zurich, Switzerland"),
    (["New York"], "any", "NYC", "onsite", 1.0, "New York City"),
    (["Berlin"], "any", "Berlin or Munich", "onsite", 1.0, "Berlin, Germany"),
    (["Portland, OR"], "any", "Portland, ME", "", 0.0, "Portland, ME, United States is not one of your"),
    (["Portland, OR"], "any", "Portland, Oregon", "", 1.0, "Portland, OR, United States is one of your"),
    (["Berlin, Germany"], "any", "Munich, Germany", "onsite", 0.0, "Munich, Germany is not one of your"),
    (["Berlin"], "any", "Hamburg", "", 0.0, "Hamburg, Germany is not one of your preferred locations"),
    (["Berlin"], "any", "Remote - EU", "", 1.0, "Remote within the EU, and Berlin, Germany is in the EU"),
    (["Lisbon"], "any", "Remote - EU", "", 1.0, "Remote within the EU, and Lisbon, Portugal is in the EU"),
    (["Berlin"], "any", "Remote (US only)", "", 0.0, "Remote, but only for people in the US"),
    (["Lisbon, Portugal"], "hybrid", "Remote (US only)", "", 0.0, "only for people in the US"),
    (["New York"], "any", "Remote (US only)", "", 1.0, "Remote within the US"),
    (["Berlin"], "remote", "Anywhere", "", 1.0, "Remote job and you are open to remote"),
    (["Berlin"], "any", "", "remote", 1.0, "Remote job and you are open to remote"),
    (["Berlin"], "onsite", "Remote - EU", "remote", 0.0, "Remote job; you prefer on-site work"),
    (["Remote"], "onsite", "Remote", "remote", 1.0, "Remote job and you are open to remote"),
    (["Remote - EU"], "onsite", "Remote (Europe)", "", 1.0, "Remote within Europe"),
    (["Berlin"], "onsite", "Berlin, Germany; Remote", "", 0.5, "you prefer on-site work: partial credit"),
    ([], "any", "Remote - EU", "", 0.5, "your profile names no place"),
    (["Berlin"], "any", "London", "remote", 0.5, "offices only in the UK"),
    (["Berlin"], "remote", "Berlin", "onsite", 0.0, "On-site role in Berlin, Germany; you want remote only"),
    (["Berlin"], "remote", "Berlin", "hybrid", 0.5, "Hybrid role in Berlin, Germany; you want remote only: partial"),
    (["Berlin"], "remote", "Berlin", "", 0.0, "Job in Berlin, Germany, not stated as remote; you want remote only"),
    (["Berlin"], "hybrid", "Berlin", "onsite", 0.5, "On-site role in Berlin, Germany; you prefer hybrid: partial"),
    (["Berlin"], "any", "", "onsite", 0.5, "This job gives no location"),
    ([], "any", "Berlin", "hybrid", 0.5, "Your profile lists no preferred locations"),
]


@pytest.mark.parametrize(("preferred", "preference", "location", "remote_option", "score", "words"), LOCATION_CASES)
def test_location_table(preferred, preference, location, remote_option, score, words):
    part = match_job(job(location=location, remote_option=remote_option),
                     profile(locations=preferred, remote=preference)).component("location")
    assert (part.score, words in part.reason) == (score, True), part.reason


def test_a_regional_remote_job_gives_full_marks_only_inside_its_region():
    eu = job(location="Remote - EU")
    assert match_job(eu, profile(locations=["Lisbon"])).component("location").score == 1.0
    assert match_job(eu, profile(locations=["Toronto, ON"])).component("location").score == 0.0


# --- Experience -------------------------------------------------------------------------------


def test_adjacent_level_earns_half_and_says_so():
    result = match_job(job("Senior Engineer"), profile(level="mid"))
    assert result.component("experience").score == 0.5
    assert result.component("experience").reason == "Senior role; you are mid-level: partial credit"


def test_two_levels_apart_earns_nothing():
    assert match_job(job("Senior Engineer"), profile(level="junior")).component("experience").score == 0.0


def test_a_job_stating_no_level_is_unknown_and_earns_three_quarters():
    assert UNKNOWN_LEVEL == 0.75
    for level in ("junior", "mid", "senior", "manager"):
        result = match_job(job("Backend Engineer"), profile(level=level))
        assert (result.job_level, result.job_level_source) == ("", "")
        assert result.component("experience").score == 0.75
        assert result.component("experience").reason.startswith("This job states no seniority")


def test_unknown_sits_between_a_stated_match_and_an_adjacent_level():
    senior = profile(level="senior")
    stated = match_job(job("Senior Backend Engineer"), senior).total
    unknown = match_job(job("Backend Engineer"), senior).total
    adjacent = match_job(job("Backend Engineer", description="3+ years of experience"), senior).total
    assert stated > unknown > adjacent


@pytest.mark.parametrize(
    ("title", "level", "score", "words"),
    [
        ("Engineering Manager", "senior", 0.5, "Management role; you are senior: partial credit"),
        ("Head of Engineering", "mid", 0.0, "Management role; you are mid-level: no credit"),
        ("Director of Data", "junior", 0.0, "no credit (management is its own track"),
        ("VP Engineering", "manager", 1.0, "Management role matches your level"),
        ("CTO", "manager", 1.0, "matches your level"),
        ("Staff Engineer", "manager", 0.5, "an individual-contributor role; you are a manager: partial credit"),
        ("Senior Product Manager", "senior", 1.0, "Senior role matches your level"),
        ("Principal Engineer", "senior", 1.0, "Senior role matches your level"),
    ],
)
def test_management_is_its_own_track(title, level, score, words):
    part = match_job(job(title), profile(level=level)).component("experience")
    assert (part.score, words in part.reason) == (score, True), part.reason


def test_the_level_source_is_in_the_reason():
    reason = (
        match_job(job("Engineer", description="An entry-level role"), profile(level="junior"))
        .component("experience")
        .reason
    )
    assert reason == "Junior role (from the job text) matches your level"
    result = match_job(job("Engineer", requirements="5+ years of experience"), profile(level="senior"))
    assert result.component("experience").reason == "Senior role (from the job text) matches your level"


def test_a_saved_job_is_scored_from_its_stored_level():
    stored = job("Engineer", description="An entry-level role")
    stored.text_level = "senior"  # as stored on write, e.g. from the requirements
    assert match_job(stored, profile(level="senior")).component("experience").score == 1.0


# --- Batch ----------------------------------------------------------------------------------


def _row(i, j):
    return {
        "id": i,
        "title": j.title,
        "location": j.location,
        "remote_option": j.remote_option,
        "tech_stack": j.tech_stack,
        "preferred_stack": j.preferred_stack,
        "text_level": text_level_of(j.requirements, j.description_text),
    }


def test_a_prepared_profile_is_reused():
    prepared = prepare_profile(ALICE)
    assert prepare_profile(prepared) is prepared
    assert match_job(job(stack=["Python"]), prepared) == match_job(job(stack=["Python"]), ALICE)


# --- Properties -----------------------------------------------------------------------------
# No deadline: the first example in a process builds the place gazetteer (about 0.6 s).

SKILLS = skill_names()
skill = st.one_of(
    st.sampled_from(SKILLS), st.sampled_from(["postgres", "k8s", "JS", "golang", "py"]), st.text(max_size=12)
)
job_locations = st.sampled_from(
    [
        "Berlin", "Berlin, Germany", "Berlin, DE", "Remote", "Remote - EU", "Remote (US only)", "Munich, Germany",
        "München", "NYC", "", "Zürich", "Hybrid (Berlin)", "Warszawa, Poland", "Portland, ME", "Portland, OR",
        "Lisbon, Portugal", "Berlin, Germany; Remote", "Anywhere", "CET ± 2", "Remote, Germany", "London, UK",
        "Toronto, ON", "Somewhere Unknown",
    ]
)
profile_locations = st.sampled_from(
    ["Berlin", "Berlin, Germany", "Germany", "Warsaw", "Portland, OR", "Remote", "Remote - EU", "Lisbon", "NYC",
     "Zürich", "Europe", "United States"]
)
titles = st.one_of(
    st.sampled_from(
        ["Senior Engineer", "Junior Dev", "Engineer", "Lead", "Staff SRE", "Graduate", "Engineering Manager",
         "Head of Data", "Director of Engineering", "VP Engineering", "Senior Product Manager", "Software Engineer II",
         "Backend Developer (Python)"]
    ),
    st.text(max_size=30),
)
texts = st.one_of(
    st.just(""),
    st.sampled_from(
        ["entry-level", "7 years of experience", "At least 3 years of experience", "3-5 years",
         "mindestens 3 Jahre Berufserfahrung", "founded 5 years ago", "You will mentor junior engineers."]
    ),
    st.text(max_size=60),
)
jobs = st.builds(
    job,
    title=titles,
    location=job_locations,
    remote_option=st.sampled_from(["", "remote", "hybrid", "onsite"]),
    stack=st.lists(skill, max_size=8),
    requirements=texts,
    description=texts,
    preferred=st.one_of(st.just([]), st.lists(skill, max_size=5)),
    soft=st.lists(st.sampled_from(["Communication", "English", "Ownership"]), max_size=2),
)
profiles = st.builds(
    profile,
    skills=st.lists(skill, max_size=8),
    locations=st.lists(profile_locations, max_size=3),
    level=st.sampled_from(["", "junior", "mid", "senior", "manager"]),
    remote=st.sampled_from(["any", "remote", "hybrid", "onsite"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jobs, profiles)
def test_the_score_is_always_between_0_and_100(a_job, a_profile):
    result = match_job(a_job, a_profile)
    assert 0 <= result.total <= 100
    assert all(0.0 <= c.score <= 1.0 for c in result.components)
    assert len(result.reasons) == 3 and all(result.reasons)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jobs, profiles, st.data())
def test_adding_a_matching_skill_never_lowers_the_score(a_job, a_profile, data):
    stack = [s for s in a_job.tech_stack + a_job.preferred_stack if s.strip()]
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(skill, min_size=1, max_size=2), profiles)
def test_a_stack_of_one_or_two_skills_never_scores_above_seventy_percent(stack, a_profile):
    assert match_job(job(stack=stack), a_profile).component("skills").score <= 0.7 + 1e-9


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(jobs, min_size=1, max_size=8), profiles)
def test_the_batch_gives_the_same_results_as_one_by_one(some_jobs, a_profile):
    rows = [_row(i, j) for i, j in enumerate(some_jobs)]
    one_by_one = [match_job(j, a_profile) for j in some_jobs]
    assert [result for _, result in score_rows(rows, a_profile)] == one_by_one
    assert score_totals(rows, a_profile) == {i: result.total for i, result in enumerate(one_by_one)}
