from django.contrib import admin

from .models import (
    Contribution,
    Evidence,
    Notification,
    Obstacle,
    Period,
    ProgressReport,
    Reminder,
    ReportItem,
    Schedule,
    WorkdayOverride,
)


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "period_type", "owner", "deadline_offset", "active"]
    list_filter = ["programme", "period_type", "active"]
    filter_horizontal = ["units"]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["code", "schedule", "start", "end", "deadline", "locked"]
    list_filter = ["schedule", "locked"]


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working", "note"]


class ItemInline(admin.TabularInline):
    model = ReportItem
    extra = 0
    fields = ["task", "state", "percent", "completed_on"]
    readonly_fields = fields


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "status", "submitted_on", "version"]
    list_filter = ["status"]
    readonly_fields = [
        "status",
        "version",
        "submitted_at",
        "submitted_on",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]
    inlines = [ItemInline]


@admin.register(Obstacle)
class ObstacleAdmin(admin.ModelAdmin):
    list_display = ["kind", "text", "raised_by", "status", "raised_on"]
    list_filter = ["kind", "status"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "recipient", "status", "attempts", "last_error"]
    list_filter = ["kind", "status", "day"]


admin.site.register([Evidence, Contribution, Notification])
