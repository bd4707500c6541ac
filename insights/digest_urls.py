"""Digest pages: preview (signed in) and one-click unsubscribe (no login), mounted at /digests/."""

from django.urls import path

app_name = "digests"
urlpatterns: list = []
