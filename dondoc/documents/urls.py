from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("moi/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/lien-ket/", views.document_relate, name="relate"),
    path("<int:pk>/lien-ket/<int:rid>/xoa/", views.document_unrelate, name="unrelate"),
]
