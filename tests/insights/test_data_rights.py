import io
import json
import zipfile

from django.apps import apps
from django.urls import reverse

from applications.services import add_note, move_application
from copilot.accounts.models import User
from tests.factories import PASSWORD, make_application, make_job


def test_export_holds_all_my_data_and_none_of_bobs(alice_client, alice, bob):
    application = make_application(alice, status="applied", title="Exported Role", company="Zipco")
    add_note(application=application, text="Called the recruiter")
    move_application(application=application, status="interview")
    make_job(bob, title="Bob Only Role")
    response = alice_client.get(reverse("data_rights:export"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"profile.json", "jobs.json", "applications.json", "job_sources.json", "ingestion_runs.json",
            "digest_log.json", "jobs.csv", "applications.csv", "manifest.json"} <= names
    everything = "".join(archive.read(name).decode() for name in names)
    assert "Bob Only Role" not in everything
    jobs = json.loads(archive.read("jobs.json"))
    assert [job["title"] for job in jobs] == ["Exported Role"]
    (app,) = json.loads(archive.read("applications.json"))
    assert [step["to"] for step in app["timeline"]] == ["interested", "applied", "interview"]
    assert app["notes"][0]["text"] == "Called the recruiter"
    assert "calendar_token" not in archive.read("profile.json").decode()
    assert "Exported Role" in archive.read("jobs.csv").decode()


def test_delete_account_needs_the_password_and_confirmation(alice_client, alice):
    make_application(alice, status="applied")
    response = alice_client.post(reverse("data_rights:delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    assert "not your password" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
    response = alice_client.post(reverse("data_rights:delete"), {"password": PASSWORD})
    assert response.status_code == 400 and User.objects.filter(pk=alice.pk).exists()


def test_delete_account_removes_every_row_i_own(alice_client, alice, bob):
    application = make_application(alice, status="applied")
    add_note(application=application, text="note")
    make_application(bob, status="applied")
    response = alice_client.post(reverse("data_rights:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not User.objects.filter(pk=alice.pk).exists()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is User and field.many_to_one and field.concrete:
                assert not model.objects.filter(**{field.name: alice.pk}).exists(), model
    from jobs.models import Job
    assert Job.objects.filter(user=bob).count() == 1
    assert alice_client.get(reverse("dashboard")).status_code == 302


def test_data_page_needs_login(client, db):
    assert client.get(reverse("data_rights:index")).status_code == 302
    assert client.get(reverse("data_rights:export")).status_code == 302


def test_the_export_holds_my_resume_file_and_what_was_read_and_deleting_the_account_removes_it(alice_client, alice,
                                                                                               bob):
    from jobs.models import Resume

    mine = Resume.objects.create(user=alice, filename="Alice CV.pdf", kind="pdf", size=12, data=b"%PDF-1.4 alice",
                                 status="parsed", text="Alice knows Python", skills=["Python"], years=6, level="senior")
    Resume.objects.create(user=bob, filename="bob.pdf", kind="pdf", size=10, data=b"%PDF-1.4 bob", status="parsed")
    archive = zipfile.ZipFile(io.BytesIO(alice_client.get(reverse("data_rights:export")).content))
    (row,) = json.loads(archive.read("resumes.json"))
    assert (row["filename"], row["skills"], row["years"], row["text"]) == ("Alice CV.pdf", ["Python"], 6,
                                                                           "Alice knows Python")
    assert archive.read(row["file"]) == b"%PDF-1.4 alice" and row["file"] == f"resumes/{mine.pk}-Alice CV.pdf"
    assert not any("bob" in name for name in archive.namelist())
    alice_client.post(reverse("data_rights:delete"), {"password": PASSWORD, "confirm": "on"})
    assert list(Resume.objects.values_list("filename", flat=True)) == ["bob.pdf"]
