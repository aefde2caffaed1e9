from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "dondoc.exchange"
    label = "exchange"
    verbose_name = "Trao đổi số liệu giữa các cấp"

    def ready(self) -> None:
        from dondoc.reporting.actions import periods

        from .models import HeldUnit

        # The schedules a province's package brought are a copy of its reporting: the centre makes no periods
        # for them and reminds nobody of them (their periods come with the next package).
        periods.COPIED_SCHEDULES.append(lambda: HeldUnit.objects.values("unit_id"))
