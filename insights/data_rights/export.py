"""A complete export of one user's data: one JSON file per kind of record, plus spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.contacts.models import Contact, Interaction
from applications.models import Application
from applications.spreadsheets.csv_io import neutralise_cell, write_jobs_csv
from copilot.accounts.models import Profile, User
from insights.models import DigestLog
from jobs.models import IngestionRun, Job, Resume, SourceSubscription

# What an export holds: file stem -> function from the user to rows (dicts). Each app's user-owned
# tables are listed here, so the export and the account deletion test cover the same ground.
Exporter = Callable[[User], Iterable[dict[str, Any]]]


def _rows(queryset, *, exclude: tuple[str, ...] = ()) -> Iterable[dict[str, Any]]:
    for obj in queryset.iterator(chunk_size=1000):
        row = model_to_dict(obj, exclude=list(exclude))
        for field in ("created_at", "updated_at"):
            if hasattr(obj, field):
                row[field] = getattr(obj, field)
        yield row


def _account(user: User) -> Iterable[dict[str, Any]]:
    yield {"username": user.username, "email": user.email, "first_name": user.first_name,
           "last_name": user.last_name, "date_joined": user.date_joined, "last_login": user.last_login}


def _profile(user: User) -> Iterable[dict[str, Any]]:
    return _rows(Profile.objects.filter(user=user), exclude=("calendar_token", "data_version", "user"))


def _jobs(user: User) -> Iterable[dict[str, Any]]:
    return _rows(Job.objects.for_user(user).order_by("id"), exclude=("user",))


def _applications(user: User) -> Iterable[dict[str, Any]]:
    applications = Application.objects.for_user(user).prefetch_related("events", "dated_notes", "interviews")
    for application in applications.order_by("id"):
        row = model_to_dict(application, exclude=["user"])
        row.update(created_at=application.created_at, updated_at=application.updated_at,
                   status_changed_at=application.status_changed_at)
        row["timeline"] = [{"from": e.from_status, "to": e.to_status, "note": e.note, "at": e.created_at}
                           for e in application.events.all()]
        row["notes"] = [{"text": n.text, "at": n.created_at} for n in application.dated_notes.all()]
        row["interviews"] = [{"starts_at": i.starts_at, "duration_minutes": i.duration_minutes, "kind": i.kind,
                              "location": i.location, "notes": i.notes} for i in application.interviews.all()]
        yield row


_RESUME_FIELDS = ("id", "filename", "kind", "size", "status", "error", "text", "skills", "other_skills", "years",
                  "years_evidence", "level", "uploaded_at", "parsed_at", "reviewed_at")


def _resumes(user: User) -> Iterable[dict[str, Any]]:
    """What was read from each résumé; the files themselves are in the zip's resumes/ folder."""
    for resume in Resume.objects.for_user(user).without_file().order_by("pk"):
        row = {name: getattr(resume, name) for name in _RESUME_FIELDS}
        row["file"] = _resume_path(resume)
        yield row


def _resume_path(resume: Resume) -> str:
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in resume.filename)
    return f"resumes/{resume.pk}-{safe}"


def _contacts(user: User) -> Iterable[dict[str, Any]]:
    for contact in Contact.objects.for_user(user).prefetch_related("applications", "jobs").order_by("id"):
        row = model_to_dict(contact, exclude=["user", "applications", "jobs"])
        row.update(created_at=contact.created_at, updated_at=contact.updated_at,
                   application_ids=[a.pk for a in contact.applications.all()],
                   job_ids=[j.pk for j in contact.jobs.all()])
        yield row


def _owned(model: type[Model]) -> Exporter:
    """Every row of ``model`` the user owns (its ``user`` column left out)."""

    def export(user: User) -> Iterable[dict[str, Any]]:
        return _rows(model._default_manager.filter(user=user).order_by("pk"), exclude=("user",))

    return export


EXPORTERS: dict[str, Exporter] = {
    "account": _account,
    "profile": _profile,
    "jobs": _jobs,
    "applications": _applications,
    "job_sources": _owned(SourceSubscription),
    "ingestion_runs": _owned(IngestionRun),
    "digest_log": _owned(DigestLog),
    "resumes": _resumes,
    "contacts": _contacts,
    "interactions": _owned(Interaction),
    # API tokens (api, the layer above) through the reverse relation by name; never their secret's hash.
    "api_tokens": lambda user: _rows(user.api_tokens.order_by("pk"), exclude=("user", "token_hash")),
}


def export_zip(user: User) -> bytes:
    """A zip with one JSON file per kind of data, plus CSV files of jobs and applications."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        files: list[dict[str, Any]] = []
        manifest = {"exported_at": timezone.now(), "user": user.username, "files": files}
        for name, exporter in EXPORTERS.items():
            rows = list(exporter(user))
            archive.writestr(f"{name}.json", json.dumps(rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
            files.append({"name": f"{name}.json", "records": len(rows)})
        jobs_csv = io.StringIO()
        write_jobs_csv(user, jobs_csv)
        archive.writestr("jobs.csv", jobs_csv.getvalue())
        for resume in Resume.objects.for_user(user).order_by("pk").iterator(chunk_size=10):
            archive.writestr(_resume_path(resume), bytes(resume.data))
        archive.writestr("applications.csv", _applications_csv(user))
        # The one text for people in the zip; file names, JSON keys and CSV headers stay English (machine-read).
        archive.writestr("README.txt", _("Your Career Co-Pilot data. JSON files hold everything; the CSV files open "
                                         "in a spreadsheet, and jobs.csv can be imported back into Career Co-Pilot.")
                         + "\n")
        archive.writestr("manifest.json", json.dumps(manifest, cls=DjangoJSONEncoder, indent=2))
    return buffer.getvalue()


def _applications_csv(user: User) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["job_title", "company", "status", "applied_date", "follow_up_date", "created_at", "updated_at"])
    for a in Application.objects.for_user(user).select_related("job").order_by("id").iterator(chunk_size=1000):
        writer.writerow([neutralise_cell(a.job.title), neutralise_cell(a.job.company), a.status, a.applied_date or "",
                         a.follow_up_date or "", a.created_at.isoformat(), a.updated_at.isoformat()])
    return out.getvalue()

