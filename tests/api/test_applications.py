"""/api/v1/applications: tracking, status changes on the timeline, notes and interviews — as on the pages."""

from __future__ import annotations

from datetime import date

import pytest

from applications.models import Application, Interview, Note, TimelineEvent
from tests.api.helpers import bearer, send
from tests.factories import make_application, make_job


@pytest.fixture
def headers(alice):
    return bearer(alice)


def test_tracking_a_job_starts_an_application_once(client, alice, headers):
    job = make_job(alice)
    first = send(client, "post", "/api/v1/applications", {"job_id": job.pk}, **headers)
    assert first.status_code == 201
    assert first.json()["status"] == "interested" and first.json()["job"]["id"] == job.pk
    again = send(client, "post", "/api/v1/applications", {"job_id": job.pk}, **headers)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Application.objects.count() == 1


def test_tracking_another_users_job_is_404(client, alice, bob):
    job = make_job(alice)
    response = send(client, "post", "/api/v1/applications", {"job_id": job.pk}, **bearer(bob))
    assert response.status_code == 404
    assert not Application.objects.exists()


def test_the_list_filters_by_status_and_words(client, alice, bob, headers):
    applied = make_application(alice, make_job(alice, title="Go Developer", company="Initech"), status="applied")
    make_application(alice, make_job(alice, title="Java Developer", company="Globex"), status="interested")
    make_application(bob, make_job(bob, title="Go Developer"), status="applied")

    def ids(query: str) -> list[int]:
        return [item["id"] for item in client.get(f"/api/v1/applications?{query}", **headers).json()["items"]]

    assert len(ids("")) == 2
    assert ids("status=applied") == [applied.pk]
    assert ids("q=initech") == [applied.pk]
    assert ids("status=offer") == []
    assert client.get("/api/v1/applications?status=hired", **headers).status_code == 422


def test_a_status_change_is_on_the_timeline_with_its_note(client, alice, headers, time_machine):
    time_machine.move_to("2026-12-03T09:00:00Z", tick=False)
    application = make_application(alice)
    response = send(client, "post", f"/api/v1/applications/{application.pk}/status",
                    {"status": "applied", "note": "Sent the CV"}, **headers)
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "applied"
    assert data["applied_date"] == "2026-12-03" and data["follow_up_date"] == "2026-12-10"
    timeline = client.get(f"/api/v1/applications/{application.pk}/timeline", **headers).json()
    assert [(e["from_status"], e["to_status"], e["note"]) for e in timeline] == [
        ("", "interested", ""), ("interested", "applied", "Sent the CV")]


def test_an_unknown_status_is_a_422_and_nothing_moves(client, alice, headers):
    application = make_application(alice)
    response = send(client, "post", f"/api/v1/applications/{application.pk}/status", {"status": "hired"}, **headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "status"]
    application.refresh_from_db()
    assert application.status == "interested" and TimelineEvent.objects.count() == 1


def test_notes_are_added_and_listed_newest_first(client, alice, headers):
    application = make_application(alice)
    for text in ("First call", "Second call"):
        assert send(client, "post", f"/api/v1/applications/{application.pk}/notes", {"text": text},
                    **headers).status_code == 201
    notes = client.get(f"/api/v1/applications/{application.pk}/notes", **headers).json()
    assert [note["text"] for note in notes] == ["Second call", "First call"]


@pytest.mark.parametrize("text, code, message", [
    ("   ", "required", "This field is required."),
    ("bell\x07", "invalid", "Remove the invisible control characters from this text."),
])
def test_a_blank_or_garbled_note_is_refused_with_the_pages_message(client, alice, headers, text, code, message):
    application = make_application(alice)
    response = send(client, "post", f"/api/v1/applications/{application.pk}/notes", {"text": text}, **headers)
    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["body", "payload", "text"], "msg": message, "type": code}]
    assert not Note.objects.exists()


def test_an_interview_is_scheduled_in_the_users_time_zone_and_cancelled(client, alice, headers):
    application = make_application(alice)
    response = send(client, "post", f"/api/v1/applications/{application.pk}/interviews",
                    {"starts_at": "2027-03-01T10:00:00", "kind": "phone", "duration_minutes": 30}, **headers)
    assert response.status_code == 201
    data = response.json()
    assert data["starts_at"] == "2027-03-01T10:00:00+01:00"  # alice is in Berlin
    assert client.get(f"/api/v1/applications/{application.pk}/interviews", **headers).json()[0]["id"] == data["id"]
    assert client.get(f"/api/v1/interviews/{data['id']}", **headers).json()["kind"] == "phone"
    assert send(client, "delete", f"/api/v1/interviews/{data['id']}", **headers).status_code == 204
    assert not Interview.objects.exists()


def test_an_interview_outside_the_calendar_is_refused(client, alice, headers):
    application = make_application(alice)
    response = send(client, "post", f"/api/v1/applications/{application.pk}/interviews",
                    {"starts_at": "0999-03-01T10:00:00"}, **headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "starts_at"
    assert not Interview.objects.exists()


@pytest.mark.parametrize("method, path, body", [
    ("get", "/api/v1/applications/{a}", None),
    ("patch", "/api/v1/applications/{a}", {"follow_up_date": None}),
    ("post", "/api/v1/applications/{a}/status", {"status": "offer"}),
    ("get", "/api/v1/applications/{a}/timeline", None),
    ("get", "/api/v1/applications/{a}/notes", None),
    ("post", "/api/v1/applications/{a}/notes", {"text": "mine now"}),
    ("get", "/api/v1/applications/{a}/interviews", None),
    ("post", "/api/v1/applications/{a}/interviews", {"starts_at": "2027-03-01T10:00:00"}),
    ("get", "/api/v1/interviews/{i}", None),
    ("delete", "/api/v1/interviews/{i}", None),
])
def test_another_users_application_and_interview_are_404(client, alice, bob, method, path, body):
    application = make_application(alice, status="applied")
    interview = Interview.objects.create(application=application, starts_at="2027-03-01T10:00:00Z")
    response = send(client, method, path.format(a=application.pk, i=interview.pk), body, **bearer(bob))
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "applied"
    assert Interview.objects.count() == 1 and not Note.objects.exists()


def test_applied_dates_follow_the_users_today(client, alice, headers, time_machine):
    # 23:30 UTC on 2 Dec is 3 Dec in Berlin.
    time_machine.move_to("2026-12-02T23:30:00Z", tick=False)
    application = make_application(alice)
    data = send(client, "post", f"/api/v1/applications/{application.pk}/status", {"status": "applied"},
                **headers).json()
    assert data["applied_date"] == date(2026, 12, 3).isoformat()


def test_the_dates_change_as_on_the_page(client, alice, headers):
    application = make_application(alice, status="applied")
    url = f"/api/v1/applications/{application.pk}"
    response = send(client, "patch", url, {"applied_date": "2026-11-02", "follow_up_date": "2026-11-09"}, **headers)
    assert response.status_code == 200
    assert (response.json()["applied_date"], response.json()["follow_up_date"]) == ("2026-11-02", "2026-11-09")
    application.job.refresh_from_db()
    assert application.job.date_applied == date(2026, 11, 2)  # the job's applied date follows, as on the page

    response = send(client, "patch", url, {"follow_up_date": None}, **headers)
    assert response.json()["follow_up_date"] is None and response.json()["applied_date"] == "2026-11-02"


def test_a_follow_up_before_applying_is_refused(client, alice, headers):
    application = make_application(alice, status="applied")
    before = (application.applied_date, application.follow_up_date)
    response = send(client, "patch", f"/api/v1/applications/{application.pk}",
                    {"applied_date": "2026-11-10", "follow_up_date": "2026-11-01"}, **headers)
    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["body", "payload", "follow_up_date"], "type": "invalid",
                                          "msg": "The follow-up cannot be before the day you applied."}]
    application.refresh_from_db()
    assert (application.applied_date, application.follow_up_date) == before
