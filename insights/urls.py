from django.urls import path

from insights import views

app_name = "insights"
urlpatterns = [
    path("recommendations/", views.recommendations, name="recommendations"),
    path("skills/", views.skill_gap, name="skill_gap"),
    path("analytics/", views.analytics, name="analytics"),
]
