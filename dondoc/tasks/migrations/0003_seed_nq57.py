"""Seed the programme of Resolution 57-NQ/TW with its seven task groups (as Kế hoạch 366-KH/TU restates them)."""

from django.db import migrations


def seed(apps, schema_editor):
    from dondoc.tasks.actions import NQ57_GROUPS, NQ57_NAME
    from dondoc.vn import fold

    Programme = apps.get_model("tasks", "Programme")
    TaskGroup = apps.get_model("tasks", "TaskGroup")
    prog, _ = Programme.objects.get_or_create(code="NQ57", defaults={"name": NQ57_NAME, "plan_year": 2025})
    for number, name in enumerate(NQ57_GROUPS, start=1):
        TaskGroup.objects.get_or_create(
            programme=prog, number=number, defaults={"name": name, "name_folded": fold(name)}
        )


class Migration(migrations.Migration):
    dependencies = [("tasks", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
