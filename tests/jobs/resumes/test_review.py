"""The diff a résumé proposes to a profile, and accepting it in part."""

from __future__ import annotations

from jobs.resumes.review import apply_diff, profile_diff


def test_the_diff_adds_what_the_resume_shows_and_offers_to_remove_what_it_never_mentions():
    diff = profile_diff(resume_skills=["Python", "Go", "Kubernetes", "PostgreSQL"], resume_level="senior",
                        profile_skills=["python", "Postgres", "PHP", "Communication"], profile_level="mid")
    assert diff.add == ("Go", "Kubernetes")  # "python" and "Postgres" are the same skills under other names
    assert diff.remove == ("PHP",)  # a soft skill is never offered for removal
    assert diff.keep == ("python", "Postgres")
    assert (diff.level, diff.level_label, diff.current_level_label) == ("senior", "Senior", "Mid-level")


def test_no_level_is_offered_when_it_is_the_same_unknown_or_the_user_leads_people():
    same = profile_diff(resume_skills=[], resume_level="senior", profile_skills=[], profile_level="senior")
    unknown = profile_diff(resume_skills=[], resume_level="", profile_skills=[], profile_level="mid")
    manager = profile_diff(resume_skills=[], resume_level="senior", profile_skills=[], profile_level="manager")
    assert same.level == unknown.level == manager.level == ""
    assert same.is_empty and unknown.is_empty and manager.is_empty
    assert profile_diff(resume_skills=[], resume_level="mid", profile_skills=[], profile_level="").level == "mid"


def test_accepting_part_of_the_diff_changes_only_the_ticked_items():
    profile = ["Python", "PHP", "Perl"]
    diff = profile_diff(resume_skills=["Python", "Go", "Rust", "Kubernetes"], resume_level="",
                        profile_skills=profile, profile_level="")
    assert diff.add == ("Go", "Rust", "Kubernetes") and diff.remove == ("PHP", "Perl")
    assert apply_diff(diff=diff, profile_skills=profile, add=["Go", "k8s"], remove=["Perl"]) == [
        "Python", "PHP", "Go", "Kubernetes"]
    assert apply_diff(diff=diff, profile_skills=profile, add=[], remove=[]) == profile


def test_names_the_diff_did_not_offer_are_ignored():
    diff = profile_diff(resume_skills=["Go"], resume_level="", profile_skills=["Python"], profile_level="")
    assert apply_diff(diff=diff, profile_skills=["Python"], add=["Go", "COBOL"], remove=["Python", "Go"]) == [
        "Go"]  # Python was offered for removal and ticked; COBOL was never offered
    assert apply_diff(diff=diff, profile_skills=["Python"], add=["COBOL"], remove=["Java"]) == ["Python"]
