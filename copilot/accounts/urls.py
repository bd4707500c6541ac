from django.urls import path

from copilot.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile_settings, name="settings"),
    path("calendar-token/reset/", views.reset_calendar_token, name="reset_calendar_token"),
    path("data/", views.data_rights, name="data"),
    path("data/export.zip", views.export_data, name="export_data"),
    path("data/delete/", views.delete_my_account, name="delete_account"),
]
