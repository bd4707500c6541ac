from decimal import Decimal

from jobs.matching import match_job, queryset_totals
from jobs.models import Job
from jobs.services import update_job
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


def test_a_stack_the_user_types_is_marked_as_theirs_and_an_emptied_one_is_extracted_again(alice):
    job = make_job(alice, description_html="<p>Python and Django.</p>")
    assert not job.stack_edited and job.tech_stack == ["Python", "Django"]
    update_job(job=job, title="Renamed", tech_stack=["Python", "Django"])  # stack as shown: not an edit
    assert not job.stack_edited
    update_job(job=job, tech_stack=["Elixir"])
    assert job.stack_edited and job.tech_stack == ["Elixir"]
    update_job(job=job, tech_stack=[])
    assert not job.stack_edited and job.tech_stack == ["Python", "Django"]


def test_a_changed_salary_text_is_read_again(alice):
    job = make_job(alice, salary_text="€60k–80k")
    assert (job.salary_min, job.salary_currency) == (Decimal(60000), "EUR")
    update_job(job=job, salary_text="$100,000 - $120,000 a year")
    assert (job.salary_min, job.salary_max, job.salary_currency) == (Decimal(100000), Decimal(120000), "USD")
    update_job(job=job, salary_text="Competitive")
    assert (job.salary_text, job.salary_min, job.salary_currency) == ("Competitive", None, "")
