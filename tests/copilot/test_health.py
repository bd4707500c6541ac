from unittest import mock

from django.db import DatabaseError
from django.utils import timezone

from copilot.models import Heartbeat
from copilot.tasks import heartbeat


def test_health_reports_database_ok_and_unknown_worker(client, db):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "unknown", "scheduler": "on"}


def test_health_sees_a_recent_worker_heartbeat(client, db):
    heartbeat()
    body = client.get("/health").json()
    assert body["worker"] == "ok"
    assert body["worker_last_seen_seconds"] < 5


def test_health_calls_an_old_heartbeat_stale(client, db):
    Heartbeat.objects.create(name="worker", beat_at=timezone.now() - timezone.timedelta(minutes=10))
    assert client.get("/health").json()["worker"] == "stale"


def test_health_answers_503_when_the_database_is_down(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_health_reveals_no_user_data(client, alice):
    assert "alice" not in client.get("/health").content.decode()


def test_robots_txt_keeps_crawlers_out_of_private_pages(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain"
    assert "Disallow: /" in response.content.decode()


def test_plotly_is_served_from_the_installed_package(client, db):
    from django.contrib.staticfiles import finders

    found = finders.find("vendor/plotly/plotly.min.js")
    assert found and found.endswith("plotly/package_data/plotly.min.js")
    assert finders.find("vendor/plotly/widgetbundle.js") is None  # only the one file is exposed
