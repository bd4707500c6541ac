"""Data rights: a complete export of one user's data (deleting the account is ``services.delete_account``)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict
from django.utils import timezone

from copilot.accounts.models import User

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
    from copilot.accounts.models import Profile

    return _rows(Profile.objects.filter(user=user), exclude=("calendar_token", "data_version", "user"))


def _jobs(user: User) -> Iterable[dict[str, Any]]:
    from jobs.models import Job

    return _rows(Job.objects.for_user(user).order_by("id"), exclude=("user",))


def _applications(user: User) -> Iterable[dict[str, Any]]:
    from applications.models import Application

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


def _optional(module: str, model: str, *, exclude: tuple[str, ...] = ("user",)) -> Exporter:
    def export(user: User) -> Iterable[dict[str, Any]]:
        from django.apps import apps

        return _rows(apps.get_model(module, model).objects.filter(user=user).order_by("pk"), exclude=exclude)

    return export


EXPORTERS: dict[str, Exporter] = {
    "account": _account,
    "profile": _profile,
    "jobs": _jobs,
    "applications": _applications,
    "job_sources": _optional("jobs", "SourceSubscription"),
    "ingestion_runs": _optional("jobs", "IngestionRun"),
    "digest_log": _optional("insights", "DigestLog"),
}


def export_zip(user: User) -> bytes:
    """A zip with one JSON file per kind of data, plus CSV files of jobs and applications."""
    from jobs.csv_io import write_jobs_csv

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {"exported_at": timezone.now(), "user": user.username, "files": []}
        for name, exporter in EXPORTERS.items():
            rows = list(exporter(user))
            archive.writestr(f"{name}.json", json.dumps(rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
            manifest["files"].append({"name": f"{name}.json", "records": len(rows)})
        jobs_csv = io.StringIO()
        write_jobs_csv(user, jobs_csv)
        archive.writestr("jobs.csv", jobs_csv.getvalue())
        archive.writestr("applications.csv", _applications_csv(user))
        archive.writestr("README.txt", "Your Career Co-Pilot data. JSON files hold everything; the CSV files open "
                                       "in a spreadsheet, and jobs.csv can be imported back into Career Co-Pilot.\n")
        archive.writestr("manifest.json", json.dumps(manifest, cls=DjangoJSONEncoder, indent=2))
    return buffer.getvalue()


def _applications_csv(user: User) -> str:
    from applications.models import Application
    from jobs.csv_io import neutralise_cell

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["job_title", "company", "status", "applied_date", "follow_up_date", "created_at", "updated_at"])
    for a in Application.objects.for_user(user).select_related("job").order_by("id").iterator(chunk_size=1000):
        writer.writerow([neutralise_cell(a.job.title), neutralise_cell(a.job.company), a.status, a.applied_date or "",
                         a.follow_up_date or "", a.created_at.isoformat(), a.updated_at.isoformat()])
    return out.getvalue()

