"""Digest pages: preview (signed in) and one-click unsubscribe (no login), mounted at /digests/."""

from django.urls import path

from insights.digests import views

app_name = "digests"
urlpatterns: list = [
    path("preview/<str:kind>/", views.preview, name="preview"),
    path("preview/<str:kind>/email.html", views.preview_html, name="preview_html"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
