from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy


def _guard(sender, using="default", **kwargs) -> None:
    # Rebuilding a table (SQLite's way of altering one) drops its triggers: put them back after every migrate.
    from .chain import install_guards

    install_guards(connections[using])


class AuditConfig(AppConfig):
    default = True
    name = "dondoc.audit"
    label = "audit"
    verbose_name = gettext_lazy("Nhật ký thay đổi")

    def ready(self) -> None:
        post_migrate.connect(_guard, sender=self, dispatch_uid="dondoc-audit-guards")


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with dondoc's site, which records every write made through it."""

    default = False
    default_site = "dondoc.audit.admin_site.DondocAdminSite"
