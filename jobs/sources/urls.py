"""Job-source subscriptions, under /settings/sources/."""

from django.urls import path

from jobs.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.subscription_list, name="list"),
    path("add/<str:mode>/", views.subscription_add, name="add"),
    path("preview/<str:mode>/", views.subscription_preview, name="preview"),
    path("previews/<int:pk>/", views.preview_result, name="preview_result"),
    path("refresh/", views.refresh_all, name="refresh_all"),
    path("<int:pk>/edit/", views.subscription_edit, name="edit"),
    path("<int:pk>/toggle/", views.subscription_toggle, name="toggle"),
    path("<int:pk>/delete/", views.subscription_delete, name="delete"),
    path("<int:pk>/refresh/", views.subscription_refresh, name="refresh"),
    path("runs/<int:pk>/", views.run_status, name="run_status"),
]
