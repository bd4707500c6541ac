from django.urls import path

from applications import views

app_name = "applications"
urlpatterns = [
    path("", views.board, name="board"),
    path("table/", views.table, name="table"),
    path("column/<str:status>/", views.column, name="column"),
    path("calendar/", views.calendar_info, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("track/<int:job_id>/", views.track, name="track"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/dates/", views.dates, name="dates"),
    path("<int:pk>/interviews/", views.interview_add, name="interview_add"),
    path("interviews/<int:pk>/delete/", views.interview_delete, name="interview_delete"),
    path("interviews/<int:pk>.ics", views.interview_ics, name="interview_ics"),
]
