"""The national pages run a fixed number of queries whatever the number of tasks (issue 17): the leader's
overview, the unit page of the country and of a province, a province's task list and the completeness page,
counted at two sizes of data (with kept days, as a deployment has them after the nightly refresh)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_unit, make_user
from dondoc.reporting.models import Schedule
from dondoc.tasks import actions, snapshots, status
from dondoc.units.actions import set_parent
from dondoc.units.models import Membership, Unit

TODAY = date(2026, 3, 10)


@pytest.fixture
def country(world, monkeypatch):
    monkeypatch.setattr(status, "today", lambda: TODAY)
    vn = make_unit("VN", "Trung ương", Unit.Kind.OTHER)
    set_parent(world.P, vn)
    set_parent(world.O, vn)
    leader = make_user("vn.lanhdao", Membership.Role.LEADER, vn)
    Schedule.objects.create(
        programme=world.programme,
        name="Báo cáo tháng",
        period_type="monthly",
        owner=vn,
        unit_kinds="department,commune",
        deadline_offset=3,
        starts_on=date(2025, 10, 1),
    )
    return vn, leader


def add_tasks(world, n: int, start: int) -> None:
    leads = [world.A, world.B, world.C, world.X]
    for i in range(start, start + n):
        task = actions.create_task(
            world.programme,
            code=f"T{i:03d}",
            title=f"Nhiệm vụ {i}",
            lead=leads[i % 4],
            due=date(2025, 6 + i % 6, 10 + i % 15),
            recurring=False,
        )
        if i % 3 == 0:
            actions.complete_task(task, date(2025, 7, 1 + i % 20))
        if i % 5 == 0:
            actions.extend_deadline(task, date(2026, 6, 30), "Lý do", granted_on=date(2025, 12, 1))


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as q:
        response = client.get(url)
    assert response.status_code == 200, url
    form = (response.context or {}).get("form")
    assert form is None or not form.errors, (url, form.errors)  # the filters were taken, not ignored
    return len(q.captured_queries)


@pytest.mark.django_db
def test_national_pages_run_the_same_queries_at_two_sizes(world, country):
    vn, leader = country
    client = world.client(leader)
    prog = world.programme
    urls = [
        f"/tong-quan/?unit=VN&programme=NQ57&as_of={d}"
        for d in ("2026-01-31", "2026-02-20")  # a kept day; a day between kept days (kept day + correction)
    ] + [
        "/don-vi/VN/?programme=NQ57&as_of=2026-02-20",
        f"/don-vi/{world.P.code}/?programme=NQ57&as_of=2026-02-20",
        f"/nhiem-vu/?programme=NQ57&unit={world.P.code}&as_of=20/02/2026",
        "/bao-cao/day-du/",
    ]
    add_tasks(world, 8, 0)
    snapshots.refresh(prog, snapshots.days_to_keep(snapshots.latest_day(), 12))
    for url in urls:  # warm (sessions, content types)
        client.get(url)
    small = {url: queries(client, url) for url in urls}
    # when there are many more tasks (kept exact by the actions, no new refresh)
    add_tasks(world, 60, 8)
    large = {url: queries(client, url) for url in urls}
    # then every page runs exactly the same number of queries
    assert large == small
    # and the figures are those of a fresh count
    from dondoc.tasks.selectors import summary, tasks_for_unit

    assert summary(vn, programme=prog, as_of=date(2026, 2, 20)).counts == status.count(
        tasks_for_unit(vn).filter(programme=prog), date(2026, 2, 20)
    )
