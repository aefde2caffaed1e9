"""Writes of the dashboards app: saved views and ranking weights. Each owns its transaction and audit record."""

from __future__ import annotations

from django.db import transaction

from dondoc.audit.actions import diff, record

from .models import RankingWeights, SavedView
from .selectors import Params


def _snapshot(view: SavedView) -> dict:
    return {
        "name": view.name,
        "unit": view.unit.code,
        "programme": view.programme.code if view.programme_id else None,
        "groups": sorted(g.number for g in view.groups.all()) if view.pk else [],
        "parent_task": view.parent_task.code if view.parent_task_id else None,
        "filters": view.filters,
        "panels": view.panels,
        "pinned": view.pinned,
        "shared_with_unit": view.shared_with_unit,
    }


def save_view(
    owner, name: str, params: Params, *, pinned: bool = False, shared_with_unit: bool = False
) -> SavedView:
    """Save the dashboard as it is shown under a name (a view of the same name by the same person is replaced)."""
    name = name.strip()[:150]
    if not name:
        raise ValueError("Hãy đặt tên cho bảng theo dõi.")
    with transaction.atomic():
        view = SavedView.objects.filter(owner=owner, name=name).first()
        before = _snapshot(view) if view else {}
        view = view or SavedView(owner=owner, name=name)
        view.unit = params.unit
        view.programme = params.programme
        view.parent_task = params.parent_task
        view.filters = {
            "trend": params.trend,
            "sort": params.sort,
            "gsort": params.gsort,
            "compare": params.compare.isoformat() if params.compare else None,
        }
        view.panels = list(params.panels)
        view.pinned = pinned
        view.shared_with_unit = shared_with_unit
        view.save()
        view.groups.set(params.groups)
        record(
            actor=owner,
            action="update" if before else "create",
            obj=view,
            changes=diff(before, _snapshot(view)),
            unit=view.unit,
        )
    return view


def set_view_flags(view: SavedView, *, actor, pinned: bool | None = None, shared: bool | None = None) -> None:
    """Pin or unpin a saved view, share it with the unit or stop sharing it (its owner only)."""
    if view.owner_id != actor.pk:
        raise PermissionError("Chỉ người lưu mới thay đổi được bảng theo dõi này.")
    with transaction.atomic():
        before = {"pinned": view.pinned, "shared_with_unit": view.shared_with_unit}
        if pinned is not None:
            view.pinned = pinned
        if shared is not None:
            view.shared_with_unit = shared
        view.save(update_fields=["pinned", "shared_with_unit", "updated_at"])
        after = {"pinned": view.pinned, "shared_with_unit": view.shared_with_unit}
        record(actor=actor, action="update", obj=view, changes=diff(before, after), unit=view.unit)


def delete_view(view: SavedView, *, actor) -> None:
    """Delete a saved view (its owner only)."""
    if view.owner_id != actor.pk:
        raise PermissionError("Chỉ người lưu mới xóa được bảng theo dõi này.")
    with transaction.atomic():
        record(actor=actor, action="delete", obj=view, changes=diff(_snapshot(view), {}), unit=view.unit)
        view.delete()


def set_weights(unit, programme, *, on_time: int, overdue: int, timeliness: int, actor) -> RankingWeights:
    """The office sets how much each criterion counts in the ranking of its sub-units (per cent, sum 100)."""
    values = {"on_time": on_time, "overdue": overdue, "timeliness": timeliness}
    if any(v < 0 or v > 100 for v in values.values()):
        raise ValueError("Mỗi trọng số phải từ 0 đến 100.")
    if sum(values.values()) != 100:
        raise ValueError("Tổng các trọng số phải bằng 100.")
    with transaction.atomic():
        weights = RankingWeights.objects.select_for_update().filter(unit=unit, programme=programme).first()
        before = (
            {"on_time": weights.on_time, "overdue": weights.overdue, "timeliness": weights.timeliness}
            if weights
            else {}
        )
        weights = weights or RankingWeights(unit=unit, programme=programme)
        for k, v in values.items():
            setattr(weights, k, v)
        weights.updated_by = actor if getattr(actor, "pk", None) else None
        weights.save()
        record(
            actor=actor,
            action="update" if before else "create",
            obj=weights,
            changes=diff(before, values),
            unit=unit,
        )
    return weights
