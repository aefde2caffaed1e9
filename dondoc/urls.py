"""URL map: Vietnamese paths for pages, /api/v1/ for the API, /admin/ for back-office work.

The top floor: it wires every app's pages and may import any of them (docs/architecture.md)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from dondoc.api.api import api
from dondoc.dashboards import views as dashboard_views
from dondoc.units import views as unit_views
from dondoc.units.forms import LoginForm


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page links (base.html links the SVG)."""
    with open(finders.find("dondoc/favicon.ico"), "rb") as f:
        response = HttpResponse(f.read(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("", login_required(RedirectView.as_view(pattern_name="dashboards:home")), name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="registration/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("dang-nhap/xac-thuc/", unit_views.otp_verify, name="otp_verify"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("nhiem-vu/", include("dondoc.tasks.urls")),
    path("van-ban/", include("dondoc.documents.urls")),
    path("don-vi/", include("dondoc.units.urls")),
    path("don-vi/<str:code>/", dashboard_views.unit_detail, name="unit"),
    path("bao-cao/", include("dondoc.reporting.urls")),
    path("chi-tieu/", include("dondoc.indicators.urls")),
    path("ban-chi-dao/", include("dondoc.committees.urls")),
    path("tong-quan/", include("dondoc.dashboards.urls")),
    path("ket-xuat/", include("dondoc.exports.urls")),
    path("cong-khai/", include("dondoc.portal.urls")),
    path("trao-doi/", include("dondoc.exchange.urls")),
    path("ngon-ngu/", include("django.conf.urls.i18n")),  # set_language: the header's language switch
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
