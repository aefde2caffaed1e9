from django.contrib import admin

from dondoc.core.admin import DropsSnapshots, OfficeAdmin, ScopedAdmin

from .models import DeadlineExtension, Programme, Task, TaskGroup


class GroupInline(admin.TabularInline):
    model = TaskGroup
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(OfficeAdmin):
    list_display = ["code", "name", "plan_year", "is_active"]
    inlines = [GroupInline]


@admin.register(Task)
class TaskAdmin(DropsSnapshots, ScopedAdmin):
    scope_kind = "task"
    list_display = ["code", "title", "programme", "lead", "due", "done"]
    list_filter = ["programme", "recurring"]
    search_fields = ["code", "search_text"]
    autocomplete_fields = ["lead", "partners", "parent", "source"]
    readonly_fields = ["started", "done", "extended"]

    def save_model(self, request, obj, form, change):
        # Writes go through the actions so history is kept.
        from . import actions

        if change:
            fields = {
                f: form.cleaned_data[f]
                for f in form.changed_data
                if f != "partners" and f in form.cleaned_data
            }
            actions.update_task(Task.objects.get(pk=obj.pk), actor=request.user, **fields)
        else:
            super().save_model(request, obj, form, change)
            from dondoc.audit.actions import record

            record(actor=request.user, action="create", obj=obj, unit=obj.lead)


@admin.register(DeadlineExtension)
class ExtensionAdmin(DropsSnapshots, ScopedAdmin):
    scope_kind = "task"
    scope_field = "task__"
    list_display = ["task", "old_due", "new_due", "granted_on", "granted_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
