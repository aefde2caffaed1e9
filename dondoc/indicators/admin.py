"""Back office for the indicator catalogue: the office defines indicators, targets and baselines here.
Values are entered through the pages, the API or `import_values` (record_value keeps their history)."""

from django.contrib import admin

from dondoc.units.scoped_admin import OfficeAdmin, ScopedAdmin

from . import actions
from .models import Baseline, Indicator, Target, Value


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    autocomplete_fields = ["unit"]


class BaselineInline(admin.TabularInline):
    model = Baseline
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(OfficeAdmin):
    list_display = ["code", "name", "programme", "value_kind", "period_type", "rollup", "is_active"]
    list_filter = ["programme", "value_kind", "period_type", "is_active"]
    search_fields = ["code", "name_folded", "name"]
    autocomplete_fields = ["owner"]
    inlines = [TargetInline, BaselineInline]

    records_itself = True  # through the actions; the targets and baselines inline are recorded by the site

    def save_model(self, request, obj, form, change):
        # Writes go through the actions so history is kept.
        if change:
            fields = {f: form.cleaned_data[f] for f in form.changed_data if f in actions.INDICATOR_FIELDS}
            fresh = Indicator.objects.get(pk=obj.pk)
            actions.update_indicator(fresh, actor=request.user, **fields)
            obj.pk = fresh.pk
        else:
            data = {f: form.cleaned_data[f] for f in actions.INDICATOR_FIELDS if f in form.cleaned_data}
            new = actions.create_indicator(form.cleaned_data["programme"], actor=request.user, **data)
            obj.pk = new.pk


@admin.register(Value)
class ValueAdmin(ScopedAdmin):
    scope_field = "unit__"
    list_display = [
        "indicator",
        "unit",
        "period",
        "value",
        "numerator",
        "denominator",
        "entered_by",
        "entered_at",
    ]
    list_filter = ["indicator__programme", "period"]
    search_fields = ["indicator__code", "unit__code", "unit__name"]
    readonly_fields = [f.name for f in Value._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
