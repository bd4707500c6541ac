import pytest
from django.urls import reverse

from jobs.models import Job
from tests.factories import make_application, make_job


@pytest.fixture
def alice_job(alice):
    return make_job(alice, title="Senior Python Engineer", company="Northwind", tech_stack=["python", "k8s"])


def test_list_needs_login(client, db):
    assert client.get(reverse("jobs:list")).status_code == 302


def test_list_shows_only_my_jobs(alice_client, alice, bob, alice_job):
    make_job(bob, title="Bob's secret job", company="Hidden Co")
    html = alice_client.get(reverse("jobs:list")).content.decode()
    assert "Senior Python Engineer" in html
    assert "Bob&#x27;s secret job" not in html and "Hidden Co" not in html


@pytest.mark.parametrize("name", ["jobs:detail", "jobs:edit", "jobs:row", "jobs:delete"])
def test_another_users_job_is_a_404_on_every_job_url(bob_client, alice_job, name):
    url = reverse(name, args=[alice_job.pk])
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url, {"title": "x", "company": "y"}).status_code == 404
    assert Job.objects.filter(pk=alice_job.pk, title="Senior Python Engineer").exists()


def test_list_query_count_is_the_same_for_1_and_50_jobs(alice_client, alice, django_assert_max_num_queries):
    job = make_job(alice)
    make_application(alice, job, status="applied")
    alice_client.get(reverse("jobs:list"))  # the first visit stores the time zone in the session
    # session, user, profile (the rendered-page cache's key), jobs, count, closed count, sources
    with django_assert_max_num_queries(7) as one:
        response = alice_client.get(reverse("jobs:list"))
    assert response.status_code == 200 and job.title in response.content.decode()
    for n in range(49):
        made = make_job(alice, title=f"Engineer {n}")
        if n % 2:
            make_application(alice, made, status="applied")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = alice_client.get(reverse("jobs:list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 50
    assert "Engineer 48" in response.content.decode()  # the newest job heads the first page


def test_search_filters_and_sort(alice_client, alice):
    make_job(alice, title="Data Engineer", company="Zeta", remote_option="remote", job_type="contract")
    make_job(alice, title="Frontend Developer", company="alpha", description_html="<p>React and TypeScript</p>")
    applied = make_job(alice, title="Platform Engineer", company="Mid")
    make_application(alice, applied, status="applied")

    def titles(**params):
        response = alice_client.get(reverse("jobs:list"), params)
        return [job.title for job in response.context["jobs"]]

    assert titles(q="typescript") == ["Frontend Developer"]
    assert titles(remote="remote") == ["Data Engineer"]
    assert titles(job_type="contract") == ["Data Engineer"]
    assert titles(status="applied") == ["Platform Engineer"]
    assert set(titles(status="none")) == {"Data Engineer", "Frontend Developer"}
    assert titles(sort="company") == ["Frontend Developer", "Platform Engineer", "Data Engineer"]
    assert titles(added="7", sort="title") == ["Data Engineer", "Frontend Developer", "Platform Engineer"]
    assert len(titles(remote="nonsense")) == 3  # unknown filter values are ignored


def test_htmx_filter_request_returns_only_the_results_partial(alice_client, alice_job):
    response = alice_client.get(reverse("jobs:list"), {"q": "python"},
                                headers={"HX-Request": "true", "HX-Target": "results"})
    html = response.content.decode()
    assert 'id="results"' in html and "<html" not in html
    assert "Senior Python Engineer" in html


def test_pagination(alice_client, alice):
    for n in range(30):
        make_job(alice, title=f"Role {n:02d}")
    page2 = alice_client.get(reverse("jobs:list"), {"page": 2})
    assert len(page2.context["jobs"]) == 5
    assert "Page 2 of 2" in page2.content.decode()


def test_create_fills_the_stack_from_the_text_and_sanitises(alice_client, alice):
    response = alice_client.post(reverse("jobs:create"), {
        "title": "Backend Engineer", "company": "Acme",
        "description_html": "<p onclick='x()'>We use Go, Postgres and k8s</p><script>alert(1)</script>",
        "salary_text": "€60k–80k per year",
    })
    job = Job.objects.get(user=alice)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    # The title names the discipline; the description, the stack.
    assert job.tech_stack == ["Backend Development", "Go", "PostgreSQL", "Kubernetes"]
    assert "<script" not in job.description_html and "onclick" not in job.description_html
    assert (job.salary_min, job.salary_max, job.salary_currency, job.salary_period) == (60000, 80000, "EUR", "year")
    assert job.source == "manual"


def test_a_given_stack_is_kept_and_canonicalised(alice_client, alice):
    alice_client.post(reverse("jobs:create"), {"title": "Dev", "company": "Acme", "tech_stack": "js, My Framework",
                                               "description_html": "Python everywhere"})
    assert Job.objects.get(user=alice).tech_stack == ["JavaScript", "My Framework"]


def test_create_with_bad_input_shows_errors_and_saves_nothing(alice_client, alice):
    response = alice_client.post(reverse("jobs:create"), {"title": "", "company": "Acme", "url": "javascript:alert(1)"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required" in html and "Enter a valid URL" in html
    assert not Job.objects.exists()


def test_inline_create_returns_the_new_row_out_of_band(alice_client, alice):
    response = alice_client.post(reverse("jobs:create"), {"title": "Inline Role", "company": "Acme"},
                                 headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="results" class="section" aria-live="polite" hx-swap-oob="true"' in html and "Inline Role" in html


def test_edit_updates_and_inline_edit_returns_the_row(alice_client, alice_job):
    data = {"title": "Staff Python Engineer", "company": "Northwind", "tech_stack": "Python"}
    response = alice_client.post(reverse("jobs:edit", args=[alice_job.pk]), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="job-{alice_job.pk}"' in response.content.decode()
    alice_job.refresh_from_db()
    assert alice_job.title == "Staff Python Engineer"
    assert alice_job.tech_stack == ["Python"]


def test_delete_needs_confirmation_and_removes_the_application_too(alice_client, alice, alice_job):
    make_application(alice, alice_job, status="applied")
    confirm = alice_client.get(reverse("jobs:delete", args=[alice_job.pk]))
    assert "cannot be undone" in confirm.content.decode()
    assert Job.objects.filter(pk=alice_job.pk).exists()
    response = alice_client.post(reverse("jobs:delete", args=[alice_job.pk]))
    assert response.status_code == 302
    assert not Job.objects.filter(pk=alice_job.pk).exists()
    from applications.models import Application
    assert not Application.objects.exists()


def test_detail_shows_the_sanitised_description(alice_client, alice):
    job = make_job(alice, description_html='<p>Hello</p><img src=x onerror="alert(1)">')
    html = alice_client.get(job.get_absolute_url()).content.decode()
    assert "<p>Hello</p>" in html and "onerror" not in html


def test_best_match_sort_shows_the_score(alice_client, alice):
    make_job(alice, title="Python Django Engineer", description_html="<p>Python, Django, PostgreSQL</p>")
    make_job(alice, title="Cobol Mainframe Operator", description_html="<p>COBOL</p>", location="Nowhere")
    response = alice_client.get(reverse("jobs:list"), {"sort": "score"})
    titles = [job.title for job in response.context["jobs"]]
    assert titles == ["Python Django Engineer", "Cobol Mainframe Operator"]
    assert "/100 match" in response.content.decode()


def test_sources_read_as_names_people_know(alice_client, alice):
    make_job(alice, title="From Board", source="remoteok")
    make_job(alice, title="Typed In")
    html = alice_client.get(reverse("jobs:list")).content.decode()
    assert "Remote OK" in html and "Added by hand" in html


def test_the_form_edits_all_three_skill_lists(alice_client, alice):
    alice_client.post(reverse("jobs:create"), {
        "title": "Dev", "company": "Acme", "tech_stack": "python, k8s", "preferred_stack": "Terraform, Go",
        "soft_skills": "mentorship, German",
    })
    job = Job.objects.get(user=alice)
    assert (job.tech_stack, job.preferred_stack, job.soft_skills) == (
        ["Python", "Kubernetes"], ["Terraform", "Go"], ["Mentoring", "German"])
    form = alice_client.get(reverse("jobs:edit", args=[job.pk])).content.decode()
    assert "Tech stack (required)" in form and "Nice to have" in form and "Soft skills &amp; languages" in form
    assert 'value="Terraform, Go"' in form


def test_the_job_page_shows_required_nice_to_have_and_soft_skills_apart(alice_client, alice):
    job = make_job(alice, title="Dev", tech_stack=["Python"], preferred_stack=["Rust"], soft_skills=["English"])
    body = alice_client.get(job.get_absolute_url()).content.decode()
    groups = body.split('id="skills-asked"')[1].split("</section>")[0]
    required, preferred, soft = (groups.split(f"<dt>{label}</dt>")[1].split("</dd>")[0]
                                 for label in ("Required", "Nice to have", "Soft skills &amp; languages"))
    assert "Python" in required and "Rust" not in required and "English" not in required
    assert "Rust" in preferred and "Python" not in preferred
    assert "English" in soft


def test_the_job_page_says_when_a_group_is_empty(alice_client, alice):
    job = make_job(alice, title="Dev", tech_stack=["Python"])
    groups = alice_client.get(job.get_absolute_url()).content.decode().split('id="skills-asked"')[1]
    assert groups.split("</section>")[0].count("None found") == 2


@pytest.mark.parametrize("salary", ["$1,000,000,000,000 per year", "€10,000,000,000 – €20,000,000,000"])
def test_a_salary_the_columns_cannot_hold_is_refused_with_a_message_on_create(alice_client, alice, salary):
    response = alice_client.post(reverse("jobs:create"), {"title": "Chief", "company": "Acme", "salary_text": salary})
    assert response.status_code == 400
    assert "That amount is out of range" in response.content.decode()
    assert not Job.objects.filter(user=alice).exists()


def test_a_salary_the_columns_cannot_hold_is_refused_with_a_message_on_edit(alice_client, alice_job):
    response = alice_client.post(reverse("jobs:edit", args=[alice_job.pk]),
                                 {"title": "Chief", "company": "Acme", "salary_text": "$1,000,000,000,000 per year"})
    assert response.status_code == 400
    assert "That amount is out of range" in response.content.decode()
    alice_job.refresh_from_db()
    assert alice_job.title != "Chief"


def test_the_largest_storable_salary_is_kept(alice_client, alice):
    alice_client.post(reverse("jobs:create"), {"title": "Chief", "company": "Acme",
                                               "salary_text": "$9,999,999,999 per year"})
    assert str(Job.objects.get(user=alice).salary_max) == "9999999999.00"


@pytest.mark.parametrize("field", ["posted_date", "date_applied"])
@pytest.mark.parametrize("day", ["9999-12-31", "1999-12-31", "0001-01-01"])
def test_job_dates_outside_2000_to_2100_are_refused_with_a_message(alice_client, alice, field, day):
    response = alice_client.post(reverse("jobs:create"), {"title": "T", "company": "C", field: day})
    assert response.status_code == 400
    assert "Use a date between 2000 and 2100." in response.content.decode()
    assert not Job.objects.filter(user=alice).exists()
