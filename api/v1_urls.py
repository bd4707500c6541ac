"""Mounted at /api/v1/ by copilot.urls (by name: copilot sits below this app and never imports it)."""

from django.urls import path

from api.v1 import api

urlpatterns = [path("", api.urls)]
