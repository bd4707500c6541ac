from django.urls import include, path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("new/", views.job_create, name="create"),
    path("", include("jobs.importing.urls")),  # from-url/
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/edit/", views.job_edit, name="edit"),
    path("<int:pk>/row/", views.job_row, name="row"),
    path("<int:pk>/delete/", views.job_delete, name="delete"),
    path("<int:pk>/close/", views.job_close, name="close"),
    path("<int:pk>/reopen/", views.job_reopen, name="reopen"),
]
