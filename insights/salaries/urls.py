"""Salary insights, mounted at /insights/salaries/ (their own namespace)."""

from django.urls import path

from insights.salaries import views

app_name = "salaries"
urlpatterns = [
    path("", views.salaries, name="index"),
    path("job/<int:pk>/", views.job_position, name="job_position"),
]
