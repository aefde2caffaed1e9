from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TasksConfig(AppConfig):
    name = "dondoc.tasks"
    label = "tasks"
    verbose_name = gettext_lazy("Nhiệm vụ")

    def ready(self) -> None:
        from dondoc.units import actions as unit_actions

        from . import snapshots

        # A unit moved to another parent: every kept count of the subtrees above may change, at every date.
        unit_actions.TREE_MOVED.append(lambda: snapshots.invalidate(None, None))
