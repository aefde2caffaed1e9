from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "dondoc.committees"
    label = "committees"
    verbose_name = "Ban Chỉ đạo"
