"""Kept counts (dondoc.tasks.snapshots): always the figures a fresh count by the one rule gives, after any
sequence of actions, at the kept days and as of any other date (kept day + correction)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dondoc.tasks import actions, snapshots, status
from dondoc.tasks.models import KeptDay, StatusSnapshot, Task, TaskGroup
from dondoc.tasks.selectors import tasks_for_unit
from dondoc.units.actions import set_parent

TODAY = date(2027, 1, 15)
day = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))
KEEP = [date(2025, 6, 30), date(2025, 12, 31), date(2026, 6, 15), date(2026, 12, 31), date(2027, 1, 13)]


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(status, "today", lambda: TODAY)


def live(unit, programme, dates):
    return status.count_series(tasks_for_unit(unit).filter(programme=programme), dates)


def live_pairs(unit, programme, d):
    """count_by_child by (child, group): the plain count the kept breakdown must equal."""
    return status.count_by_child(Task.objects.filter(programme=programme), unit, d, also=("group_id",))


def fresh_rows(programme):
    """What a refresh would keep at the kept days now: {(unit, group_key, day): Counts} without zeros."""
    from dondoc.units.models import Unit

    paths = dict(Unit.objects.values_list("pk", "path"))
    out = defaultdict(status.Counts)
    for d in snapshots.kept_days(programme):
        by = status.count_by(Task.objects.filter(programme=programme), ("lead_id", "group_id"), d)
        for (lead, group), c in by.items():
            for u in snapshots._ancestors(paths[lead]):
                out[(u, group or 0, d)] += c
    return {k: c for k, c in out.items() if c.total}


def kept_rows(programme):
    return {
        (s.unit_id, s.group_key, s.day): status.Counts(*(getattr(s, f) for f in status.FIELDS))
        for s in StatusSnapshot.objects.filter(programme=programme, version=snapshots.VERSION)
        if s.total or any(getattr(s, f) for f in status.FIELDS)
    }


op = st.one_of(
    st.tuples(
        st.just("create"), st.sampled_from("ABCX"), st.none() | day, st.none() | day, st.integers(0, 2)
    ),
    st.tuples(st.just("complete"), st.integers(0, 20), day),
    st.tuples(st.just("reopen"), st.integers(0, 20)),
    st.tuples(st.just("start"), st.integers(0, 20), day),
    st.tuples(st.just("due"), st.integers(0, 20), day),
    st.tuples(st.just("extend"), st.integers(0, 20), day, st.integers(1, 200)),
    st.tuples(st.just("lead"), st.integers(0, 20), st.sampled_from("ABCX")),
    st.tuples(st.just("group"), st.integers(0, 20), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("move"), st.sampled_from("AB"), st.sampled_from("PO")),
    st.tuples(st.just("keep"), st.sampled_from(KEEP)),
)


def apply(world, op) -> None:
    tasks = list(Task.objects.order_by("pk"))
    groups = [None, *TaskGroup.objects.filter(programme=world.programme).order_by("number")[:2]]
    kind = op[0]
    if kind == "create":
        _, lead, due, done, g = op
        actions.create_task(
            world.programme,
            code=f"N{len(tasks)}-{Task.objects.count()}",
            title="Nhiệm vụ",
            lead=getattr(world, lead),
            due=due,
            recurring=due is None,
            done=done,
            group=groups[g],
        )
        return
    if kind == "move":
        set_parent(getattr(world, op[1]), getattr(world, op[2]))
        return
    if kind == "keep":
        snapshots.refresh(world.programme, [op[1]])
        return
    if not tasks:
        return
    task = tasks[op[1] % len(tasks)]
    if kind == "complete":
        actions.complete_task(task, op[2])
    elif kind == "reopen":
        actions.reopen_task(task)
    elif kind == "start":
        actions.mark_started(task, op[2])
    elif kind == "due" and not task.recurring:
        actions.update_task(task, due=op[2])
    elif kind == "extend" and not task.recurring:
        current = status.with_status(Task.objects.filter(pk=task.pk), TODAY).get().due_now
        try:
            actions.extend_deadline(task, current + timedelta(days=op[3]), "Lý do", granted_on=op[2])
        except ValueError:
            pass
    elif kind == "lead":
        actions.update_task(task, lead=getattr(world, op[2]))
    elif kind == "group":
        actions.update_task(task, group=groups[op[2]])
    elif kind == "delete":
        actions.delete_tasks([task])


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    keep=st.lists(st.sampled_from(KEEP), max_size=3),
    ops=st.lists(op, min_size=1, max_size=10),
    dates=st.lists(day | st.just(TODAY), min_size=1, max_size=4),
)
def test_kept_counts_equal_a_fresh_count_after_any_actions(world, frozen, keep, ops, dates):
    # given kept days made by the nightly refresh, then tasks changed by the actions in any order
    Task.objects.all().delete()
    StatusSnapshot.objects.all().delete()
    KeptDay.objects.all().delete()
    set_parent(world.A, world.P)
    set_parent(world.B, world.P)
    snapshots.refresh(world.programme, keep)
    units = [world.P, world.A, world.O]
    for o in ops:
        apply(world, o)
        # then the kept rows are exactly what a fresh count by the rule gives at every kept day
        assert kept_rows(world.programme) == fresh_rows(world.programme)
        # and as of any date (kept day + correction) every figure is a fresh count's
        for u in units:
            u = type(u).objects.get(pk=u.pk)
            assert snapshots.subtree_series(u, world.programme, dates) == live(u, world.programme, dates)
            found = snapshots.breakdown(u, world.programme, dates)
            for d in dates:
                want = live_pairs(u, world.programme, d)
                assert (found[d] if found is not None else want) == want


@pytest.mark.django_db
def test_summary_and_breakdown_read_kept_counts_in_a_fixed_number_of_queries(
    world, frozen, django_assert_num_queries
):
    from dondoc.tasks import selectors

    set_parent(world.A, world.P)
    for i in range(3):
        actions.create_task(world.programme, code=f"K{i}", title="x", lead=world.A, due=date(2025, 6, 30))
    snapshots.refresh(world.programme, [date(2025, 6, 30), date(2026, 6, 30)])
    kept_day, other_day = date(2025, 6, 30), date(2025, 7, 3)
    # a kept day: the kept days, then the rows (2 queries); another day adds the correction (2 more)
    with django_assert_num_queries(2):
        s = selectors.summary(world.P, programme=world.programme, as_of=kept_day)
    assert s.counts.total == 3 and s.counts.in_term == 3
    with django_assert_num_queries(4):  # + the extended tasks concerned, + the correction
        s = selectors.summary(world.P, programme=world.programme, as_of=other_day)
    assert s.counts.overdue == 3
    # as many tasks again: the same number of queries
    for i in range(3, 30):
        actions.create_task(world.programme, code=f"K{i}", title="x", lead=world.B, due=date(2025, 7, 1))
    with django_assert_num_queries(4):
        s = selectors.summary(world.P, programme=world.programme, as_of=other_day)
    assert s.counts.total == 30 and s.counts.overdue == 30
    with django_assert_num_queries(5):  # + the children
        rows = selectors.child_breakdown(world.P, programme=world.programme, as_of=other_day)
    assert {u.code: c.total for u, c in rows} == {"A": 3, "B": 27, "C": 0}


@pytest.mark.django_db
def test_changes_dated_today_touch_no_kept_row(world, monkeypatch):
    monkeypatch.setattr(status, "today", lambda: date(2025, 7, 10))
    task = actions.create_task(world.programme, code="K2", title="x", lead=world.A, due=date(2025, 6, 30))
    snapshots.refresh(world.programme, [date(2025, 6, 30), date(2025, 7, 9)])
    # yesterday is not kept (a change may still be in flight across midnight); the month-end is
    assert snapshots.kept_days(world.programme) == [date(2025, 6, 30)]
    epoch = type(world.programme).objects.get(pk=world.programme.pk).counts_epoch
    actions.complete_task(task, date(2025, 7, 10))  # dated today: no kept day can change
    assert type(world.programme).objects.get(pk=world.programme.pk).counts_epoch == epoch
    actions.complete_task(task, date(2025, 6, 20))  # backdated: the month-end is kept exact, not dropped
    assert snapshots.kept_days(world.programme) == [date(2025, 6, 30)]
    row = StatusSnapshot.objects.get(unit=world.A, day=date(2025, 6, 30))
    assert (row.on_time, row.in_term, row.total) == (1, 0, 1)


@pytest.mark.django_db
def test_refresh_keeps_every_unit_with_tasks_and_leaves_kept_days_alone(world, frozen):
    actions.create_task(world.programme, code="R1", title="x", lead=world.A, due=date(2025, 6, 30))
    actions.create_task(world.programme, code="R2", title="y", lead=world.X, due=date(2025, 3, 31))
    days = snapshots.month_ends(date(2025, 12, 31), 12)
    assert days[0] == date(2025, 1, 31) and days[-1] == date(2025, 12, 31) and len(days) == 12
    assert snapshots.refresh(world.programme, days) == 12 * 4  # A and P; X and O (no group)
    assert snapshots.refresh(world.programme, days) == 0  # already kept (and kept exact by the actions)
    for unit in (world.P, world.A, world.O, world.X):
        assert snapshots.subtree_series(unit, world.programme, days) == live(unit, world.programme, days)


@pytest.mark.django_db
def test_moving_a_unit_drops_the_kept_days_and_reads_stay_right(world, frozen):
    actions.create_task(world.programme, code="M1", title="x", lead=world.A, due=date(2025, 6, 30))
    day_ = date(2025, 9, 30)
    snapshots.refresh(world.programme, [day_])
    assert snapshots.subtree_series(world.P, world.programme, [day_])[day_].total == 1
    set_parent(world.A, world.O)
    assert not KeptDay.objects.exists()
    assert snapshots.subtree_series(world.P, world.programme, [day_])[day_].total == 0
    assert snapshots.subtree_series(world.O, world.programme, [day_])[day_].total == 1


@pytest.mark.django_db
def test_a_batch_of_changes_drops_the_kept_days_once_from_its_earliest_day(world, frozen):
    a = actions.create_task(world.programme, code="B1", title="x", lead=world.A, due=date(2025, 6, 30))
    b = actions.create_task(world.programme, code="B2", title="y", lead=world.B, due=date(2025, 6, 30))
    days = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30)]
    snapshots.refresh(world.programme, days)
    epoch = type(world.programme).objects.get(pk=world.programme.pk).counts_epoch
    with snapshots.batched():
        actions.complete_task(a, date(2025, 8, 1))
        actions.complete_task(b, date(2025, 5, 1))
        assert len(snapshots.kept_days(world.programme)) == 3  # nothing dropped yet
    assert snapshots.kept_days(world.programme) == [date(2025, 3, 31)]
    assert type(world.programme).objects.get(pk=world.programme.pk).counts_epoch == epoch + 1
    assert snapshots.subtree_series(world.P, world.programme, days) == live(world.P, world.programme, days)


@pytest.mark.django_db
def test_deleting_a_group_drops_its_programmes_kept_days(world, frozen):
    group = TaskGroup.objects.filter(programme=world.programme).first()
    actions.create_task(
        world.programme, code="G1", title="x", lead=world.A, due=date(2025, 6, 30), group=group
    )
    snapshots.refresh(world.programme, [date(2025, 9, 30)])
    group.delete()
    assert not KeptDay.objects.exists()
    assert snapshots.breakdown(world.P, world.programme, [date(2025, 9, 30)]) is None


@pytest.mark.django_db
def test_saving_a_programme_never_writes_back_the_epoch_it_read(world):
    programmes = type(world.programme).objects
    held = programmes.get(pk=world.programme.pk)  # e.g. an admin form opened before a change
    snapshots.invalidate([world.programme.pk], None)
    bumped = programmes.get(pk=world.programme.pk).counts_epoch
    held.name = "Nghị quyết 57 (đổi tên)"
    held.save()
    fresh = programmes.get(pk=world.programme.pk)
    assert fresh.counts_epoch == bumped and fresh.name == "Nghị quyết 57 (đổi tên)"


def _command(*args):
    import io

    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("refresh_snapshots", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_refresh_snapshots_command_keeps_month_ends_mid_months_and_the_latest_day(world, frozen):
    actions.create_task(world.programme, code="C1", title="x", lead=world.A, due=date(2026, 9, 30))
    code, out, _ = _command("--months", "2")
    # today is 15/01/2027, the latest day kept 13/01/2027: the ends, the 1sts after them and the 15ths of
    # November and December, the 13th
    assert code == 0 and "NQ57: 14 số liệu chốt (7 ngày chốt, 15/11/2026–13/01/2027" in out
    assert snapshots.kept_days(world.programme) == [
        date(2026, 11, 15),
        date(2026, 11, 30),
        date(2026, 12, 1),
        date(2026, 12, 15),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2027, 1, 13),
    ]
    assert _command("--months", "0")[0] == 1
    code, _, err = _command("--programme", "KHONGCO")
    assert code == 1 and "Không có chương trình mã 'KHONGCO'" in err
