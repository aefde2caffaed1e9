"""Reporting periods: made from the schedules, locked by the office, and the office's calendar of working days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet

from dondoc.audit.actions import record
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
