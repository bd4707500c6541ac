"""The insights app's pages, mounted at the site root.

The dashboard keeps its short, un-namespaced name ("dashboard": the login redirect and every page's
header link use it); the other pages live under /insights/ in the "insights" namespace.
"""

from django.urls import include, path

from insights import views

insights_pages = [
    path("recommendations/", views.recommendations, name="recommendations"),
    path("skills/", views.skill_gap, name="skill_gap"),
    path("analytics/", views.analytics, name="analytics"),
]
urlpatterns = [
    path("insights/salaries/", include("insights.salaries.urls")),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("insights/", include((insights_pages, "insights"))),
]
