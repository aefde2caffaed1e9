from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ExchangeConfig(AppConfig):
    name = "dondoc.exchange"
    label = "exchange"
    verbose_name = gettext_lazy("Trao đổi số liệu giữa các cấp")

    def ready(self) -> None:
        from dondoc.reporting.actions import periods

        from .models import HeldUnit

        # The schedules a province's package brought are a copy of its reporting: the centre makes no periods
        # for them and reminds nobody of them (their periods come with the next package).
        periods.COPIED_SCHEDULES.append(lambda: HeldUnit.objects.values("unit_id"))
