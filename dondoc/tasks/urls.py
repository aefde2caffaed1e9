from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("moi/", views.task_create, name="create"),
    path("nhap/", views.import_plan, name="import"),
    path("nhap/<int:pk>/", views.import_preview, name="import_preview"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/chia/", views.task_split, name="split"),
    path("<int:pk>/hoan-thanh/", views.task_complete, name="complete"),
    path("<int:pk>/mo-lai/", views.task_reopen, name="reopen"),
    path("<int:pk>/gia-han/", views.task_extend, name="extend"),
]
