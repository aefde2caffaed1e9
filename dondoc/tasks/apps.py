from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "dondoc.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ"

    def ready(self) -> None:
        from dondoc.units import actions as unit_actions

        from . import snapshots

        # A unit moved to another parent: every kept count of the subtrees above may change, at every date.
        unit_actions.TREE_MOVED.append(lambda: snapshots.invalidate(None, None))
