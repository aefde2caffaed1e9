"""The admin site of dondoc: every write made in the Django admin leaves its audit record.

Whatever a model admin is (ours, Django's own for groups, a library's), the site registers it with
`RecordsChanges` in front, which records creations, changes (before → after, field by field, m2m and inline
rows included) and deletions. An admin whose save already goes through an app's action (which records it)
says so with `records_itself = True`, and only its inlines and deletions are recorded here.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy

from .actions import diff, plain, record

SECRET_FIELDS = {"password", "key", "key_hash", "secret"}


def _values(obj: models.Model) -> dict:
    out = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        value = getattr(obj, f.attname)
        if f.name in SECRET_FIELDS and value:
            value = "••• (đã đổi)"
        elif f.is_relation and value is not None:
            value = str(getattr(obj, f.name))
        out[f.name] = plain(value)
    return out


def _m2m(obj: models.Model) -> dict:
    if obj.pk is None:
        return {}
    return {f.name: sorted(str(o) for o in getattr(obj, f.name).all()) for f in obj._meta.many_to_many}


class RecordsChanges:
    records_itself = False

    def save_model(self, request, obj, form, change):
        if self.records_itself:
            return super().save_model(request, obj, form, change)
        before = _values(type(obj)._base_manager.get(pk=obj.pk)) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        after = _values(obj)
        if change:
            for name in SECRET_FIELDS & set(after):
                if before.get(name) == after.get(name):  # unchanged secrets stay out of the record
                    before.pop(name, None), after.pop(name, None)
        changes = diff(before, after)
        if changes or not change:
            record(
                actor=request.user,
                action="update" if change else "create",
                obj=obj,
                changes=changes,
                unit=_unit(obj),
                note="qua trang quản trị",
            )

    def save_related(self, request, form, formsets, change):
        before = _m2m(form.instance)
        super().save_related(request, form, formsets, change)
        changes = diff(before, _m2m(form.instance))
        if changes and not self.records_itself:
            record(
                actor=request.user,
                action="update",
                obj=form.instance,
                changes=changes,
                unit=_unit(form.instance),
                note="qua trang quản trị",
            )

    def save_formset(self, request, form, formset, change):
        before = {
            f.instance.pk: _values(type(f.instance)._base_manager.get(pk=f.instance.pk))
            for f in formset.initial_forms
            if f.instance.pk
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(
                actor=request.user,
                action="create",
                obj=obj,
                changes=diff({}, _values(obj)),
                unit=_unit(obj),
                note=f"qua trang quản trị ({form.instance})",
            )
        for obj, _fields in formset.changed_objects:
            record(
                actor=request.user,
                action="update",
                obj=obj,
                changes=diff(before.get(obj.pk, {}), _values(obj)),
                unit=_unit(obj),
                note=f"qua trang quản trị ({form.instance})",
            )
        for obj in formset.deleted_objects:
            record(
                actor=request.user,
                action="delete",
                obj=obj,
                changes=diff(before.get(obj.pk, {}), {}),
                unit=None,
                note=f"qua trang quản trị ({form.instance})",
            )

    def delete_model(self, request, obj):
        record(
            actor=request.user,
            action="delete",
            obj=obj,
            changes=diff(_values(obj), {}),
            unit=None,
            note="qua trang quản trị",
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(
                actor=request.user,
                action="delete",
                obj=obj,
                changes=diff(_values(obj), {}),
                unit=None,
                note="qua trang quản trị",
            )
        super().delete_queryset(request, queryset)


def _unit(obj: models.Model):
    """The unit an object belongs to, when it says (for the unit's history page)."""
    from django.apps import apps

    unit_model = apps.get_model("units", "Unit")
    if isinstance(obj, unit_model):
        return obj
    for name in ("unit", "lead", "owner", "raised_by"):
        value = getattr(obj, name, None)
        if isinstance(value, unit_model):
            return value
    return None


class DondocAdminSite(admin.AdminSite):
    site_header = gettext_lazy("dondoc — quản trị")
    site_title = "dondoc"
    index_title = gettext_lazy("Quản trị hệ thống")

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, RecordsChanges):
            base = type(base.__name__, (RecordsChanges, base), {"__module__": base.__module__})
        return super().register(model_or_iterable, base, **options)
