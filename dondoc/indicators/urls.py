from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("moi/", views.indicator_create, name="create"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
    path("<int:pk>/sua/", views.indicator_edit, name="edit"),
    path("don-vi/<str:code>/", views.unit_table, name="unit"),
    path("nhap/", views.enter_value, name="enter"),
    path("trich-xuat/", views.extract, name="extract"),
]
