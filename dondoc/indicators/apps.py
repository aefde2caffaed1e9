from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "dondoc.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu"
