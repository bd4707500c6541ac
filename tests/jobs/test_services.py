from datetime import date

from jobs.matching import match_job, queryset_totals
from jobs.models import Job
from jobs.services import fill_derived_fields, update_job
from tests.factories import make_job


def test_the_texts_seniority_is_stored_and_kept_up_to_date(alice):
    job = make_job(alice, title="Engineer", requirements="7+ years of experience building APIs")
    assert job.text_level == "senior"
    update_job(job=job, requirements="", description_html="<p>An entry-level role for new graduates.</p>")
    job.refresh_from_db()
    assert job.text_level == "junior"


def test_batch_scores_from_the_stored_level_equal_single_scores(alice):
    make_job(alice, title="Engineer", description_html="<p>Senior-level ownership of Python services.</p>")
    make_job(alice, title="Junior Developer", description_html="<p>Python and Django.</p>")
    make_job(alice, title="Developer", location="Remote", remote_option="remote")
    jobs = Job.objects.filter(user=alice)
    totals = queryset_totals(jobs, alice.profile)
    assert totals == {job.pk: match_job(job, alice.profile).total for job in jobs}


def test_a_date_from_a_machine_outside_2000_to_2100_is_dropped_not_stored():
    job = Job(title="T", company="C", posted_date=date(9999, 12, 31), date_applied=date(1970, 1, 1))
    job = fill_derived_fields(job, stack_given=True)
    assert job.posted_date is None and job.date_applied is None
    kept = fill_derived_fields(Job(title="T", company="C", posted_date=date(2026, 3, 1)), stack_given=True)
    assert kept.posted_date == date(2026, 3, 1)
