from django.urls import path

from copilot.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile_settings, name="settings"),
    path("calendar-token/reset/", views.reset_calendar_token, name="reset_calendar_token"),
]
