from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("tai-khoan/", views.profile, name="profile"),
    path("tai-khoan/ma-truy-cap/", views.token_create, name="token_create"),
    path("tai-khoan/ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
