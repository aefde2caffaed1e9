"""Bringing this instance's copy of a sender's picture to exactly what a package holds, through the owning apps'
actions (units, tasks, indicators) with their history, then checking that the figures come out the same."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.audit.actions import record_many
from dondoc.indicators import actions as indicator_actions
from dondoc.indicators.models import Indicator, Value
from dondoc.reporting.models import Period, ProgressReport, Schedule
from dondoc.tasks import actions as task_actions
from dondoc.tasks import snapshots, status
from dondoc.tasks.models import Programme, Task, TaskGroup
from dondoc.units import actions as unit_actions
from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import clean, format_date, format_decimal

from .. import package as pkg
from ..models import HeldUnit, ReceivedPackage, Sender
from ..package import PackageRefused, centre_code

# What an accepted package changed, in the users' words (command line, the page of packages received).
CHANGE_LABELS = {
    "units_created": gettext_lazy("đơn vị mới"),
    "units_updated": gettext_lazy("đơn vị sửa"),
    "units_moved": gettext_lazy("đơn vị chuyển cấp trên"),
    "units_deactivated": gettext_lazy("đơn vị ngừng hoạt động"),
    "tasks_created": gettext_lazy("nhiệm vụ mới"),
    "tasks_updated": gettext_lazy("nhiệm vụ cập nhật"),
    "tasks_deleted": gettext_lazy("nhiệm vụ bỏ"),
    "extensions_changed": gettext_lazy("nhiệm vụ đổi gia hạn"),
    "schedules_replaced": gettext_lazy("chế độ báo cáo"),
    "reports": gettext_lazy("báo cáo"),
    "indicators_created": gettext_lazy("chỉ tiêu mới"),
    "values_recorded": gettext_lazy("giá trị chỉ tiêu ghi"),
    "values_deleted": gettext_lazy("giá trị chỉ tiêu bỏ"),
}


def sections(payload: dict) -> dict:
    """A digest of each part of a payload: a newer package rewrites only the parts that changed."""
    return {
        k: pkg.digest(pkg.canonical(payload.get(k))) for k in ("units", "tasks", "schedules", "indicators")
    }


def apply(env: pkg.Envelope, sender: Sender, current: ReceivedPackage | None, *, actor) -> dict:
    payload = env.payload
    as_of = env.as_of
    changes: dict[str, int] = {}
    held = _apply_units(payload, sender, changes, actor=actor)
    prog = payload["programme"]
    programme = task_actions.ensure_programme(prog["code"], name=prog["name"], actor=actor)
    with snapshots.batched():
        _apply_tasks(payload, sender, programme, held, changes, actor=actor)
    before = current.sections if current is not None else {}
    now = sections(payload)
    if before.get("schedules") != now["schedules"] or current is None:
        _apply_schedules(payload, sender, programme, held, changes, actor=actor)
    if before.get("indicators") != now["indicators"] or current is None:
        _apply_indicators(payload, programme, held, changes, actor=actor)
    _check_figures(payload, sender, programme, held, as_of)
    return {k: v for k, v in changes.items() if v}


def _bump(changes: dict, key: str, n: int = 1) -> None:
    changes[key] = changes.get(key, 0) + n


# -- units ----------------------------------------------------------------------------------------------------
def _apply_units(payload: dict, sender: Sender, changes: dict, *, actor) -> dict[str, Unit]:
    """The sender's subtree: units created (or the root adopted), renamed, moved, deactivated when gone.
    Returns the held units by their code at the sender."""
    holdings = {h.remote_code: h for h in HeldUnit.objects.filter(sender=sender).select_related("unit")}
    held: dict[str, Unit] = {code: h.unit for code, h in holdings.items()}
    root_code = payload["sender"]["unit"]
    for u in payload["units"]:
        code = u["code"]
        local = centre_code(sender.code, code)
        unit = held.get(code)
        if u["parent"] is None:
            parent = unit.parent if unit is not None else None
        else:
            parent = held[u["parent"]]
        if unit is None:
            other = Unit.objects.filter(code=local).first()
            if other is not None:
                if code != root_code:
                    raise PackageRefused(
                        _(
                            "Đơn vị %(code)s của gói trùng mã với đơn vị %(local)s (%(name)s) mà hệ thống này tự quản lý: không nhận."
                        )
                        % {"code": code, "local": local, "name": other.name}
                    )
                if HeldUnit.objects.filter(unit=other).exists():
                    raise PackageRefused(
                        _("Đơn vị %(local)s đã thuộc về một đơn vị gửi khác: không nhận.") % {"local": local}
                    )
                if other.children.exists() or Task.objects.filter(lead=other).exists():
                    raise PackageRefused(
                        _(
                            "Đơn vị %(local)s (%(name)s) ở hệ thống này đã có đơn vị cấp dưới hoặc nhiệm vụ riêng: số liệu của gói sẽ lẫn với số liệu của hệ thống, không nhận."
                        )
                        % {"local": local, "name": other.name}
                    )
                unit = other
                unit_actions.update_unit(
                    unit, actor=actor, name=u["name"], kind=u["kind"], is_active=u["active"]
                )
            else:
                if len(local) > 32:
                    raise PackageRefused(
                        _("Mã đơn vị %(local)s (từ %(code)s của gói) dài quá 32 ký tự.")
                        % {"local": local, "code": code}
                    )
                unit = unit_actions.create_unit(
                    local, u["name"], u["kind"], parent=parent if u["parent"] else sender.parent, actor=actor
                )
                if not u["active"]:
                    unit_actions.update_unit(unit, actor=actor, is_active=False)
                _bump(changes, "units_created")
            HeldUnit.objects.create(sender=sender, unit=unit, remote_code=code)
            held[code] = unit
            if code == root_code:
                Sender.objects.filter(pk=sender.pk).update(unit=unit)
                sender.unit = unit
            continue
        if unit_actions.update_unit(unit, actor=actor, name=u["name"], kind=u["kind"], is_active=u["active"]):
            _bump(changes, "units_updated")
        if u["parent"] is not None and unit.parent_id != parent.pk:
            unit_actions.set_parent(unit, parent, actor=actor)
            _bump(changes, "units_moved")
    in_package = {u["code"] for u in payload["units"]}
    for code, unit in held.items():
        if code not in in_package and unit.is_active:
            unit_actions.update_unit(unit, actor=actor, is_active=False)
            _bump(changes, "units_deactivated")
    # Paths may have changed with moves: read the held units again.
    return {h.remote_code: h.unit for h in HeldUnit.objects.filter(sender=sender).select_related("unit")}


# -- tasks ----------------------------------------------------------------------------------------------------
def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _apply_tasks(
    payload, sender: Sender, programme: Programme, held: dict[str, Unit], changes, *, actor
) -> None:
    """The programme's tasks led in the sender's subtree: created in bulk, changed with history, deleted when
    gone; deadline extensions made equal to the package's."""
    groups = {g.number: g for g in TaskGroup.objects.filter(programme=programme)}
    for g in payload["groups"]:
        if g["number"] not in groups:
            groups[g["number"]] = task_actions.ensure_group(programme, g["number"], g["name"], actor=actor)
    held_ids = [u.pk for u in held.values()]
    existing = {
        t.code: t
        for t in Task.objects.filter(programme=programme, lead_id__in=held_ids)
        .select_related("lead", "group", "parent")
        .prefetch_related("partners")
    }
    local = {t["code"]: centre_code(sender.code, t["code"]) for t in payload["tasks"]}
    for code in local.values():
        if len(code) > 64:
            raise PackageRefused(_("Mã nhiệm vụ %(code)s dài quá 64 ký tự.") % {"code": code})
    clash = set(
        Task.objects.filter(
            programme=programme, code__in=[c for c in local.values() if c not in existing]
        ).values_list("code", flat=True)
    )
    if clash:
        raise PackageRefused(
            _("Mã nhiệm vụ %(clash)s đã có ở hệ thống này, ngoài các đơn vị của %(code)s: không nhận.")
            % {"clash": ", ".join(sorted(clash)[:5]), "code": sender.code}
        )

    def fields(t: dict) -> dict:
        return {
            "title": clean(t["title"]),
            "group": groups.get(t["group"]) if t["group"] is not None else None,
            "lead": held[t["lead"]],
            "due": _d(t["due"]),
            "due_phrase": t["due_phrase"],
            "recurring": t["recurring"],
            "output": t["output"],
            "started": _d(t["started"]),
            "done": _d(t["done"]),
        }

    new = [t for t in payload["tasks"] if local[t["code"]] not in existing]
    specs = []
    for t in new:
        spec = fields(t)
        spec.update(
            code=local[t["code"]],
            partners=[held[p] for p in t["partners"]],
            parent_code=local[t["parent"]] if t["parent"] else None,
            progress=100 if t["done"] else 0,
        )
        specs.append(spec)
    created = task_actions.create_tasks(programme, specs, actor=actor, action="import") if specs else {}
    _bump(changes, "tasks_created", len(created))
    by_code = {**existing, **created}
    for t in payload["tasks"]:
        code = local[t["code"]]
        if code in created:
            continue
        task = existing[code]
        want = fields(t)
        want["parent"] = by_code[local[t["parent"]]] if t["parent"] else None
        partners = sorted(p.code for p in (held[c] for c in t["partners"]))
        differs = any(getattr(task, k) != v for k, v in want.items()) or partners != sorted(
            u.code for u in task.partners.all()
        )
        if differs:
            if want["done"] != task.done:
                want["progress"] = 100 if want["done"] else min(task.progress, 99)
            task_actions.update_task(
                task, actor=actor, action="import", partners=[held[c] for c in t["partners"]], **want
            )
            _bump(changes, "tasks_updated")
    for t in payload["tasks"]:
        task = by_code[local[t["code"]]]
        if t["extensions"] or task.extended:
            wanted = [
                {
                    "old_due": _d(e["old_due"]),
                    "new_due": _d(e["new_due"]),
                    "granted_on": _d(e["granted_on"]),
                    "reason": e["reason"],
                }
                for e in t["extensions"]
            ]
            if task_actions.set_extensions(task, wanted, actor=actor):
                _bump(changes, "extensions_changed")
    gone = [task for code, task in existing.items() if code not in set(local.values())]
    _bump(changes, "tasks_deleted", task_actions.delete_tasks(gone, actor=actor))


# -- reporting --------------------------------------------------------------------------------------------------
def _apply_schedules(payload, sender: Sender, programme: Programme, held: dict[str, Unit], changes, *, actor):
    """The reporting schedules owned in the sender's subtree, with their periods (locked: the centre's copy takes
    no submissions) and the reports sent by the package's date. A changed part is rewritten whole: the copy has no
    history of its own to keep beyond what the audit records."""
    held_ids = [u.pk for u in held.values()]
    old = list(Schedule.objects.filter(programme=programme, owner_id__in=held_ids))
    if old:
        reports = ProgressReport.objects.filter(period__schedule__in=old)
        n = reports.count()
        reports.delete()
        record_many(
            actor=actor,
            action="delete",
            items=[(s, {"name": [s.name, None]}, s.owner) for s in old],
            note=f"thay bằng gói tính đến {format_date(date.fromisoformat(payload['as_of']))} ({n} báo cáo)",
        )
        Schedule.objects.filter(pk__in=[s.pk for s in old]).delete()
    reason = f"Bản sao từ gói số liệu của {sender.code}"
    made = []
    report_rows = []
    for s in payload["schedules"]:
        schedule = Schedule.objects.create(
            programme=programme,
            name=clean(s["name"]),
            period_type=s["period_type"],
            owner=held[s["owner"]],
            unit_kinds=s["unit_kinds"],
            deadline_offset=s["deadline_offset"],
            starts_on=_d(s["starts_on"]),
            active=s["active"],
        )
        schedule.units.set([held[c] for c in s["units"]])
        periods = Period.objects.bulk_create(
            [
                Period(
                    schedule=schedule,
                    code=p["code"],
                    start=_d(p["start"]),
                    end=_d(p["end"]),
                    deadline=_d(p["deadline"]),
                    locked=True,
                    locked_reason=reason,
                )
                for p in s["periods"]
            ]
        )
        if any(p.pk is None for p in periods):  # SQLite before 3.35 gives no ids back
            periods = list(Period.objects.filter(schedule=schedule).order_by("end", "code"))
            by_code = {p.code: p for p in periods}
            periods = [by_code[p["code"]] for p in s["periods"]]
        for spec, period in zip(s["periods"], periods, strict=True):
            for r in spec["reports"]:
                submitted = _d(r["submitted_on"])
                report_rows.append(
                    ProgressReport(
                        period=period,
                        unit=held[r["unit"]],
                        status=r["status"],
                        submitted_on=submitted,
                        version=1,
                    )
                )
        made.append(
            (
                schedule,
                {"name": [None, schedule.name], "periods": [None, len(periods)], "owner": [None, s["owner"]]},
                schedule.owner,
            )
        )
    ProgressReport.objects.bulk_create(report_rows, batch_size=2000)
    record_many(actor=actor, action="import", items=made)
    _bump(changes, "schedules_replaced", len(made))
    _bump(changes, "reports", len(report_rows))


# -- indicators -------------------------------------------------------------------------------------------------
def _raw(ind: Indicator, value: Decimal) -> str:
    if ind.value_kind == Indicator.Kind.BOOLEAN:
        return "có" if value else "không"
    return format_decimal(value, places=4, strip=True)


def _apply_indicators(payload, programme: Programme, held: dict[str, Unit], changes, *, actor) -> None:
    """The indicator values of the sender's units, recorded through the indicators' own rules (the indicator,
    found by code, or made for the sender's root when the centre has none)."""
    scope = Scope.everything()
    root = held[payload["sender"]["unit"]]
    held_ids = [u.pk for u in held.values()]
    by_code = {u.pk: code for code, u in held.items()}
    seen: set[int] = set()
    for spec in payload["indicators"]:
        ind = Indicator.objects.filter(programme=programme, code=clean(spec["code"]).upper()).first()
        if ind is None:
            ind = indicator_actions.create_indicator(
                programme,
                actor=actor,
                owner=root,
                code=spec["code"],
                name=spec["name"],
                unit_of_measure=spec["unit_of_measure"],
                value_kind=spec["value_kind"],
                direction=spec["direction"],
                rollup=spec["rollup"],
                period_type=spec["period_type"],
                applies_to=spec["applies_to"],
            )
            _bump(changes, "indicators_created")
        elif (ind.value_kind, ind.period_type) != (spec["value_kind"], spec["period_type"]):
            raise PackageRefused(
                _(
                    "Chỉ tiêu %(code)s ở hệ thống này tính khác trong gói (loại giá trị, kỳ báo cáo): không nhận."
                )
                % {"code": ind.code}
            )
        seen.add(ind.pk)
        have = {
            (by_code[v.unit_id], v.period): v
            for v in Value.objects.filter(indicator=ind, unit_id__in=held_ids).select_related("unit")
        }
        wanted = set()
        for v in spec["values"]:
            wanted.add((v["unit"], v["period"]))
            num = Decimal(v["numerator"]) if v["numerator"] is not None else None
            den = Decimal(v["denominator"]) if v["denominator"] is not None else None
            value = Decimal(v["value"])
            cur = have.get((v["unit"], v["period"]))
            if cur is not None and (cur.numerator, cur.denominator, cur.value) == (num, den, value):
                continue
            try:
                got = indicator_actions.record_value(
                    ind,
                    held[v["unit"]],
                    v["period"],
                    None if num is not None else _raw(ind, value),
                    numerator=num,
                    denominator=den,
                    actor=actor,
                    scope=scope,
                    action="import",
                )
            except indicator_actions.ValueRefused as exc:
                raise PackageRefused(
                    _("Giá trị chỉ tiêu %(code)s của %(unit)s kỳ %(period)s: %(exc)s")
                    % {"code": ind.code, "unit": v["unit"], "period": v["period"], "exc": exc}
                ) from None
            if got.changed:
                _bump(changes, "values_recorded")
        for key, v in have.items():
            if key not in wanted:
                indicator_actions.delete_value(v, actor=actor)
                _bump(changes, "values_deleted")
    for v in Value.objects.filter(unit_id__in=held_ids, indicator__programme=programme).exclude(
        indicator_id__in=seen
    ):
        indicator_actions.delete_value(v, actor=actor)
        _bump(changes, "values_deleted")


# -- the figures must come out the same ---------------------------------------------------------------------------
def _check_figures(payload, sender: Sender, programme: Programme, held: dict[str, Unit], as_of: date) -> None:
    """Count the sender's unit with this instance's own status engine as of the package's date: the summary and
    every sub-unit's figures must be the package's, or nothing is kept."""
    root = Unit.objects.get(pk=held[payload["sender"]["unit"]].pk)
    by_child = status.count_by_child(Task.objects.filter(programme=programme), root, as_of)
    remote = {u.pk: code for code, u in held.items()}
    got = {("" if k == 0 else remote.get(k, f"?{k}")): c.as_dict() for k, c in by_child.items()}
    want = {k: v for k, v in payload["check"]["by_child"].items()}
    total = status.Counts.summed(by_child.values()).as_dict()
    if total != payload["check"]["summary"] or got != want:
        sentence = status.Counts(**payload["check"]["summary"]).sentence
        raise PackageRefused(
            _(
                "Sau khi nhập, số liệu của %(code)s tính đến %(as_of)s không khớp với số liệu trong gói (gói: “%(sentence)s”; tính được: “%(sentence2)s”): không nhận. Kiểm tra nhiệm vụ mà hệ thống này tự giao cho các đơn vị của bên gửi."
            )
            % {
                "code": root.code,
                "as_of": format_date(as_of),
                "sentence": sentence,
                "sentence2": status.Counts(**total).sentence,
            }
        )
