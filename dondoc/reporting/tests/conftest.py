"""Fixtures of the reporting tests: a monthly schedule for the world's departments and communes, with a
frozen clock (Vietnam's today and the moment of submission)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from dondoc.reporting import actions
from dondoc.reporting import clock as reporting_clock
from dondoc.reporting.models import Period, Schedule
from dondoc.tasks import status as task_status
from dondoc.tasks.actions import create_task


@dataclass
class Cycle:
    world: object
    schedule: Schedule
    period: Period
    t1: object
    t2: object
    t3: object
    clock: object


@pytest.fixture
def clock(monkeypatch):
    """clock(d): today is `d` for the status engine and for submissions."""

    def set_(d: date) -> None:
        monkeypatch.setattr(task_status, "today", lambda: d)
        monkeypatch.setattr(
            reporting_clock, "now", lambda: timezone.make_aware(datetime.combine(d, time(10, 0)))
        )

    set_(date(2025, 6, 16))
    return set_


@pytest.fixture
def cycle(world, clock) -> Cycle:
    sched = Schedule.objects.create(
        programme=world.programme,
        name="Báo cáo tháng",
        period_type="monthly",
        owner=world.P,
        unit_kinds="department,commune",
        deadline_offset=3,
        starts_on=date(2025, 4, 15),
    )
    actions.ensure_periods(sched, date(2025, 6, 16))
    p = world.programme
    t1 = create_task(
        p,
        code="1.01",
        title="Ban hành kế hoạch chuyển đổi số",
        lead=world.A,
        due=date(2025, 6, 30),
        output="Kế hoạch",
    )
    t2 = create_task(
        p, code="1.02", title="Xây dựng kho dữ liệu dùng chung", lead=world.A, due=date(2025, 9, 30)
    )
    t3 = create_task(
        p, code="2.01", title="Số hóa hồ sơ bệnh án", lead=world.B, due=date(2025, 9, 30), partners=[world.A]
    )
    return Cycle(world, sched, Period.objects.get(schedule=sched, code="2025-T06"), t1, t2, t3, clock)


def item(task, **kw) -> actions.ItemInput:
    return actions.ItemInput(task_id=task.pk, **kw)
