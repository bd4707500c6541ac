"""Contacts, mounted at /applications/contacts/ (their own namespace)."""

from django.urls import path

from applications.contacts import views

app_name = "contacts"
urlpatterns = [
    path("", views.contact_list, name="list"),
    path("new/", views.contact_create, name="create"),
    path("<int:pk>/", views.contact_detail, name="detail"),
    path("<int:pk>/edit/", views.contact_edit, name="edit"),
    path("<int:pk>/delete/", views.contact_delete, name="delete"),
    path("<int:pk>/interactions/", views.contact_log, name="log"),
    path("interactions/<int:pk>/delete/", views.interaction_delete, name="interaction_delete"),
    path("application/<int:pk>/link/", views.application_link, name="application_link"),
    path("application/<int:pk>/unlink/", views.application_unlink, name="application_unlink"),
    path("application/<int:pk>/interactions/", views.application_log, name="application_log"),
    path("job/<int:pk>/link/", views.job_link, name="job_link"),
    path("job/<int:pk>/unlink/", views.job_unlink, name="job_unlink"),
]
