from django.contrib import admin

from dondoc.units.scoped_admin import OfficeAdmin, ScopedAdmin

from . import snapshots
from .models import DeadlineExtension, Programme, Task, TaskGroup
from .selectors import visible_tasks


class TaskScopedAdmin(ScopedAdmin):
    """Rows scoped as tasks are: by the task's lead (and, for a reporter, its partners)."""

    def scoped(self, qs, scope):
        return qs.filter(**{f"{self.scope_field}pk__in": visible_tasks(scope).values("pk")})


class DropsSnapshots:
    """Admin writes that go around the actions (creating or deleting a task or an extension) drop every kept
    count: they are rare, and the counts are recomputed on the next view."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        snapshots.invalidate(None, None)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        snapshots.invalidate(None, None)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        snapshots.invalidate(None, None)


class GroupInline(admin.TabularInline):
    model = TaskGroup
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(OfficeAdmin):
    list_display = ["code", "name", "plan_year", "is_active"]
    inlines = [GroupInline]


@admin.register(Task)
class TaskAdmin(DropsSnapshots, TaskScopedAdmin):
    list_display = ["code", "title", "programme", "lead", "due", "done"]
    list_filter = ["programme", "recurring"]
    search_fields = ["code", "search_text"]
    autocomplete_fields = ["lead", "partners", "parent", "source"]
    readonly_fields = ["started", "done", "extended"]

    records_itself = True

    def save_model(self, request, obj, form, change):
        # Writes go through the actions so history is kept.
        from . import actions

        if change:
            fields = {
                f: form.cleaned_data[f]
                for f in form.changed_data
                if f != "partners" and f in form.cleaned_data
            }
            partners = form.cleaned_data["partners"] if "partners" in form.changed_data else None
            actions.update_task(Task.objects.get(pk=obj.pk), actor=request.user, partners=partners, **fields)
        else:
            super().save_model(request, obj, form, change)
            from dondoc.audit.actions import record

            record(actor=request.user, action="create", obj=obj, unit=obj.lead)


@admin.register(DeadlineExtension)
class ExtensionAdmin(DropsSnapshots, TaskScopedAdmin):
    scope_field = "task__"
    list_display = ["task", "old_due", "new_due", "granted_on", "granted_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
