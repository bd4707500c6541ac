from datetime import date
from decimal import Decimal

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


# --------------------------------------------------------------------------------------------
# The skills a job asks for: required, nice to have, soft skills and languages
# --------------------------------------------------------------------------------------------

POSTING = (
    "<h3>About Ledgerly</h3><p>Ledgerly is an AI-powered accounting platform built on Kafka.</p>"
    "<h3>What you bring</h3><ul><li>Kotlin and PostgreSQL</li><li>Clear written communication in English</li></ul>"
    "<h3>Nice to have</h3><ul><li>Terraform</li><li>German</li></ul>"
    "<h3>What we offer</h3><p>Our summer bash and a Linux laptop.</p>"
)


def test_a_job_without_skills_given_is_read_into_three_lists(alice):
    job = make_job(alice, title="Backend Engineer", company="Ledgerly", description_html=POSTING)
    assert job.tech_stack == ["Backend Development", "Kotlin", "PostgreSQL"]
    assert job.preferred_stack == ["Terraform"]
    assert job.soft_skills == ["Communication", "English", "German"]


def test_the_requirements_field_is_read_as_the_postings_requirements(alice):
    job = make_job(alice, title="Engineer", description_html="<p>About us: we love Rust.</p>",
                   requirements="Experience with Go and gRPC.\nBonus points for Kubernetes.")
    assert job.tech_stack == ["Go", "gRPC"] and job.preferred_stack == ["Kubernetes"]


def test_the_employers_name_is_not_read_as_its_product(alice):
    job = make_job(alice, title="Engineer", company="Snowflake",
                   description_html="<p>We're hiring an engineer to make Snowflake faster in C++.</p>")
    assert job.tech_stack == ["C++"]


def test_skills_given_are_kept_as_given_and_cleaned(alice):
    job = make_job(alice, title="Backend Engineer", description_html=POSTING, tech_stack=["python", "k8s"],
                   preferred_stack=["K8s", "terraform"], soft_skills=["mentorship"])
    assert job.tech_stack == ["Python", "Kubernetes"]
    assert job.preferred_stack == ["Terraform"]  # required already: not also nice to have
    assert job.soft_skills == ["Mentoring"]


def test_only_nice_to_have_given_keeps_the_required_stack_empty(alice):
    job = make_job(alice, title="Backend Engineer", description_html=POSTING, preferred_stack=["Rust"])
    assert (job.tech_stack, job.preferred_stack, job.soft_skills) == ([], ["Rust"], [])


def test_an_edit_that_clears_every_list_reads_the_posting_again(alice):
    job = make_job(alice, title="Backend Engineer", description_html=POSTING, tech_stack=["Haskell"])
    update_job(job=job, tech_stack=[], preferred_stack=[], soft_skills=[])
    job.refresh_from_db()
    assert job.tech_stack == ["Backend Development", "Kotlin", "PostgreSQL"] and job.preferred_stack == ["Terraform"]


def test_a_stack_the_user_types_is_marked_as_theirs_and_an_emptied_one_is_extracted_again(alice):
    job = make_job(alice, title="Engineer", description_html="<p>Python and Django.</p>")
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


def test_a_date_from_a_machine_outside_2000_to_2100_is_dropped_not_stored():
    job = Job(title="T", company="C", posted_date=date(9999, 12, 31), date_applied=date(1970, 1, 1))
    job = fill_derived_fields(job, stack_given=True)
    assert job.posted_date is None and job.date_applied is None
    kept = fill_derived_fields(Job(title="T", company="C", posted_date=date(2026, 3, 1)), stack_given=True)
    assert kept.posted_date == date(2026, 3, 1)
