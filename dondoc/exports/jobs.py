"""Background work of the exports app (django-tasks; run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def generate_file(file_id: int) -> None:
    """Build a large report queued by actions.generate_report, updating its progress as it goes."""
    from .actions import run_generation

    run_generation(file_id)
