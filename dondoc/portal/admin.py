from django.contrib import admin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Read-only here: publishing and withdrawing go through the office's page (audited)."""

    list_display = ["programme", "unit", "is_published", "published_at", "withdrawn_at"]
    list_filter = ["is_published"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
