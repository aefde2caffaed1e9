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

        from django.db.models.signals import pre_delete

        from .models import TaskGroup

        # A group deleted leaves its tasks without a group (SET NULL, outside the actions): the kept counts by
        # group of its programme are dropped at every date.
        def group_deleted(sender, instance, **kwargs):
            snapshots.invalidate([instance.programme_id], None)

        pre_delete.connect(group_deleted, sender=TaskGroup, dispatch_uid="tasks.group_deleted")
