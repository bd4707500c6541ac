"""A large CSV import in the browser: upload, the progress bar while a worker checks the file, the preview,
the progress bar while it imports, then the result (htmx polling, no reload by hand)."""

import threading
import time

import pytest
from django.db import connection

from applications.models import CSVImport
from applications.spreadsheets import background, csv_io
from jobs.models import Job
from tests.applications.test_csv_import_background import rows
from tests.applications.test_spreadsheets import ours
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNT = 1000


def work(pk: int) -> threading.Thread:
    """The worker, in a thread of its own (with its own database connection, closed at the end)."""
    def run() -> None:
        try:
            background.run(pk)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_large_import_shows_its_progress_then_the_preview_then_the_result(page, monkeypatch, tmp_path):
    queued: list[int] = []
    monkeypatch.setattr(background, "_enqueue", queued.append)  # this test plays the worker, below
    monkeypatch.setattr(background, "BATCH", 100)
    real_batch = csv_io.import_batch

    def slow_batch(user, batch):  # a slower machine: the page has time to show the bar moving
        time.sleep(0.4)
        return real_batch(user, batch)

    monkeypatch.setattr(csv_io, "import_batch", slow_batch)
    user = make_user("ivy")
    log_in(page, "ivy", PASSWORD)
    path = tmp_path / "many-jobs.csv"
    path.write_bytes(ours(*rows(COUNT)))

    page.goto("/jobs/import/")
    page.set_input_files("input[type=file]", str(path))
    page.click("text=Preview import")
    page.wait_for_selector("#import-status progress")
    assert "Checking" in page.inner_text("#import-status") and not Job.objects.exists()

    worker = work(queued.pop())
    page.wait_for_selector("text=Check before importing", timeout=20_000)  # the page replaced itself
    worker.join(20)
    assert f"{COUNT:,} rows, {COUNT:,} new, 0 already known, 0 with problems" in page.inner_text("main")

    page.click(f"text=Import {COUNT:,} new rows")
    page.wait_for_selector("#import-status progress")
    worker = work(queued.pop())
    page.wait_for_selector("#import-status >> text=/[1-9]00 of 1,000 rows handled/", timeout=20_000)
    page.wait_for_selector(f"text=Imported {COUNT:,} jobs", timeout=30_000)
    worker.join(30)
    assert Job.objects.filter(user=user).count() == COUNT
    assert CSVImport.objects.get().phase == "done"
    page.click("text=See my jobs")
    page.wait_for_url("**/jobs/")
    assert not page.console_errors, page.console_errors
