from django.contrib import admin

from .models import ReceivedPackage, Sender


class SuperuserOnly(admin.ModelAdmin):
    """Senders and packages span provinces: only a system administrator sees them here (the office of a
    receiving unit reads its packages on the page /trao-doi/)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Sender)
class SenderAdmin(SuperuserOnly):
    """Read-only here: senders are registered with `register_sender` (their key is checked there)."""

    list_display = ("code", "key_id", "parent", "unit", "account", "is_active", "registered_at")
    readonly_fields = ("code", "public_key", "key_id", "parent", "unit", "registered_at")
    fields = ("code", "key_id", "public_key", "parent", "unit", "account", "is_active", "registered_at")

    def has_add_permission(self, request):
        return False


@admin.register(ReceivedPackage)
class ReceivedPackageAdmin(SuperuserOnly):
    list_display = ("received_at", "sender_code", "programme_code", "as_of", "result", "via")
    list_filter = ("result", "via")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
