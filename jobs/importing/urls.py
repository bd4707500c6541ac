"""Included by jobs/urls.py, so the names stay in the "jobs" namespace (jobs:add_from_url)."""

from django.urls import path

from jobs.importing import views

urlpatterns = [
    path("from-url/", views.add_from_url, name="add_from_url"),
    path("from-url/<int:pk>/", views.add_from_url_result, name="add_from_url_result"),
    path("clipper/", views.clipper, name="clipper"),
    path("clip/", views.clip, name="clip"),
]
