from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "dondoc.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ"
