"""/api/v1/jobs: the list (pages and filters), one job, and writes validated as the pages' forms."""

from __future__ import annotations

import pytest
from django.utils import timezone

from applications.models import Application
from jobs.models import Job
from tests.api.helpers import bearer, send
from tests.factories import make_application, make_job


@pytest.fixture
def headers(alice):
    return bearer(alice)


def test_the_list_comes_in_pages_of_25_with_the_total(client, alice, headers):
    for n in range(30):
        make_job(alice, title=f"Engineer {n:02}")
    first = client.get("/api/v1/jobs?sort=title", **headers).json()
    second = client.get("/api/v1/jobs?sort=title&page=2", **headers).json()
    assert first["count"] == second["count"] == 30
    assert len(first["items"]) == 25 and len(second["items"]) == 5
    titles = [item["title"] for item in first["items"] + second["items"]]
    assert titles == sorted(titles) and len(set(titles)) == 30
    assert client.get("/api/v1/jobs?page=3", **headers).json() == {"items": [], "count": 30}


def test_the_page_size_is_chosen_up_to_100(client, alice, headers):
    for n in range(5):
        make_job(alice, title=f"Engineer {n}")
    assert len(client.get("/api/v1/jobs?page_size=2", **headers).json()["items"]) == 2
    assert len(client.get("/api/v1/jobs?page_size=1000", **headers).json()["items"]) == 5


@pytest.mark.parametrize("query", ["page=0", "page=x", "page_size=0", "sort=salary", "state=gone", "remote=moon",
                                   "status=hired"])
def test_a_bad_list_parameter_is_a_422_naming_it(client, alice, headers, query):
    response = client.get(f"/api/v1/jobs?{query}", **headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == query.split("=")[0]


def test_the_list_filters_as_the_jobs_page_does(client, alice, headers):
    remote = make_job(alice, title="Remote Rustacean", remote_option="remote", description_html="<p>Rust</p>")
    tracked = make_job(alice, title="Django Developer", remote_option="onsite")
    make_application(alice, tracked, status="applied")
    closed = make_job(alice, title="Gone Engineer")
    Job.objects.filter(pk=closed.pk).update(closed_at=timezone.now())

    def ids(query: str) -> set[int]:
        response = client.get(f"/api/v1/jobs?{query}", **headers)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids("") == {remote.pk, tracked.pk}  # open postings by default
    assert ids("state=all") == {remote.pk, tracked.pk, closed.pk}
    assert ids("state=closed") == {closed.pk}
    assert ids("remote=remote") == {remote.pk}
    assert ids("q=rust") == {remote.pk}
    assert ids("status=applied") == {tracked.pk}
    assert ids("status=none") == {remote.pk}
    assert ids("q=django&remote=remote") == set()


def test_sorted_by_score_the_list_carries_the_score(client, alice, headers):
    make_job(alice, title="Python Engineer", description_html="<p>Python, Django, PostgreSQL</p>")
    make_job(alice, title="Welder", description_html="<p>Welding</p>")
    items = client.get("/api/v1/jobs?sort=score", **headers).json()["items"]
    assert [item["title"] for item in items] == ["Python Engineer", "Welder"]
    assert items[0]["match_score"] > items[1]["match_score"]
    # Every list carries the stored score, whatever its order.
    unsorted = {item["title"]: item["match_score"] for item in client.get("/api/v1/jobs", **headers).json()["items"]}
    assert unsorted == {item["title"]: item["match_score"] for item in items}


def test_one_job_has_its_description_and_match(client, alice, headers):
    job = make_job(alice, description_html="<p>Python and Kubernetes</p>")
    make_application(alice, job, status="interview")
    data = client.get(f"/api/v1/jobs/{job.pk}", **headers).json()
    assert data["description_html"] == "<p>Python and Kubernetes</p>"
    assert data["application_status"] == "interview"
    assert data["application_id"] == job.application.pk
    assert 0 <= data["match"]["total"] <= 100
    assert "Kubernetes" in data["match"]["missing_skills"]


def test_another_users_job_is_404_for_every_method(client, alice, bob):
    job = make_job(alice, title="Secret")
    headers = bearer(bob)
    assert client.get(f"/api/v1/jobs/{job.pk}", **headers).status_code == 404
    assert send(client, "patch", f"/api/v1/jobs/{job.pk}", {"title": "Mine"}, **headers).status_code == 404
    assert send(client, "delete", f"/api/v1/jobs/{job.pk}", **headers).status_code == 404
    assert client.get("/api/v1/jobs/999999", **headers).status_code == 404
    job.refresh_from_db()
    assert job.title == "Secret"


def test_a_job_is_added_as_the_form_adds_it(client, alice, headers):
    response = send(client, "post", "/api/v1/jobs", {
        "title": " Data Engineer ", "company": "Contoso", "salary_text": "€60k–75k per year",
        "description_html": "<p>Python and Airflow</p><script>alert(1)</script>", "remote_option": "hybrid",
    }, **headers)
    assert response.status_code == 201
    data = response.json()
    job = Job.objects.get(pk=data["id"], user=alice)
    assert job.title == data["title"] == "Data Engineer"
    assert "script" not in job.description_html
    assert data["salary_min"] == 60000 and data["salary_currency"] == "EUR"
    assert "Apache Airflow" in data["tech_stack"]
    assert job.source == "manual"


def test_invalid_input_is_a_422_with_each_fields_message_and_nothing_saved(client, alice, headers):
    response = send(client, "post", "/api/v1/jobs", {
        "title": "", "company": "Contoso", "url": "javascript:alert(1)", "salary_text": "€99999999999999",
        "posted_date": "1200-01-01", "tech_stack": ["x" * 100],
    }, **headers)
    assert response.status_code == 422
    errors = {error["loc"][-1]: error["msg"] for error in response.json()["detail"]}
    assert set(errors) == {"title", "url", "salary_text", "posted_date", "tech_stack"}
    assert errors["title"] == "This field is required."
    assert "out of range" in errors["salary_text"]
    assert not Job.objects.exists()


def test_a_body_of_the_wrong_shape_is_a_422_from_the_schema(client, alice, headers):
    response = send(client, "post", "/api/v1/jobs", {"title": "T"}, **headers)
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "payload", "company"]]
    response = client.post("/api/v1/jobs", "{not json", content_type="application/json", **headers)
    assert response.status_code == 400


def test_a_patch_changes_only_the_fields_sent(client, alice, headers):
    job = make_job(alice, title="Engineer", company="Acme", remote_option="onsite", tech_stack=["Go"])
    response = send(client, "patch", f"/api/v1/jobs/{job.pk}", {"title": "Senior Engineer"}, **headers)
    assert response.status_code == 200
    job.refresh_from_db()
    assert (job.title, job.company, job.remote_option, job.tech_stack) == ("Senior Engineer", "Acme", "onsite", ["Go"])

    response = send(client, "patch", f"/api/v1/jobs/{job.pk}", {"company": "", "title": "Lead"}, **headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "company"]
    job.refresh_from_db()
    assert (job.title, job.company) == ("Senior Engineer", "Acme")


def test_deleting_a_job_takes_its_application_along(client, alice, headers):
    application = make_application(alice)
    response = send(client, "delete", f"/api/v1/jobs/{application.job_id}", **headers)
    assert response.status_code == 204
    assert not Job.objects.exists() and not Application.objects.exists()
