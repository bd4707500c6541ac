"""CSV export and import, mounted at /jobs/ next to the jobs list (their own namespace)."""

from django.urls import path

from applications.spreadsheets import views

app_name = "spreadsheets"
urlpatterns = [
    path("export.csv", views.export_csv, name="export"),
    path("import/", views.import_csv, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/", views.import_status, name="import_status"),
    path("import/<int:pk>/start/", views.import_start, name="import_start"),
]
