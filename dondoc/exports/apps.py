from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "dondoc.exports"
    label = "exports"
    verbose_name = "Báo cáo và kết xuất"
