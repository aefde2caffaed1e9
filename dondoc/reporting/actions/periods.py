"""Reporting periods: made from the schedules, locked by the office, and the office's calendar of working days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet

from dondoc.audit.actions import diff, record
from dondoc.vn import clean

from .. import periods as P
from ..models import Period, Schedule, WorkdayOverride

# Schedules that are a copy of another instance's (a province's, brought by its package: dondoc.exchange) have
# their periods from the package: no periods are made for them here and nobody is reminded of them. Higher floors
# add a callable giving the ids of the owner units of such schedules; a declared hook rather than an import.
COPIED_SCHEDULES: list[Callable[[], QuerySet]] = []


def own_schedules() -> QuerySet[Schedule]:
    """The active schedules this instance runs itself (not copies of another instance's)."""
    qs = Schedule.objects.filter(active=True)
    for owners in COPIED_SCHEDULES:
        qs = qs.exclude(owner_id__in=owners())
    return qs


def create_schedule(
    *,
    programme,
    name: str,
    period_type: str,
    owner,
    starts_on: date,
    deadline_offset: int = 1,
    unit_kinds: str = "",
    units=(),
    actor=None,
    up_to: date | None = None,
) -> Schedule:
    """Set a reporting schedule (chế độ báo cáo): who reports on the programme, how often, by when; its periods
    are made up to `up_to` (default: the start)."""
    name = clean(name)
    if not name:
        raise ValueError("Cần tên chế độ báo cáo.")
    if period_type not in dict(P.PERIOD_TYPES):
        raise ValueError("Kỳ báo cáo không hợp lệ.")
    if deadline_offset < 1:
        raise ValueError("Hạn nộp phải sau ngày chốt số liệu ít nhất một ngày làm việc (Nghị định 09/2019).")
    with transaction.atomic():
        schedule = Schedule.objects.create(
            programme=programme,
            name=name,
            period_type=period_type,
            owner=owner,
            unit_kinds=unit_kinds,
            deadline_offset=deadline_offset,
            starts_on=starts_on,
        )
        if units:
            schedule.units.set(units)
        record(
            actor=actor,
            action="create",
            obj=schedule,
            unit=owner,
            changes={
                "period_type": [None, period_type],
                "deadline_offset": [None, deadline_offset],
                "unit_kinds": [None, unit_kinds],
                "units": [None, sorted(u.code for u in units)],
                "starts_on": [None, starts_on.isoformat()],
            },
        )
        ensure_periods(schedule, up_to or starts_on)
        return schedule


def ensure_periods(schedule: Schedule, up_to: date) -> int:
    """Create the schedule's periods from its start to the one containing `up_to`. Idempotent; returns how
    many were created."""
    overrides = WorkdayOverride.as_map()
    specs = P.periods_between(schedule.period_type, schedule.starts_on, up_to)
    existing = set(Period.objects.filter(schedule=schedule).values_list("code", flat=True))
    new = [
        Period(
            schedule=schedule,
            code=s.code,
            start=s.start,
            end=s.end,
            deadline=P.deadline_for(s.end, schedule.deadline_offset, overrides),
        )
        for s in specs
        if s.code not in existing
    ]
    Period.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def ensure_all_periods(up_to: date) -> int:
    return sum(ensure_periods(s, up_to) for s in own_schedules())


def lock_period(period: Period, *, reason: str, actor=None) -> None:
    """Close a period: no more submissions (e.g. the figures have been sent up)."""
    with transaction.atomic():
        Period.objects.filter(pk=period.pk).update(locked=True, locked_reason=clean(reason))
        period.locked, period.locked_reason = True, clean(reason)
        record(actor=actor, action="lock", obj=period, unit=period.schedule.owner, note=reason)


def unlock_period(period: Period, *, reason: str, actor=None) -> None:
    """Open a locked period again (a late report the committee still takes); the reason goes on the audit trail."""
    reason = clean(reason)
    if not reason:
        raise ValueError("Cần ghi lý do mở khóa kỳ báo cáo.")
    if not period.locked:
        raise ValueError("Kỳ báo cáo này chưa khóa.")
    with transaction.atomic():
        Period.objects.filter(pk=period.pk).update(locked=False, locked_reason="")
        record(
            actor=actor,
            action="unlock",
            obj=period,
            unit=period.schedule.owner,
            changes={"locked_reason": [period.locked_reason, ""]},
            note=reason,
        )
        period.locked, period.locked_reason = False, ""


SCHEDULE_FIELDS = ("name", "deadline_offset", "unit_kinds", "active")
# Changed only by a new schedule: the periods already made (and reported on) follow them.
FIXED_SCHEDULE_FIELDS = {
    "programme": "Chương trình của chế độ báo cáo không đổi được; hãy lập chế độ báo cáo mới.",
    "period_type": "Kỳ báo cáo không đổi được khi đã có các kỳ; hãy lập chế độ báo cáo mới (và tạm dừng chế độ cũ).",
    "starts_on": "Ngày bắt đầu không đổi được khi đã có các kỳ; hãy lập chế độ báo cáo mới.",
    "owner": "Cơ quan nhận báo cáo không đổi được; hãy lập chế độ báo cáo mới.",
}


def update_schedule(schedule: Schedule, *, actor=None, units=None, today: date, **fields) -> dict:
    """Change a schedule: its name, who reports (units, kinds), the deadline offset (the periods whose deadline
    has not passed follow it; past deadlines stay, so timeliness already judged does not move), or pause/resume
    it (`active`). Fields that would rewrite its periods are refused with the reason. Returns the changes."""
    refused = [FIXED_SCHEDULE_FIELDS[f] for f in fields if f in FIXED_SCHEDULE_FIELDS]
    unknown = sorted(set(fields) - set(SCHEDULE_FIELDS) - set(FIXED_SCHEDULE_FIELDS))
    if unknown:
        refused.append(f"Chế độ báo cáo không có trường: {', '.join(unknown)}.")
    if refused:
        raise ValueError(" ".join(refused))
    if "name" in fields:
        fields["name"] = clean(fields["name"])
        if not fields["name"]:
            raise ValueError("Cần tên chế độ báo cáo.")
    if fields.get("deadline_offset", 1) < 1:
        raise ValueError("Hạn nộp phải sau ngày chốt số liệu ít nhất một ngày làm việc (Nghị định 09/2019).")
    with transaction.atomic():
        before = {f: getattr(schedule, f) for f in SCHEDULE_FIELDS}
        before["units"] = sorted(schedule.units.values_list("code", flat=True))
        for name, value in fields.items():
            setattr(schedule, name, value)
        after = {f: getattr(schedule, f) for f in SCHEDULE_FIELDS}
        after["units"] = sorted(u.code for u in units) if units is not None else before["units"]
        changes = diff(before, after)
        if not changes:
            return {}
        schedule.save()
        if units is not None and "units" in changes:
            schedule.units.set(units)
        if "deadline_offset" in changes:
            overrides = WorkdayOverride.as_map()
            for p in schedule.periods.filter(deadline__gte=today):
                new = P.deadline_for(p.end, schedule.deadline_offset, overrides)
                if new != p.deadline:
                    Period.objects.filter(pk=p.pk).update(deadline=new)
        action = "update" if set(changes) != {"active"} else ("resume" if schedule.active else "pause")
        record(actor=actor, action=action, obj=schedule, unit=schedule.owner, changes=changes)
        return changes


def set_workday(day: date, *, is_working: bool, note: str = "", actor=None) -> None:
    """The office declares a day off or a compensatory working day; future period deadlines follow it."""
    with transaction.atomic():
        ov, _ = WorkdayOverride.objects.update_or_create(
            date=day, defaults={"is_working": is_working, "note": note}
        )
        record(actor=actor, action="update", obj=ov, note=note)
        overrides = WorkdayOverride.as_map()
        for p in Period.objects.filter(end__gte=day - timedelta(days=60), end__lt=day).select_related(
            "schedule"
        ):
            new = P.deadline_for(p.end, p.schedule.deadline_offset, overrides)
            if new != p.deadline:
                Period.objects.filter(pk=p.pk).update(deadline=new)
