"""The résumé page: upload, the worker's reading, the review and its partial accept, download and delete;
and the résumé check on a job's page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from copilot.accounts.models import Profile
from jobs.models import Resume
from jobs.resumes import services
from tests.factories import make_job
from tests.jobs.resumes.files import PNG_HEADER, RESUME_LINES, corrupt_pdf, make_docx, scanned_pdf, text_pdf

PAGE = reverse("resumes:index")
PDF = "application/pdf"


def upload(client, captured, name: str, data: bytes, content_type: str = PDF):
    """Post a file; the worker's reading runs when the upload commits (django-q2 runs in sync mode in tests)."""
    with captured(execute=True):
        return client.post(PAGE, {"file": SimpleUploadedFile(name, data, content_type=content_type)})


def test_uploading_a_pdf_reads_it_off_the_request_and_shows_the_diff(alice_client, alice,
                                                                     django_capture_on_commit_callbacks):
    response = upload(alice_client, django_capture_on_commit_callbacks, "Mara CV.pdf", text_pdf(RESUME_LINES))
    assert response.status_code == 302 and response["Location"] == PAGE
    resume = Resume.objects.get(user=alice)
    assert (resume.status, resume.progress, resume.kind, resume.filename) == ("parsed", 100, "pdf", "Mara CV.pdf")
    assert resume.skills[:4] == ["Python", "Go", "Django", "FastAPI"]
    assert resume.other_skills == ["English", "German"]
    assert (resume.years, resume.level) == (8, "senior")
    page = alice_client.get(PAGE).content.decode()
    # alice has Python, Django and PostgreSQL: the résumé adds the rest and mentions all three.
    assert f"Add {len(resume.skills) - 3} skills your résumé mentions?" in page
    assert "Remove" not in page  # nothing of her profile is missing from the résumé
    assert "Set your level to" not in page  # she is senior already
    assert Profile.objects.get(user=alice).skills == ["Python", "Django", "PostgreSQL"]  # nothing changed yet


def test_the_page_and_its_refusals_speak_german(alice_client, alice):
    page = alice_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<h1>Ihr Lebenslauf</h1>" in page and "Wofür Ihr Lebenslauf dient" in page
    response = alice_client.post(PAGE, {"file": SimpleUploadedFile("cv.pdf", PNG_HEADER + b"\0" * 64,
                                                                    content_type=PDF)}, HTTP_ACCEPT_LANGUAGE="de")
    assert "„cv.pdf“ ist wie ein PDF benannt, ist aber eigentlich ein PNG-Bild" in response.content.decode()


def test_a_docx_is_read_too(alice_client, alice, django_capture_on_commit_callbacks):
    data = make_docx(["Ana Ruiz", "Experience", "Acme, Developer, 2023 - 2025"], table=[["Skills", "Rust, Terraform"]])
    upload(alice_client, django_capture_on_commit_callbacks, "ana.docx", data,
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    resume = Resume.objects.get(user=alice)
    assert (resume.status, resume.skills, resume.years, resume.level) == ("parsed", ["Rust", "Terraform"], 3, "mid")
    page = alice_client.get(PAGE).content.decode()
    assert "Remove 3 skills your résumé never mentions?" in page
    assert "Set your level to Mid-level (now: Senior)" in page


def test_accepting_part_of_the_review_changes_only_the_ticked_items(alice_client, alice,
                                                                      django_capture_on_commit_callbacks):
    alice.profile.skills = ["Python", "PHP", "Perl"]
    alice.profile.experience_level = "mid"
    alice.profile.save()
    version = alice.profile.data_version
    upload(alice_client, django_capture_on_commit_callbacks, "cv.pdf", text_pdf(RESUME_LINES))
    resume = Resume.objects.get(user=alice)
    response = alice_client.post(reverse("resumes:apply", args=[resume.pk]),
                                 {"add": ["Go", "Kubernetes"], "remove": ["Perl"], "set_level": "on"}, follow=True)
    assert "Your profile was updated: added 2 skills, removed 1, set your level to Senior." in response.content.decode()
    profile = Profile.objects.get(user=alice)
    assert profile.skills == ["Python", "PHP", "Go", "Kubernetes"]
    assert profile.experience_level == "senior"
    assert profile.data_version > version  # cached insights are stale
    assert Resume.objects.get(pk=resume.pk).reviewed_at is not None
    page = alice_client.get(PAGE).content.decode()
    assert "Remove 1 skill your résumé never mentions?" in page  # PHP is still offered, unticked
    assert 'value="PHP"' in page and 'value="Go"' not in page


def test_accepting_everything_then_leaves_nothing_to_review(alice_client, alice, django_capture_on_commit_callbacks):
    upload(alice_client, django_capture_on_commit_callbacks, "cv.pdf", text_pdf(RESUME_LINES))
    resume = Resume.objects.get(user=alice)
    offered = [name for name in resume.skills if name not in ("Python", "Django", "PostgreSQL")]
    alice_client.post(reverse("resumes:apply", args=[resume.pk]), {"add": offered})
    assert Profile.objects.get(user=alice).skills == ["Python", "Django", "PostgreSQL", *offered]
    assert "Nothing to review." in alice_client.get(PAGE).content.decode()


def test_a_forged_review_changes_nothing(alice_client, alice, django_capture_on_commit_callbacks):
    upload(alice_client, django_capture_on_commit_callbacks, "cv.pdf", text_pdf(RESUME_LINES))
    resume = Resume.objects.get(user=alice)
    response = alice_client.post(reverse("resumes:apply", args=[resume.pk]), {"add": ["Go", "COBOL"]})
    assert response.status_code == 400
    assert "nothing was changed" in response.content.decode()
    assert Profile.objects.get(user=alice).skills == ["Python", "Django", "PostgreSQL"]


def test_a_scanned_pdf_gets_a_clear_message_and_leaves_the_current_resume(alice_client, alice,
                                                                          django_capture_on_commit_callbacks):
    upload(alice_client, django_capture_on_commit_callbacks, "good.pdf", text_pdf(RESUME_LINES))
    upload(alice_client, django_capture_on_commit_callbacks, "scan.pdf", scanned_pdf())
    page = alice_client.get(PAGE).content.decode()
    assert "“scan.pdf” could not be read" in page and "it looks like a scan" in page
    assert "What we read in “good.pdf”" in page  # the résumé read before is still the current one
    assert Profile.objects.get(user=alice).skills == ["Python", "Django", "PostgreSQL"]
    upload(alice_client, django_capture_on_commit_callbacks, "broken.pdf", corrupt_pdf())
    page = alice_client.get(PAGE).content.decode()
    assert "“broken.pdf” could not be read" in page and "This PDF is damaged" in page
    assert "scan.pdf" not in page  # an upload that failed goes when the next one comes
    assert list(Resume.objects.filter(user=alice).values_list("filename", flat=True)) == ["broken.pdf", "good.pdf"]


def test_a_new_resume_replaces_the_old_one_once_it_is_read(alice_client, alice, django_capture_on_commit_callbacks):
    upload(alice_client, django_capture_on_commit_callbacks, "old.pdf", text_pdf(RESUME_LINES))
    upload(alice_client, django_capture_on_commit_callbacks, "new.pdf", text_pdf(["Kotlin and Rust developer."] * 3))
    kept = list(Resume.objects.filter(user=alice).values_list("filename", "skills"))
    assert kept == [("new.pdf", ["Kotlin", "Rust"])]


def test_refused_files_say_why_and_store_nothing(alice_client, alice, settings):
    cases = [
        ("photo.pdf", PNG_HEADER + b"\0" * 64, "named like a PDF but it is a PNG image inside"),
        ("cv.docx", text_pdf(RESUME_LINES), "named like a Word document (DOCX) but it is a PDF inside"),
        ("cv.odt", b"PK\x03\x04", "is not a PDF or DOCX file"),
        ("huge.pdf", b"%PDF-1.4\n" + b" " * (Resume.MAX_BYTES + 1), "the limit is 5.0 MB"),
    ]
    for name, data, message in cases:
        response = alice_client.post(PAGE, {"file": SimpleUploadedFile(name, data, content_type=PDF)})
        assert response.status_code == 400
        page = response.content.decode()
        assert message in page, name
        assert page.count(message) == 2  # beside the field, and at the top where a phone shows it first
    assert alice_client.post(PAGE, {}).status_code == 400
    assert not Resume.objects.exists()


def test_the_page_polls_while_the_file_waits_for_a_worker(alice_client, alice):
    resume = services.store_upload(user=alice, filename="cv.pdf", kind="pdf", data=text_pdf(RESUME_LINES))
    page = alice_client.get(PAGE).content.decode()
    assert "Reading “cv.pdf”…" in page and reverse("resumes:status", args=[resume.pk]) in page
    status = alice_client.get(reverse("resumes:status", args=[resume.pk]), headers={"HX-Request": "true"})
    assert status.status_code == 200 and "<progress" in status.content.decode()
    assert services.read_resume(resume.pk) == "parsed"
    assert services.read_resume(resume.pk) == "gone"  # a second delivery of the task does nothing
    done = alice_client.get(reverse("resumes:status", args=[resume.pk]), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_the_file_is_served_only_as_a_download_to_its_owner(alice_client, alice, django_capture_on_commit_callbacks):
    data = text_pdf(RESUME_LINES)
    upload(alice_client, django_capture_on_commit_callbacks, "Mara Lindqvist CV (2026).pdf", data)
    resume = Resume.objects.get(user=alice)
    response = alice_client.get(reverse("resumes:download", args=[resume.pk]))
    assert response.content == data and response["Content-Type"] == PDF
    assert response["Content-Disposition"] == 'attachment; filename="Mara Lindqvist CV _2026_.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_deleting_the_resume_keeps_what_the_profile_accepted(alice_client, alice, django_capture_on_commit_callbacks):
    upload(alice_client, django_capture_on_commit_callbacks, "cv.pdf", text_pdf(RESUME_LINES))
    resume = Resume.objects.get(user=alice)
    alice_client.post(reverse("resumes:apply", args=[resume.pk]), {"add": ["Go"]})
    response = alice_client.post(reverse("resumes:delete", args=[resume.pk]), follow=True)
    assert "“cv.pdf” was deleted" in response.content.decode()
    assert not Resume.objects.filter(user=alice).exists()
    assert "Go" in Profile.objects.get(user=alice).skills
    assert alice_client.get(reverse("resumes:download", args=[resume.pk])).status_code == 404


def test_the_resume_page_query_count_does_not_grow_with_skills(alice_client, alice, django_assert_max_num_queries,
                                                                django_capture_on_commit_callbacks):
    upload(alice_client, django_capture_on_commit_callbacks, "cv.pdf", text_pdf(RESUME_LINES))
    with django_assert_max_num_queries(8):
        assert alice_client.get(PAGE).status_code == 200


def test_a_jobs_page_shows_what_the_resume_has_and_lacks_apart_from_the_match_score(
        alice_client, alice, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    job = make_job(alice, title="Senior Backend Engineer (m/w/d)",
                   description_html="<p>Requirements: Python, Django, Kubernetes and Terraform. Fluent German. "
                                    "Nice to have: Rust.</p>")
    before = alice_client.get(reverse("jobs:detail", args=[job.pk]))
    assert "Upload your résumé</a> to see which of this job’s skills" in before.content.decode()
    upload(alice_client, django_capture_on_commit_callbacks, "cv.pdf", text_pdf(RESUME_LINES))
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("jobs:detail", args=[job.pk]))
    page = response.content.decode()
    match = response.context["resume_match"]
    assert match.required.shown == ("Backend Development", "Python", "Django", "Kubernetes")
    assert match.required.missing == ("Terraform",)
    assert match.preferred.missing == ("Rust",)
    assert "Backend Engineer" in match.phrases.shown and "German" in match.phrases.shown
    assert "Your résumé for this job" in page and "Add these words where true" in page
    assert match.explanation in page
    assert "Your match" in page
    assert response.context["match"] == before.context["match"]  # the profile's score is not touched by it


def test_a_failed_upload_can_be_dismissed(alice_client, alice, django_capture_on_commit_callbacks):
    upload(alice_client, django_capture_on_commit_callbacks, "scan.pdf", scanned_pdf())
    failed = Resume.objects.get(user=alice, status="failed")
    page = alice_client.get(PAGE).content.decode()
    assert reverse("resumes:delete", args=[failed.pk]) in page
    alice_client.post(reverse("resumes:delete", args=[failed.pk]))
    assert "could not be read" not in alice_client.get(PAGE).content.decode()


def test_a_reading_whose_worker_died_ends_with_a_message(alice_client, alice):
    from datetime import timedelta

    from django.utils import timezone

    resume = services.store_upload(user=alice, filename="cv.pdf", kind="pdf", data=text_pdf(RESUME_LINES))
    Resume.objects.filter(pk=resume.pk).update(status="running", lease_expires_at=timezone.now() - timedelta(1))
    assert "The background worker stopped before reading it" in alice_client.get(PAGE).content.decode()
    assert services.recover_resumes() == 1
    assert "The background worker stopped while reading this file" in alice_client.get(PAGE).content.decode()
    assert services.read_resume(resume.pk) == "gone"


def test_operators_see_uploads_in_the_admin_but_not_the_files(client, alice):
    from copilot.accounts.models import User

    resume = services.store_upload(user=alice, filename="alice.pdf", kind="pdf", data=b"%PDF-1.4 private bytes")
    client.force_login(User.objects.create_superuser("ops", "ops@example.com", "pw"))
    listing = client.get(reverse("admin:jobs_resume_changelist"))
    assert listing.status_code == 200 and "alice.pdf" in listing.content.decode()
    change = client.get(reverse("admin:jobs_resume_change", args=[resume.pk])).content.decode()
    assert "alice.pdf" in change and "private bytes" not in change
