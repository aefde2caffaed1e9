from django.contrib import admin

from .models import RankingWeights, SavedView


@admin.register(SavedView)
class SavedViewAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "unit", "programme", "pinned", "shared_with_unit", "updated_at"]
    list_filter = ["pinned", "shared_with_unit"]
    search_fields = ["name"]
    raw_id_fields = ["owner", "unit", "parent_task"]


@admin.register(RankingWeights)
class RankingWeightsAdmin(admin.ModelAdmin):
    list_display = ["unit", "programme", "on_time", "overdue", "timeliness", "updated_by", "updated_at"]
    raw_id_fields = ["unit", "updated_by"]
    readonly_fields = ["updated_by"]
