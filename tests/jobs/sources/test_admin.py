"""Admin for job-source subscriptions and ingestion runs: lists, filters, the "Run now" action."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from jobs.models import IngestionRun, Job
from tests.factories import make_user
from tests.jobs.sources.helpers import make_subscription, only_loopback, serve  # noqa: F401  (autouse)
from tests.stubserver import StubResponse


def admin_client(client):
    operator = make_user("operator")
    operator.is_staff = operator.is_superuser = True
    operator.save()
    client.force_login(operator)
    return client


def test_the_admin_lists_subscriptions_and_runs(client, boards, bob):
    subscription = make_subscription(bob, "greenhouse", label="Nimbus")
    IngestionRun.objects.create(subscription=subscription, user=bob, source="greenhouse", status="failed",
                                error="HTTP 500 Internal Server Error from boards-api.greenhouse.io")
    client = admin_client(client)
    subscriptions = client.get(reverse("admin:jobs_sourcesubscription_changelist"), {"kind": "greenhouse"})
    runs = client.get(reverse("admin:jobs_ingestionrun_changelist"), {"status": "failed"})
    assert subscriptions.status_code == 200 and "Nimbus" in subscriptions.content.decode()
    assert runs.status_code == 200 and "HTTP 500 Internal Server Error" in runs.content.decode()
    run = IngestionRun.objects.get()
    assert client.get(reverse("admin:jobs_ingestionrun_change", args=[run.pk])).status_code == 200
    assert client.get(reverse("admin:jobs_ingestionrun_add")).status_code == 403  # runs are read-only


def test_run_now_queues_runs_that_ignore_the_boards_interval(client, boards, bob, django_capture_on_commit_callbacks):
    serve(boards, "greenhouse")
    serve(boards, "lever", StubResponse(500))
    fresh = make_subscription(bob, "greenhouse")
    fresh.last_run_at = timezone.now()
    fresh.save()
    failing = make_subscription(bob, "lever")
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs them (Q_CLUSTER sync)
        response = admin_client(client).post(
            reverse("admin:jobs_sourcesubscription_changelist"),
            {"action": "run_now", "_selected_action": [fresh.pk, failing.pk]}, follow=True)
    assert "Queued 2 runs" in response.content.decode()
    runs = {run.source: run for run in IngestionRun.objects.all()}
    assert (runs["greenhouse"].status, runs["greenhouse"].fetched, runs["greenhouse"].added) == ("succeeded", 3, 3)
    assert runs["lever"].status == "failed" and "HTTP 500" in runs["lever"].error
    assert Job.objects.filter(user=bob).count() == 3
    assert set(IngestionRun.objects.values_list("trigger", flat=True)) == {"admin"}
