from django.contrib import admin

from .models import GeneratedFile, ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(admin.ModelAdmin):
    list_display = ("unit", "layout", "issuing_body", "signer_title", "updated_at")
    list_filter = ("layout",)
    search_fields = ("unit__code", "unit__name", "issuing_body")
    raw_id_fields = ("unit",)
    readonly_fields = ("updated_at", "updated_by")


@admin.register(GeneratedFile)
class GeneratedFileAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "format",
        "unit",
        "programme",
        "as_of",
        "status",
        "progress",
        "created_by",
        "created_at",
    )
    list_filter = ("kind", "format", "status")
    search_fields = ("unit__code", "unit__name")
    raw_id_fields = ("unit", "programme", "created_by")
    readonly_fields = ("created_at", "finished_at")
