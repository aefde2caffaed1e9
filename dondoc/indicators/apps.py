from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class IndicatorsConfig(AppConfig):
    name = "dondoc.indicators"
    label = "indicators"
    verbose_name = gettext_lazy("Chỉ tiêu")
