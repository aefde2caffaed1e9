from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CommitteesConfig(AppConfig):
    name = "dondoc.committees"
    label = "committees"
    verbose_name = gettext_lazy("Ban Chỉ đạo")
