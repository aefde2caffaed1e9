from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "dondoc.reporting"
    label = "reporting"
    verbose_name = "Báo cáo tiến độ"
