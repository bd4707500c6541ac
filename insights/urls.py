from django.urls import path

app_name = "insights"
urlpatterns: list = []
