from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class DemoConfig(AppConfig):
    """The demo province (load_demo) and the synthetic national dataset (seed_national): the top floor, which
    seeds every app through its actions and so may import any of them."""

    name = "dondoc.demo"
    label = "demo"
    verbose_name = gettext_lazy("Dữ liệu mẫu")
