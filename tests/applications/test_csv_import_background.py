"""Large CSV imports run by a worker with progress: applications/spreadsheets/background.py and its views."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, CSVImport, Status, TimelineEvent
from applications.services import start_application, start_applications_in_bulk
from applications.spreadsheets import background, csv_io
from jobs.models import Job
from jobs.services import create_job
from tests.applications.test_spreadsheets import ours

LARGE = background.BACKGROUND_LINES + 50


def rows(count: int, start: int = 0) -> list[dict]:
    return [{"title": f"Engineer {n}", "company": f"Company {n % 40}", "location": "Berlin",
             "status": ["", "applied", "interview", "rejected"][n % 4],
             "date_applied": "2026-10-01" if n % 4 == 1 else "", "tech_stack": "Python; Django" if n % 2 else ""}
            for n in range(start, start + count)]


def upload(client, data: bytes, name: str = "big.csv"):
    return client.post(reverse("spreadsheets:import"), {"file": SimpleUploadedFile(name, data, "text/csv")})


def status_url(csv_import: CSVImport) -> str:
    return reverse("spreadsheets:import_status", args=[csv_import.pk])


def checked_import(client, data: bytes, capture) -> CSVImport:
    with capture(execute=True):  # Q_CLUSTER sync: the worker's task runs inline on commit
        response = upload(client, data)
    csv_import = CSVImport.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(csv_import)
    csv_import.refresh_from_db()
    return csv_import


# --------------------------------------------------------------------------- the views


def test_a_large_file_is_checked_by_a_worker_and_its_preview_names_each_problem(
        alice_client, alice, django_capture_on_commit_callbacks):
    create_job(user=alice, source="manual", title="Engineer 3", company="Company 3", location="Berlin")
    bad = [{"title": "", "company": "Nobody"}, {"title": "Dated", "company": "X", "posted_date": "yesterday"}]
    csv_import = checked_import(alice_client, ours(*rows(LARGE), *bad), django_capture_on_commit_callbacks)

    assert (csv_import.phase, csv_import.state) == ("checked", "idle")
    summary = csv_import.summary
    assert (summary["rows"], summary["new"], summary["duplicates"], summary["errors"]) == (LARGE + 2, LARGE - 1, 1, 2)
    assert Job.objects.count() == 1  # checking writes nothing
    html = alice_client.get(status_url(csv_import)).content.decode()
    assert f"{LARGE - 1} new, 1 already known" in html
    assert f"line {LARGE + 2}" not in html  # line numbers are in their own cells
    assert "title: required." in html and "posted_date: “yesterday” is not a date" in html
    assert "Already in your jobs" in html and f"Import {LARGE - 1} new rows" in html
    assert "style=" not in html


def test_confirming_imports_every_new_row_once_with_its_application(alice_client, alice,
                                                                    django_capture_on_commit_callbacks):
    create_job(user=alice, source="manual", title="Engineer 0", company="Company 0", location="Berlin")
    csv_import = checked_import(alice_client, ours(*rows(LARGE + 1)), django_capture_on_commit_callbacks)
    start = reverse("spreadsheets:import_start", args=[csv_import.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(start)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(start)  # a second click, another tab: nothing more

    assert response.status_code == 302 and response["Location"] == status_url(csv_import)
    csv_import.refresh_from_db()
    assert (csv_import.phase, csv_import.created, csv_import.csv_text, csv_import.rows) == ("done", LARGE, "", [])
    assert (csv_import.done, csv_import.total, csv_import.percent, csv_import.late_duplicates) == (
        LARGE + 1, LARGE + 1, 100, 0)  # every valid row handled, the known one left out
    assert Job.objects.filter(user=alice).count() == LARGE + 1
    assert Application.objects.filter(user=alice).count() == (LARGE + 1) * 3 // 4
    applied = Application.objects.get(job__title="Engineer 1")
    assert applied.status == "applied" and applied.applied_date == date(2026, 10, 1)
    assert applied.follow_up_date == date(2026, 10, 8)
    assert Job.objects.get(title="Engineer 1").tech_stack == ["Python", "Django"]
    html = alice_client.get(status_url(csv_import)).content.decode()
    assert f"Imported {LARGE} jobs" in html


def test_the_progress_page_polls_until_the_worker_is_done(alice_client, alice, django_assert_max_num_queries):
    csv_import = CSVImport.objects.create(user=alice, file_name="big.csv", csv_text="x", phase="importing",
                                          state="running", total=400, done=100, created=90)
    with django_assert_max_num_queries(7):  # session, user, profile, nav counts, the import
        response = alice_client.get(status_url(csv_import))
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="25"' in html and "100 of 400 rows handled, 90 imported" in html
    assert '<meta http-equiv="refresh" content="2">' in html  # without JavaScript

    partial = alice_client.get(status_url(csv_import), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<section class="card narrow" id="import-status"')

    CSVImport.objects.filter(pk=csv_import.pk).update(phase="done", state="idle", done=400)
    finished = alice_client.get(status_url(csv_import), headers={"HX-Request": "true"})
    assert finished.headers["HX-Refresh"] == "true"


def test_a_queued_import_nobody_takes_says_so(alice_client, alice):
    csv_import = CSVImport.objects.create(user=alice, file_name="big.csv", csv_text="x")
    CSVImport.objects.filter(pk=csv_import.pk).update(updated_at=timezone.now() - timedelta(minutes=1))
    html = alice_client.get(status_url(csv_import)).content.decode()
    assert "Waiting for the background worker to pick this up" in html


def test_small_files_keep_the_one_request_preview(alice_client):
    response = upload(alice_client, ours(*rows(3)))
    assert response.status_code == 200 and 'name="line" value="2" checked' in response.content.decode()
    assert not CSVImport.objects.exists()


def test_a_large_file_with_an_unknown_header_is_refused_on_the_form(alice_client):
    response = upload(alice_client, b"foo,bar\r\n" + b"1,2\r\n" * LARGE)
    assert response.status_code == 400 and "The first line is not a header we know" in response.content.decode()
    assert not CSVImport.objects.exists()


def test_a_file_over_the_row_limit_fails_with_the_reason(alice_client, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    monkeypatch.setattr(csv_io, "MAX_ROWS", LARGE - 1)
    csv_import = checked_import(alice_client, ours(*rows(LARGE)), django_capture_on_commit_callbacks)
    assert csv_import.phase == "failed"
    html = alice_client.get(status_url(csv_import)).content.decode()
    assert f"The file has more than {LARGE - 1:,} rows" in html and 'type="file"' in html
    assert not Job.objects.exists()


def test_another_users_import_is_404(bob_client, alice):
    csv_import = CSVImport.objects.create(user=alice, file_name="big.csv", csv_text="x", phase="checked",
                                          state="idle", summary={"new": 1})
    assert bob_client.get(status_url(csv_import)).status_code == 404
    assert bob_client.post(reverse("spreadsheets:import_start", args=[csv_import.pk])).status_code == 404
    csv_import.refresh_from_db()
    assert csv_import.phase == "checked"


# --------------------------------------------------------------------------- the task: workers that die


class WorkerKilled(BaseException):
    """Like SIGKILL for the code under test: nothing catches it, the transaction in flight is rolled back."""


def queued_import(user, data: bytes) -> CSVImport:
    csv_import = CSVImport.objects.create(user=user, file_name="big.csv", csv_text=data.decode())
    background.run(csv_import.pk)
    csv_import.refresh_from_db()
    assert background.start_import(csv_import)
    csv_import.refresh_from_db()
    return csv_import


def test_a_worker_dying_mid_import_loses_and_duplicates_nothing(alice, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(background, "BATCH", 60)
    csv_import = queued_import(alice, ours(*rows(250)))
    real_batch, calls = csv_io.import_batch, []

    def dies_in_the_third_batch(user, batch):
        calls.append(len(batch))
        created = real_batch(user, batch)
        if len(calls) == 3:
            raise WorkerKilled  # after writing the batch, before its commit
        return created

    monkeypatch.setattr(csv_io, "import_batch", dies_in_the_third_batch)
    with pytest.raises(WorkerKilled):
        background.run(csv_import.pk)
    csv_import.refresh_from_db()
    assert (csv_import.state, csv_import.done, csv_import.created) == ("running", 120, 120)
    assert Job.objects.count() == 120  # the third batch was rolled back with its progress

    assert background.recover_imports(timezone.now()) == 0  # the lease still runs
    monkeypatch.setattr(csv_io, "import_batch", real_batch)
    with django_capture_on_commit_callbacks(execute=True):
        assert background.recover_imports(timezone.now() + CSVImport.LEASE + timedelta(seconds=1)) == 1

    csv_import.refresh_from_db()
    assert (csv_import.phase, csv_import.created, csv_import.attempts) == ("done", 250, 2)
    titles = list(Job.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles)) == 250
    assert Application.objects.count() == 250 * 3 // 4


def test_a_worker_whose_lease_was_handed_on_writes_nothing(alice, monkeypatch):
    csv_import = queued_import(alice, ours(*rows(250)))
    slow_token = background._claim(csv_import.pk)  # a worker that stalls (its lease runs out)
    assert slow_token is not None
    stalled = CSVImport.objects.select_related("user").get(pk=csv_import.pk)  # what it loaded before stalling
    monkeypatch.setattr(background, "_enqueue", lambda pk: None)
    assert background.recover_imports(timezone.now() + CSVImport.LEASE + timedelta(seconds=1)) == 1
    assert background.run(csv_import.pk) == "done"  # the worker it was handed to

    assert background._import(stalled, slow_token) == "gone"  # the stalled one wakes up
    assert Job.objects.count() == 250
    assert background.run(csv_import.pk) == "gone"  # a second delivery of the task


def test_a_worker_dying_again_and_again_fails_the_import_and_keeps_what_it_wrote(alice, monkeypatch):
    csv_import = queued_import(alice, ours(*rows(250)))
    CSVImport.objects.filter(pk=csv_import.pk).update(state="running", attempts=CSVImport.MAX_ATTEMPTS,
                                                      lease_expires_at=timezone.now())
    assert background.recover_imports(timezone.now() + timedelta(seconds=1)) == 0
    csv_import.refresh_from_db()
    assert csv_import.phase == "failed" and "stopped several times" in csv_import.error


def test_two_imports_of_one_file_create_its_jobs_once(alice, django_capture_on_commit_callbacks):
    data = ours(*rows(250))
    first, second = queued_import(alice, data), queued_import(alice, data)
    background.run(first.pk)
    background.run(second.pk)
    second.refresh_from_db()
    assert Job.objects.count() == 250 and second.created == 0 and second.late_duplicates == 250


# --------------------------------------------------------------------------- bulk equals one by one


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("applied", [None, date(2026, 9, 1)])
def test_bulk_applications_equal_the_ones_made_one_by_one(alice, status, applied):
    one = create_job(user=alice, source="manual", title="One", company="A")
    bulk = create_job(user=alice, source="manual", title="Bulk", company="A")
    start_application(user=alice, job=one, status=status, applied_date=applied)
    start_applications_in_bulk(user=alice, items=[(bulk, status, applied)])

    def shape(job):
        application = Application.objects.select_related("job").get(job=job)
        events = list(TimelineEvent.objects.filter(application=application).values_list("from_status", "to_status"))
        return (application.status, application.applied_date, application.follow_up_date,
                application.job.date_applied, events)

    assert shape(bulk) == shape(one)
