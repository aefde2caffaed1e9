from django.contrib import admin

from .models import AuditEntry


def _is_system_admin(user) -> bool:
    # The audit trail sits below the units app (every app's actions write to it), so it reads the admin role
    # through the user's memberships rather than through units.scope.
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.memberships.filter(role="admin", unit__is_active=True).exists())
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only, for the system administrator: nobody adds, changes or deletes an entry. The office reads the
    trail of its units on the unit's history page."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_name"]

    def has_module_permission(self, request):
        return _is_system_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return _is_system_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
