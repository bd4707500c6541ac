"""Job-source subscriptions, under /settings/sources/."""

from django.urls import path

app_name = "sources"
urlpatterns: list = []
