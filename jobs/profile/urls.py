"""The profile and settings page, mounted at /settings/."""

from django.urls import path

from jobs.profile import views

app_name = "profile"
urlpatterns = [
    path("", views.profile_settings, name="settings"),
]
