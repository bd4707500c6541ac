"""CSV export/import routes, to be spliced into jobs/urls.py (app_name "jobs", mounted at /jobs/)."""

from __future__ import annotations

from django.urls import path

from jobs import csv_views

urlpatterns_csv = [
    path("export.csv", csv_views.export_csv, name="export_csv"),
    path("import/", csv_views.import_csv, name="import_csv"),
    path("import/confirm/", csv_views.import_confirm, name="import_confirm"),
]
