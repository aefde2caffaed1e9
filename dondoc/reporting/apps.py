from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ReportingConfig(AppConfig):
    name = "dondoc.reporting"
    label = "reporting"
    verbose_name = gettext_lazy("Báo cáo tiến độ")
