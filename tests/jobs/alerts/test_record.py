"""Recording alerts after an ingestion run: who gets one (the threshold), once per job, and the mail task."""

import pytest

from jobs.alerts.services import record_alerts
from jobs.matching import queryset_totals
from jobs.models import Job, JobAlert
from tests.factories import make_user
from tests.jobs.alerts.helpers import POSTINGS, ingest


def scores(user) -> dict[int, int]:
    return queryset_totals(Job.objects.filter(user=user), user.profile)


def test_an_ingestion_run_alerts_exactly_the_new_jobs_at_or_above_the_threshold(boards, alice):
    alice.profile.alert_min_score = 0
    alice.profile.save()
    run = ingest(boards, alice)
    assert run.status == "succeeded" and run.added >= 3
    totals = scores(alice)
    threshold = sorted(totals.values())[len(totals) // 2]  # the median: some above, some below
    assert min(totals.values()) < threshold

    JobAlert.objects.all().delete()
    alice.profile.alert_min_score = threshold
    alice.profile.save()
    recorded = record_alerts(user=alice, jobs=Job.objects.filter(user=alice))
    expected = {job_id for job_id, score in totals.items() if score >= threshold}
    assert {a.job_id for a in JobAlert.objects.filter(user=alice)} == expected == {a.job_id for a in recorded}
    assert all(a.score == totals[a.job_id] for a in JobAlert.objects.all())


PROFILE_FORM = {"skills": "Python, Django, PostgreSQL", "preferred_locations": "Berlin, Germany",
                "experience_level": "senior", "remote_preference": "any", "timezone": "Europe/Berlin",
                "morning_hour": 8, "evening_hour": 20, "live_alerts": "on"}


def test_the_threshold_set_in_settings_applies_to_the_next_run(boards, alice, alice_client):
    # Carol has alice's profile: her run shows what the board's jobs score, to pick a threshold between them.
    carol = make_user("carol", skills=["Python", "Django", "PostgreSQL"], preferred_locations=["Berlin, Germany"],
                      experience_level="senior", timezone="Europe/Berlin", alert_min_score=0)
    ingest(boards, carol)
    carols = sorted(scores(carol).values())
    threshold = carols[len(carols) // 2]
    assert carols[0] < threshold

    assert alice_client.post("/settings/", {**PROFILE_FORM, "alert_min_score": 101}).status_code == 400
    alice.profile.refresh_from_db()
    assert alice.profile.alert_min_score == 80  # out of range: nothing saved
    alice_client.post("/settings/", {**PROFILE_FORM, "alert_min_score": threshold})
    alice.profile.refresh_from_db()
    assert alice.profile.alert_min_score == threshold
    ingest(boards, alice)
    alerted = set(JobAlert.objects.filter(user=alice).values_list("job_id", flat=True))
    assert alerted == {job_id for job_id, score in scores(alice).items() if score >= threshold}
    assert 0 < len(alerted) < Job.objects.filter(user=alice).count()


def test_alerts_switched_off_record_nothing(boards, alice):
    alice.profile.live_alerts, alice.profile.alert_min_score = False, 0
    alice.profile.save()
    assert ingest(boards, alice).added
    assert not JobAlert.objects.exists()


def test_a_rerun_and_another_board_listing_the_same_jobs_alert_nothing_twice(boards, alice):
    alice.profile.alert_min_score = 0
    alice.profile.save()
    first = ingest(boards, alice)
    count = JobAlert.objects.count()
    assert count == first.added
    again = ingest(boards, alice)  # the same postings: duplicates, nothing added
    assert again.added == 0 and JobAlert.objects.count() == count
    record_alerts(user=alice, jobs=Job.objects.filter(user=alice))  # called again by hand: still one per job
    assert JobAlert.objects.count() == count


def test_only_the_runs_new_jobs_are_alerted_not_jobs_saved_before(boards, alice):
    from tests.factories import make_job

    alice.profile.alert_min_score = 0
    alice.profile.save()
    older = make_job(alice, title="Senior Django Developer", company="Someone Else")
    ingest(boards, alice, POSTINGS[:2])
    assert older.pk not in set(JobAlert.objects.values_list("job_id", flat=True))
    assert JobAlert.objects.count() == 2


@pytest.mark.parametrize("email_on, has_address, mailed", [(True, True, True), (False, True, False),
                                                           (True, False, False)])
def test_alerts_above_the_email_threshold_are_marked_for_mail_only_when_opted_in(
        boards, alice, mailoutbox, django_capture_on_commit_callbacks, email_on, has_address, mailed):
    alice.profile.alert_min_score, alice.profile.alert_email, alice.profile.alert_email_min_score = 0, email_on, 0
    alice.profile.save()
    if not has_address:
        alice.email = ""
        alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        ingest(boards, alice, POSTINGS[:2])
    # Q_CLUSTER sync: the queued task ran once the run's alerts were committed.
    assert len(mailoutbox) == (2 if mailed else 0)
    states = set(JobAlert.objects.values_list("email", flat=True))
    assert states == ({"sent"} if mailed else {"none"})
