"""Adding or editing a job by hand: errors swap in place (400), duplicates warn, the list stays right."""

import pytest
from django.urls import reverse

from jobs.duplicates import find_duplicate
from jobs.models import Job
from tests.factories import make_job

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/jobs/"}


def fields(**overrides):
    data = {"title": "Platform Engineer", "company": "Orbital Freight", "location": "Berlin, Germany",
            "url": "", "description_html": "Go and Kubernetes.", "origin": "manual"}
    data.update(overrides)
    return data


def test_an_inline_add_with_errors_answers_400_with_the_form_and_its_messages(alice_client, alice):
    response = alice_client.post(reverse("jobs:create"), fields(title=""), headers=HTMX)
    assert response.status_code == 400  # swapped in place: see responseHandling in base.html
    html = response.content.decode()
    assert "<form" in html and "This field is required." in html and "<html" not in html
    assert not Job.objects.filter(user=alice).exists()


def test_htmx_is_configured_to_swap_400_responses(alice_client):
    html = alice_client.get(reverse("jobs:list")).content.decode()
    assert '{"code": "400", "swap": true, "error": false}' in html


def test_a_title_over_200_characters_is_refused_with_a_clear_message(alice_client, alice):
    response = alice_client.get(reverse("jobs:create"))
    assert 'maxlength="200"' not in response.content.decode().split('name="title"')[1].split(">")[0]
    response = alice_client.post(reverse("jobs:create"), fields(title=("Senior Platform Engineer " * 10).strip()))
    assert response.status_code == 400
    assert "This is too long: at most 200 characters, and it has 249. Please shorten it." in response.content.decode()
    assert not Job.objects.filter(user=alice).exists()


def test_the_first_inline_add_updates_the_count_and_the_empty_state_and_no_message_repeats(alice_client, alice):
    html = alice_client.get(reverse("jobs:list")).content.decode()
    assert "0 jobs" in html and "No jobs yet" in html
    response = alice_client.post(reverse("jobs:create"), fields(), headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved “Platform Engineer” at Orbital Freight." in html
    assert 'id="results"' in html and 'hx-swap-oob="true"' in html
    assert "1 job" in html and "0 jobs" not in html and "No jobs yet" not in html
    assert "Platform Engineer" in html.split('id="results"')[1]
    later = alice_client.get(reverse("jobs:list")).content.decode()
    assert "Saved “Platform Engineer”" not in later and "1 job" in later


def test_an_inline_add_keeps_the_filters_the_list_shows(alice_client, alice):
    make_job(alice, title="Data Analyst", company="Zeta")
    headers = {**HTMX, "HX-Current-URL": "http://testserver/jobs/?q=platform&page=3"}
    html = alice_client.post(reverse("jobs:create"), fields(), headers=headers).content.decode()
    results = html.split('id="results"')[1]
    assert "1 job match your filters" in results and "Data Analyst" not in results
    assert "Page 3" not in results


def test_an_inline_add_from_a_later_page_shows_the_first_page(alice_client, alice):
    for n in range(30):
        make_job(alice, title=f"Engineer {n}", company=f"Company {n}")
    headers = {**HTMX, "HX-Current-URL": "http://testserver/jobs/?page=2"}
    html = alice_client.post(reverse("jobs:create"), fields(), headers=headers).content.decode()
    results = html.split('id="results"')[1]
    assert "Page 1 of 2" in results and "Platform Engineer" in results


@pytest.mark.parametrize("inline", [True, False])
def test_the_same_url_warns_with_a_link_and_saves_only_when_asked(alice_client, alice, inline):
    first = make_job(alice, title="Backend Engineer", company="Acme", url="https://jobs.example.com/42?utm_source=x")
    headers = HTMX if inline else {}
    data = fields(title="Backend Developer (m/w/d)", company="Acme GmbH",
                  url="https://www.jobs.example.com/42?gh_src=abc")
    response = alice_client.post(reverse("jobs:create"), data, headers=headers)
    assert response.status_code == 400
    html = response.content.decode()
    assert "You already have this job with the same link" in html
    assert f'href="{first.get_absolute_url()}"' in html
    assert 'name="save_anyway"' in html
    assert Job.objects.filter(user=alice).count() == 1
    response = alice_client.post(reverse("jobs:create"), {**data, "save_anyway": "1"}, headers=headers)
    assert response.status_code in (200, 302)
    assert Job.objects.filter(user=alice).count() == 2


def test_the_same_job_by_the_dedup_rules_warns_without_a_url(alice_client, alice):
    first = make_job(alice, title="Sr. Backend Engineer", company="Northwind Analytics GmbH", location="Berlin")
    response = alice_client.post(reverse("jobs:create"),
                                 fields(title="Senior Backend Engineer (m/w/d)", company="Northwind Analytics",
                                        location="Berlin, Germany"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "the same role at the same company and place" in html and first.get_absolute_url() in html


def test_another_role_or_another_users_job_is_no_duplicate(alice_client, alice, bob):
    make_job(bob, title="Platform Engineer", company="Orbital Freight", url="https://example.com/p")
    make_job(alice, title="Data Analyst", company="Orbital Freight", location="Berlin, Germany")
    response = alice_client.post(reverse("jobs:create"), fields(url="https://example.com/p"))
    assert response.status_code == 302
    assert Job.objects.filter(user=alice).count() == 2


def test_saving_from_a_url_warns_too(alice_client, alice):
    make_job(alice, title="Platform Engineer", company="Orbital Freight", url="https://example.com/p/1")
    response = alice_client.post(reverse("jobs:create"), fields(url="https://example.com/p/1", origin="url"))
    assert response.status_code == 400 and "You already have this job" in response.content.decode()


@pytest.mark.parametrize("inline", [True, False])
def test_an_edit_that_makes_a_job_repeat_another_warns(alice_client, alice, inline):
    make_job(alice, title="Platform Engineer", company="Orbital Freight", url="https://example.com/p/1")
    other = make_job(alice, title="Data Analyst", company="Zeta")
    headers = HTMX if inline else {}
    response = alice_client.post(reverse("jobs:edit", args=[other.pk]), fields(url="https://example.com/p/1"),
                                 headers=headers)
    assert response.status_code == 400 and "You already have this job" in response.content.decode()
    other.refresh_from_db()
    assert other.title == "Data Analyst"
    response = alice_client.post(reverse("jobs:edit", args=[other.pk]),
                                 {**fields(url="https://example.com/p/1"), "save_anyway": "1"}, headers=headers)
    other.refresh_from_db()
    assert other.title == "Platform Engineer"


def test_editing_a_job_without_touching_what_identifies_it_never_warns(alice_client, alice):
    make_job(alice, title="Platform Engineer", company="Orbital Freight", url="https://example.com/p/1")
    twin = make_job(alice, title="Platform Engineer", company="Orbital Freight", url="https://example.com/p/1")
    response = alice_client.post(reverse("jobs:edit", args=[twin.pk]),
                                 fields(url="https://example.com/p/1", salary_text="€70k"))
    assert response.status_code == 302


def test_find_duplicate_skips_the_job_being_edited(alice):
    job = make_job(alice, title="Platform Engineer", company="Orbital Freight", url="https://example.com/p/1")
    assert find_duplicate(alice, url=job.url, title=job.title, company=job.company).job == job
    assert find_duplicate(alice, url=job.url, title=job.title, company=job.company, exclude_pk=job.pk) is None


def test_find_duplicate_reads_only_the_jobs_of_matching_companies(alice, django_assert_max_num_queries):
    make_job(alice, title="Platform Engineer", company="Orbital Freight GmbH", location="Berlin, Germany")
    for n in range(5):
        make_job(alice, title=f"Platform Engineer {n}", company=f"Other Company {n}")
    with django_assert_max_num_queries(3):
        found = find_duplicate(alice, company="Orbital Freight", title="Platform Engineer", location="Berlin")
    assert found is not None and found.job.company == "Orbital Freight GmbH"
    assert find_duplicate(alice, company="Nobody Inc", title="Platform Engineer", location="Berlin") is None
