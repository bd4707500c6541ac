"""Your data, mounted at /settings/data/."""

from django.urls import path

from insights.data_rights import views

app_name = "data_rights"
urlpatterns = [
    path("", views.index, name="index"),
    path("export.zip", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
