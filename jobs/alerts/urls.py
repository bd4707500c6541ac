from django.urls import path

from jobs.alerts import views

app_name = "alerts"
urlpatterns = [
    path("bell/", views.bell, name="bell"),
    path("seen/", views.mark_all_seen, name="seen"),
    path("<int:pk>/", views.open_alert, name="open"),
]
