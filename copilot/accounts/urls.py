"""Account actions under /settings/ (the settings page itself is ``jobs.profile``)."""

from django.urls import path

from copilot.accounts import views

app_name = "accounts"
urlpatterns = [
    path("calendar-token/reset/", views.reset_calendar_token, name="reset_calendar_token"),
]
