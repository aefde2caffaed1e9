from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ExportsConfig(AppConfig):
    name = "dondoc.exports"
    label = "exports"
    verbose_name = gettext_lazy("Báo cáo và kết xuất")
