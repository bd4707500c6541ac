"""Digest pages: preview (signed in) and one-click unsubscribe (no login), mounted at /digests/."""

from django.urls import path

from insights import digest_views

app_name = "digests"
urlpatterns: list = [
    path("preview/<str:kind>/", digest_views.preview, name="preview"),
    path("preview/<str:kind>/email.html", digest_views.preview_html, name="preview_html"),
    path("unsubscribe/<str:token>/", digest_views.unsubscribe, name="unsubscribe"),
]
