from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.export_list, name="list"),
    path("tao/", views.generate, name="generate"),
    path("thiet-lap/", views.save_settings, name="settings"),
    path("tep/<int:pk>/", views.file_row, name="row"),
    path("tep/<int:pk>/tai-ve/", views.download, name="download"),
    path("phien-hop/<int:pk>/bao-cao/", views.meeting_brief, name="meeting_brief"),
]
