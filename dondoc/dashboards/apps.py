from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dondoc.dashboards"
    label = "dashboards"
    verbose_name = "Bảng điều khiển"
