from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/gia-han/", views.task_extend, name="extend"),
]
