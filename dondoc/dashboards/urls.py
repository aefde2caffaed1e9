from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("bang-da-luu/", views.view_list, name="views"),
    path("bang-da-luu/luu/", views.view_save, name="save"),
    path("bang-da-luu/<int:pk>/", views.saved_view, name="view"),
    path("bang-da-luu/<int:pk>/doi/", views.view_flags, name="flags"),
    path("bang-da-luu/<int:pk>/xoa/", views.view_delete, name="delete"),
    path("nguy-co/", views.risk_panel, name="risks"),
    path("thi-dua/", views.ranking, name="ranking"),
    path("thi-dua/trong-so/", views.ranking_weights, name="weights"),
]
