"""The résumé pages, mounted at /settings/resume/."""

from django.urls import path

from jobs.resumes import views

app_name = "resumes"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/file/", views.download, name="download"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
