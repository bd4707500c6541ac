"""Alice's data for the security tests: one of everything she can own, each carrying a secret text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from api.tokens import create_token
from applications.contacts.services import create_contact, log_interaction
from applications.models import CSVImport
from applications.services import add_note, schedule_interview
from jobs.models import BackgroundFetch, IngestionRun, JobAlert, Resume, SourceSubscription
from tests.factories import make_application, make_job

SECRET = "Zanzibar Quantum Widgets"  # appears in alice's data only


@pytest.fixture
def objects(alice):
    job = make_job(alice, title=f"{SECRET} Engineer", company=SECRET)
    application = make_application(alice, job, status="applied")
    add_note(application=application, text=f"{SECRET} note")
    interview = schedule_interview(application=application, starts_at=timezone.now() + timedelta(days=1), kind="phone")
    subscription = SourceSubscription.objects.create(user=alice, kind="greenhouse", params={"board": "zanzibar"},
                                                     label=SECRET)
    run = IngestionRun.objects.create(user=alice, subscription=subscription, source="greenhouse", status="succeeded")
    posting_fetch = BackgroundFetch.objects.create(
        user=alice, kind="posting", request={"url": "https://jobs.example.com/zanzibar"}, status="succeeded",
        result={"title": f"{SECRET} Engineer", "company": SECRET, "found_structured_data": True})
    preview_fetch = BackgroundFetch.objects.create(
        user=alice, kind="preview", request={"kind": "greenhouse", "params": {"board": "zanzibar"}, "label": SECRET},
        status="succeeded", result={"fetched": 1, "kept": 1, "new": 1, "sample": [
            {"title": f"{SECRET} Engineer", "company": SECRET, "url": "", "saved": False}]})
    csv_import = CSVImport.objects.create(
        user=alice, file_name=f"{SECRET}.csv", csv_text=f"title,company\r\n{SECRET},{SECRET}\r\n", phase="checked",
        state="idle", summary={"rows": 1, "new": 1, "duplicates": 0, "errors": 0, "problems": [], "sample": [
            {"line": 2, "title": SECRET, "company": SECRET, "errors": [], "duplicate_reason": ""}]})
    resume = Resume.objects.create(
        user=alice, filename=f"{SECRET}.pdf", kind="pdf", size=20, data=f"%PDF-1.4 {SECRET}".encode(),
        status="parsed", text=f"{SECRET} engineer with Python", skills=["Python"], years_evidence=SECRET)
    contact = create_contact(user=alice, application=application, name=f"{SECRET} Recruiter", company=SECRET)
    interaction = log_interaction(user=alice, contact=contact, application=application, kind="call",
                                  date=timezone.localdate(), note=f"{SECRET} call")
    api_token = create_token(user=alice, name=f"{SECRET} script").token
    alert = JobAlert.objects.create(user=alice, job=job, score=99)
    return {"csv_import": csv_import, "alert": alert, "resume": resume, "contact": contact, "interaction": interaction,
            "api_token": api_token,
            "job": job, "application": application, "interview": interview, "subscription": subscription, "run": run,
            "posting_fetch": posting_fetch, "preview_fetch": preview_fetch}
