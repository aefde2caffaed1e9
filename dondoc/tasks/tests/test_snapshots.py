"""Kept counts at past days (dondoc.tasks.snapshots): always the figures a fresh count gives, whatever changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dondoc.tasks import actions, snapshots, status
from dondoc.tasks.models import StatusSnapshot, Task
from dondoc.tasks.selectors import tasks_for_unit
from dondoc.units.actions import set_parent

TODAY = date(2027, 1, 15)
day = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(status, "today", lambda: TODAY)


def live(unit, programme, dates):
    return status.count_series(tasks_for_unit(unit).filter(programme=programme), dates)


op = st.one_of(
    st.tuples(st.just("create"), st.sampled_from("ABC"), st.none() | day, st.none() | day),
    st.tuples(st.just("complete"), st.integers(0, 20), day),
    st.tuples(st.just("reopen"), st.integers(0, 20)),
    st.tuples(st.just("start"), st.integers(0, 20), day),
    st.tuples(st.just("due"), st.integers(0, 20), day),
    st.tuples(st.just("extend"), st.integers(0, 20), day, st.integers(1, 200)),
    st.tuples(st.just("lead"), st.integers(0, 20), st.sampled_from("ABCX")),
    st.tuples(st.just("move"), st.sampled_from("AB"), st.sampled_from("PO")),
)


def apply(world, op) -> None:
    tasks = list(Task.objects.order_by("pk"))
    kind = op[0]
    if kind == "create":
        _, lead, due, done = op
        actions.create_task(
            world.programme,
            code=f"N{len(tasks)}",
            title="Nhiệm vụ",
            lead=getattr(world, lead),
            due=due,
            recurring=due is None,
            done=done,
        )
        return
    if kind == "move":
        set_parent(getattr(world, op[1]), getattr(world, op[2]))
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


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(op, min_size=1, max_size=10), dates=st.lists(day, min_size=1, max_size=4))
def test_kept_counts_equal_a_fresh_count_after_any_changes(world, frozen, ops, dates):
    # given a province and its sub-units, and tasks changed by the actions between two readings
    Task.objects.all().delete()
    StatusSnapshot.objects.all().delete()
    set_parent(world.A, world.P)
    set_parent(world.B, world.P)
    units = [world.P, world.A, world.B, world.O]
    for o in ops:
        # when the counts are read (and kept) and then the tasks change
        for u in units:
            assert snapshots.subtree_series(u, world.programme, dates) == live(u, world.programme, dates)
        apply(world, o)
        for u in units:
            world_unit = type(u).objects.get(pk=u.pk)
            # then the kept counts read back are those of a fresh count
            assert snapshots.subtree_series(world_unit, world.programme, dates) == live(
                world_unit, world.programme, dates
            )


@pytest.mark.django_db
def test_days_are_kept_once_read_and_read_back_without_counting(world, frozen, django_assert_num_queries):
    actions.create_task(world.programme, code="K1", title="x", lead=world.A, due=date(2025, 6, 30))
    days = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30)]
    first = snapshots.subtree_series(world.P, world.programme, days)
    assert StatusSnapshot.objects.filter(unit=world.P, day__in=days).count() == 3
    with django_assert_num_queries(1):
        assert snapshots.subtree_series(world.P, world.programme, days) == first
    assert first[date(2025, 9, 30)].overdue == 1


@pytest.mark.django_db
def test_recent_days_and_changes_of_today_keep_nothing_and_drop_nothing(world, monkeypatch):
    monkeypatch.setattr(status, "today", lambda: date(2025, 7, 10))
    task = actions.create_task(world.programme, code="K2", title="x", lead=world.A, due=date(2025, 6, 30))
    snapshots.subtree_series(world.P, world.programme, [date(2025, 6, 30), date(2025, 7, 9)])
    # yesterday is not kept (a change may still be in flight across midnight); the month-end is
    assert list(StatusSnapshot.objects.values_list("day", flat=True)) == [date(2025, 6, 30)]
    epoch = world.programme.__class__.objects.get(pk=world.programme.pk).counts_epoch
    actions.complete_task(task, date(2025, 7, 10))  # dated today: no kept day can change
    assert StatusSnapshot.objects.count() == 1
    assert world.programme.__class__.objects.get(pk=world.programme.pk).counts_epoch == epoch
    actions.complete_task(task, date(2025, 6, 20))  # backdated: the month-end changes
    assert StatusSnapshot.objects.count() == 0
    assert (
        snapshots.subtree_series(world.P, world.programme, [date(2025, 6, 30)])[date(2025, 6, 30)].on_time
        == 1
    )


@pytest.mark.django_db
def test_a_count_overtaken_by_a_backdated_change_is_not_kept(world, frozen, monkeypatch):
    # given a reader counting while a backdated change commits (simulated inside the count)
    task = actions.create_task(world.programme, code="K3", title="x", lead=world.A, due=date(2025, 6, 30))
    real = status.count_series

    def count_then_change(qs, dates, due_by=None):
        result = real(qs, dates, due_by)
        actions.complete_task(Task.objects.get(pk=task.pk), date(2025, 6, 1))
        return result

    monkeypatch.setattr(status, "count_series", count_then_change)
    # when it finishes, what it counted is answered but not kept
    old = snapshots.subtree_series(world.P, world.programme, [date(2025, 6, 30)])
    assert old[date(2025, 6, 30)].in_term == 1
    assert not StatusSnapshot.objects.exists()
    monkeypatch.setattr(status, "count_series", real)
    # then the next reading counts the change
    assert (
        snapshots.subtree_series(world.P, world.programme, [date(2025, 6, 30)])[date(2025, 6, 30)].on_time
        == 1
    )


@pytest.mark.django_db
def test_refresh_keeps_every_unit_with_tasks_at_the_month_ends(world, frozen):
    actions.create_task(world.programme, code="R1", title="x", lead=world.A, due=date(2025, 6, 30))
    actions.create_task(world.programme, code="R2", title="y", lead=world.X, due=date(2025, 3, 31))
    days = snapshots.month_ends(date(2025, 12, 31), 12)
    assert days[0] == date(2025, 1, 31) and days[-1] == date(2025, 12, 31) and len(days) == 12
    written = snapshots.refresh(world.programme, days)
    assert written == 12 * 4  # A and P; X and O
    for unit in (world.P, world.A, world.O, world.X):
        kept = {
            s.day: snapshots._counts(s)
            for s in StatusSnapshot.objects.filter(unit=unit, programme=world.programme)
        }
        assert kept == live(unit, world.programme, days)


@pytest.mark.django_db
def test_moving_a_unit_moves_its_tasks_out_of_the_kept_counts(world, frozen):
    # given a department's task counted in its province's kept counts
    actions.create_task(world.programme, code="M1", title="x", lead=world.A, due=date(2025, 6, 30))
    day_ = date(2025, 9, 30)
    assert snapshots.subtree_series(world.P, world.programme, [day_])[day_].total == 1
    # when the department moves to another province
    set_parent(world.A, world.O)
    # then neither province reads a stale figure
    assert snapshots.subtree_series(world.P, world.programme, [day_])[day_].total == 0
    assert snapshots.subtree_series(world.O, world.programme, [day_])[day_].total == 1


@pytest.mark.django_db
def test_a_batch_of_changes_drops_the_kept_counts_once_from_its_earliest_day(world, frozen):
    # given kept counts at three month-ends
    a = actions.create_task(world.programme, code="B1", title="x", lead=world.A, due=date(2025, 6, 30))
    b = actions.create_task(world.programme, code="B2", title="y", lead=world.B, due=date(2025, 6, 30))
    days = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30)]
    snapshots.subtree_series(world.P, world.programme, days)
    epoch = type(world.programme).objects.get(pk=world.programme.pk).counts_epoch
    # when two backdated completions are made in one batch
    with snapshots.batched():
        actions.complete_task(a, date(2025, 8, 1))
        actions.complete_task(b, date(2025, 5, 1))
        assert StatusSnapshot.objects.count() == 3  # nothing dropped yet
    # then the days from the earliest change on are dropped, once, and read back right
    assert list(StatusSnapshot.objects.values_list("day", flat=True)) == [date(2025, 3, 31)]
    assert type(world.programme).objects.get(pk=world.programme.pk).counts_epoch == epoch + 1
    assert snapshots.subtree_series(world.P, world.programme, days) == live(world.P, world.programme, days)


@pytest.mark.django_db
def test_a_change_dated_yesterday_bumps_the_epoch_in_case_it_commits_after_midnight(world, monkeypatch):
    monkeypatch.setattr(status, "today", lambda: date(2025, 7, 10))
    task = actions.create_task(world.programme, code="Y1", title="x", lead=world.A, due=date(2025, 6, 30))
    programmes = type(world.programme).objects
    epoch = programmes.get(pk=world.programme.pk).counts_epoch
    actions.complete_task(task, date(2025, 7, 10))  # today: nothing can be kept that recent
    assert programmes.get(pk=world.programme.pk).counts_epoch == epoch
    actions.complete_task(task, date(2025, 7, 9))  # yesterday: kept from tomorrow on
    assert programmes.get(pk=world.programme.pk).counts_epoch == epoch + 1


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
def test_refresh_snapshots_command_keeps_the_last_month_ends_and_refuses_bad_input(world, frozen):
    actions.create_task(world.programme, code="C1", title="x", lead=world.A, due=date(2026, 9, 30))
    code, out, _ = _command("--months", "3")
    # today is 15/01/2027: the month-ends kept are those of October, November and December 2026
    assert code == 0 and "NQ57: 6 số liệu chốt (3 cuối tháng, 31/10/2026–31/12/2026)" in out
    assert sorted(set(StatusSnapshot.objects.values_list("day", flat=True))) == [
        date(2026, 10, 31),
        date(2026, 11, 30),
        date(2026, 12, 31),
    ]
    assert _command("--months", "0")[0] == 1
    code, _, err = _command("--programme", "KHONGCO")
    assert code == 1 and "Không có chương trình mã 'KHONGCO'" in err
