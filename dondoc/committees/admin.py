from django.contrib import admin

from dondoc.units.scoped_admin import ScopedAdmin

from .models import Committee, DirectiveLink, Meeting, Member


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["user", "role", "position", "unit", "order"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["unit"]


@admin.register(Committee)
class CommitteeAdmin(ScopedAdmin):
    """Committees of the units in scope (pages at /ban-chi-dao/ are the office's way to keep them)."""

    scope_field = "unit__"
    list_display = ["name", "unit", "programme", "standing_unit", "is_active"]
    list_filter = ["is_active", "programme"]
    search_fields = ["name_folded", "unit__name_folded"]
    raw_id_fields = ["unit", "standing_unit", "founding_document"]
    inlines = [MemberInline]


@admin.register(Meeting)
class MeetingAdmin(ScopedAdmin):
    scope_field = "committee__unit__"
    list_display = ["__str__", "committee", "number", "held_on", "conclusion"]
    list_filter = ["committee"]
    raw_id_fields = ["committee", "chair", "conclusion", "previous"]
    filter_horizontal = ["attendees", "documents"]


@admin.register(DirectiveLink)
class DirectiveLinkAdmin(ScopedAdmin):
    """Read-only: the links are written when drafts are accepted."""

    scope_field = "committee__unit__"
    list_display = ["task", "meeting", "kind", "accepted_at"]
    list_filter = ["kind"]
    raw_id_fields = ["committee", "meeting", "document", "task", "accepted_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
