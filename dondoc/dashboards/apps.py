from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class DashboardsConfig(AppConfig):
    name = "dondoc.dashboards"
    label = "dashboards"
    verbose_name = gettext_lazy("Bảng điều khiển")
