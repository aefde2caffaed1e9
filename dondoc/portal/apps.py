from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dondoc.portal"
    label = "portal"
    verbose_name = "Cổng công khai"
