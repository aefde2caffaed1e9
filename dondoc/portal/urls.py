from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("quan-ly/", views.manage, name="manage"),
    path("quan-ly/cong-bo/", views.publish, name="publish"),
    path("quan-ly/<int:pk>/thu-hoi/", views.withdraw, name="withdraw"),
    path("<str:programme>/<str:unit>/", views.public_page, name="page"),
]
