from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("tai-khoan/", views.profile, name="profile"),
    path("tai-khoan/ma-truy-cap/", views.token_create, name="token_create"),
    path("tai-khoan/ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("tai-khoan/mat-khau/", views.password_change, name="password_change"),
    path("tai-khoan/xac-thuc-hai-lop/", views.otp_setup, name="otp_setup"),
    path("tai-khoan/xac-thuc-hai-lop/ma-qr.svg", views.otp_qr, name="otp_qr"),
    path("tai-khoan/xac-thuc-hai-lop/tat/", views.otp_disable, name="otp_disable"),
    path("thuong-truc/", views.office_home, name="office"),
    path("<str:code>/nhat-ky/", views.history, name="history"),
]
