"""URL map: Vietnamese paths for pages, /api/v1/ for the API, /admin/ for back-office work."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dondoc.api.api import api
from dondoc.core.forms import LoginForm
from dondoc.units import views as unit_views

admin.site.site_header = "dondoc — quản trị"
admin.site.site_title = "dondoc"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("", unit_views.home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="registration/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("nhiem-vu/", include("dondoc.tasks.urls")),
    path("don-vi/", include("dondoc.units.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Apps that add pages register them here when present.
for module, prefix in [
    ("dondoc.reporting.urls", "bao-cao/"),
    ("dondoc.indicators.urls", "chi-tieu/"),
    ("dondoc.dashboards.urls", "tong-quan/"),
    ("dondoc.exports.urls", "ket-xuat/"),
    ("dondoc.portal.urls", "cong-khai/"),
]:
    try:
        urlpatterns.append(path(prefix, include(module)))
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
