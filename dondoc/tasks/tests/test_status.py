"""The status engine against the rules of shared/domain.md: a Python oracle, the invariants, real figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dondoc.tasks import actions, selectors, status
from dondoc.tasks.models import DeadlineExtension, Task
from dondoc.units.scope import Scope


def bulk(programme, lead, specs):
    """Create tasks fast: specs are dicts of Task fields."""
    tasks = [
        Task(programme=programme, code=f"T{i}", title=f"Nhiệm vụ {i}", lead=lead, **spec)
        for i, spec in enumerate(specs, start=Task.objects.count() + 1)
    ]
    return Task.objects.bulk_create(tasks)


def oracle(task: dict, exts: list[tuple[date, date]], as_of: date) -> tuple[str, bool]:
    """The rules, written plainly, one task at a time: (bucket, started)."""
    if task["recurring"]:
        return "recurring", False
    due = task["due"]
    # The latest granted on or before D; extensions granted the same day count in the order they were made.
    for granted_on, new_due in sorted(exts, key=lambda e: e[0]):
        if granted_on <= as_of:
            due = new_due
    done = task["done"]
    if done is not None and done <= as_of:
        return ("on_time" if done <= due else "late"), False
    started = task["started"] is not None and task["started"] <= as_of
    return ("in_term" if as_of <= due else "overdue"), started


day = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def task_specs(draw):
    recurring = draw(st.booleans()) and draw(st.booleans())
    due = None if recurring else draw(day)
    started = draw(st.none() | day)
    done = draw(st.none() | day)
    if done is not None and (started is None or started > done):
        started = done
    exts = [] if recurring else draw(st.lists(st.tuples(day, day), max_size=2))
    return {"recurring": recurring, "due": due, "started": started, "done": done}, exts


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(task_specs(), min_size=0, max_size=12), as_of=day, due_by=st.none() | day)
def test_counts_match_the_rules_and_the_invariants(world, specs, as_of, due_by):
    Task.objects.all().delete()
    expected = dict.fromkeys(status.FIELDS, 0)
    for i, (spec, exts) in enumerate(specs):
        task = Task.objects.create(programme=world.programme, code=f"H{i}", title="x", lead=world.A, **spec)
        for granted_on, new_due in exts:
            DeadlineExtension.objects.create(
                task=task, old_due=spec["due"], new_due=new_due, reason="r", granted_on=granted_on
            )
        if exts:
            Task.objects.filter(pk=task.pk).update(extended=True)
        bucket, started = oracle(spec, exts, as_of)
        if due_by is not None:
            if bucket == "recurring":
                continue
            due_now = spec["due"]
            for g, n in sorted(exts, key=lambda e: e[0]):
                if g <= as_of:
                    due_now = n
            if due_now > due_by:
                continue
        expected["total"] += 1
        expected[bucket] += 1
        if bucket in ("on_time", "late"):
            expected["done"] += 1
        if bucket in ("in_term", "overdue"):
            expected["open"] += 1
            expected["started" if started else "not_started"] += 1

    c = status.count(Task.objects.all(), as_of, due_by)

    assert c.as_dict() == expected
    assert c.total == c.done + c.open + c.recurring
    assert c.done == c.on_time + c.late
    assert c.open == c.in_term + c.overdue == c.started + c.not_started
    if due_by is not None:
        assert c.recurring == 0
    # The per-task annotation agrees with the aggregate.
    annotated = list(status.with_status(Task.objects.all(), as_of).values_list("status", flat=True))
    for code in (status.ON_TIME, status.LATE, status.IN_TERM, status.OVERDUE, status.RECURRING):
        if due_by is None:
            assert annotated.count(code) == getattr(c, code)


def test_whole_days_a_task_completed_on_its_deadline_is_on_time(world):
    t = actions.create_task(
        world.programme,
        code="1",
        title="x",
        lead=world.A,
        due=date(2025, 6, 30),
        done=date(2025, 6, 30),
        started=date(2025, 6, 1),
    )
    assert status.count(Task.objects.filter(pk=t.pk), date(2025, 6, 30)).on_time == 1
    # The day before completion it was open and within its deadline.
    c = status.count(Task.objects.filter(pk=t.pk), date(2025, 6, 29))
    assert (c.in_term, c.started, c.done) == (1, 1, 0)
    # Open on 1/7 would have been overdue; a task not done by its deadline turns overdue the next day.
    t2 = actions.create_task(world.programme, code="2", title="y", lead=world.A, due=date(2025, 6, 30))
    assert status.count(Task.objects.filter(pk=t2.pk), date(2025, 6, 30)).in_term == 1
    assert status.count(Task.objects.filter(pk=t2.pk), date(2025, 7, 1)).overdue == 1


def test_extension_is_in_force_from_the_day_it_is_granted_and_keeps_the_original(world):
    t = actions.create_task(world.programme, code="1", title="x", lead=world.A, due=date(2025, 6, 30))
    actions.extend_deadline(
        t, date(2025, 9, 30), "Chờ kinh phí", granted_on=date(2025, 7, 10), actor=world.office
    )
    qs = Task.objects.filter(pk=t.pk)
    assert status.count(qs, date(2025, 7, 5)).overdue == 1  # before the extension: overdue
    assert status.count(qs, date(2025, 7, 10)).in_term == 1  # from the grant: within the new deadline
    assert status.count(qs, date(2025, 10, 1)).overdue == 1
    t.refresh_from_db()
    assert t.due == date(2025, 6, 30)  # the original is kept
    ext = t.extensions.get()
    assert (ext.old_due, ext.new_due) == (date(2025, 6, 30), date(2025, 9, 30))
    # A task completed 15/9 counts as on time against the deadline in force then.
    actions.complete_task(t, date(2025, 9, 15), actor=world.office)
    assert status.count(qs, date(2025, 12, 31)).on_time == 1
    with pytest.raises(ValueError, match="phải sau"):
        actions.extend_deadline(t, date(2025, 8, 1), "lùi", granted_on=date(2025, 8, 1))


def test_recurring_tasks_are_never_overdue_and_never_in_a_due_by_subset(world):
    actions.create_task(
        world.programme, code="1", title="x", lead=world.A, recurring=True, started=date(2025, 1, 1)
    )
    c = status.count(Task.objects.all(), date(2030, 1, 1))
    assert (c.total, c.recurring, c.overdue, c.open) == (1, 1, 0, 0)
    assert status.count(Task.objects.all(), date(2030, 1, 1), due_by=date(2030, 1, 1)).total == 0


def test_central_committee_q3_2025_sentence(world):
    """ "Trong tổng số 1.133 nhiệm vụ, có 452 nhiệm vụ hoàn thành, 681 nhiệm vụ chưa hoàn thành
    (570 trong hạn, 111 quá hạn)." — built task by task and counted by the engine."""
    as_of = date(2025, 9, 30)
    specs = (
        [{"due": date(2025, 9, 30), "done": date(2025, 8, 1), "started": date(2025, 3, 1)}] * 400
        + [{"due": date(2025, 6, 30), "done": date(2025, 7, 20), "started": date(2025, 3, 1)}] * 52
        + [{"due": date(2025, 12, 31), "started": date(2025, 4, 1)}] * 570
        + [{"due": date(2025, 8, 31)}] * 111
    )
    bulk(world.programme, world.A, specs)
    c = selectors.summary(world.P, programme=world.programme, as_of=as_of).counts
    assert (c.total, c.done, c.open, c.in_term, c.overdue) == (1133, 452, 681, 570, 111)
    assert c.sentence == (
        "Trong tổng số 1.133 nhiệm vụ, có 452 nhiệm vụ hoàn thành (400 đúng hạn, 52 quá hạn), "
        "681 nhiệm vụ chưa hoàn thành (570 trong hạn, 111 quá hạn)."
    )


def test_central_committee_december_2025_with_recurring(world):
    """1.287 nhiệm vụ: 601 hoàn thành, 404 đang thực hiện trong hạn, 104 quá hạn, 178 thường xuyên."""
    specs = (
        [{"due": date(2025, 11, 30), "done": date(2025, 11, 1)}] * 601
        + [{"due": date(2026, 6, 30), "started": date(2025, 5, 1)}] * 404
        + [{"due": date(2025, 10, 31), "started": date(2025, 5, 1)}] * 104
        + [{"recurring": True, "started": date(2025, 5, 1)}] * 178
    )
    bulk(world.programme, world.B, specs)
    c = selectors.summary(world.P, as_of=date(2025, 12, 4)).counts
    assert (c.total, c.done, c.in_term, c.overdue, c.recurring) == (1287, 601, 404, 104, 178)
    assert c.sentence.endswith("và 178 nhiệm vụ thường xuyên.")
    assert "Trong tổng số 1.287 nhiệm vụ" in c.sentence


def test_nghe_an_june_2025_due_by_end_of_q2(world):
    """3/81 hoàn thành; 75/81 đã và đang thực hiện; 3/81 chưa thực hiện; đến hết quý II: 8, đã hoàn thành 3/8,
    5/8 đang triển khai; 6 tháng cuối năm 73 nhiệm vụ, trong đó 3 thường xuyên."""
    q2 = date(2025, 6, 30)
    specs = (
        [{"due": q2, "done": date(2025, 5, 20), "started": date(2025, 3, 1)}] * 3
        + [{"due": q2, "started": date(2025, 4, 1)}] * 5
        + [{"due": date(2025, 12, 31), "started": date(2025, 4, 1)}] * 67
        + [{"due": date(2025, 12, 31)}] * 3
        + [{"recurring": True, "started": date(2025, 2, 1)}] * 3
    )
    bulk(world.programme, world.C, specs)
    as_of = date(2025, 6, 24)
    c = selectors.summary(world.P, as_of=as_of).counts
    assert (c.total, c.done, c.on_time, c.started, c.not_started, c.recurring) == (81, 3, 3, 72, 3, 3)
    assert c.done + c.started == 75  # "đã và đang thực hiện"
    due = selectors.summary(world.P, as_of=as_of, due_by=q2).counts
    assert (due.total, due.done, due.open, due.started) == (8, 3, 5, 5)
    later = c.total - due.total
    assert later == 73 and c.recurring == 3


def test_government_october_2025(world):
    """9.831 nhiệm vụ, 7.892 hoàn thành, 1.602 đang thực hiện trong hạn, 319 quá hạn (the other 18 recurring)."""
    specs = (
        [{"due": date(2025, 10, 1), "done": date(2025, 9, 1)}] * 7892
        + [{"due": date(2025, 12, 31), "started": date(2025, 9, 1)}] * 1602
        + [{"due": date(2025, 9, 30), "started": date(2025, 9, 1)}] * 319
        + [{"recurring": True}] * 18
    )
    bulk(world.programme, world.A, specs)
    c = status.count(Task.objects.all(), date(2025, 10, 20))
    assert (c.total, c.done, c.in_term, c.overdue) == (9831, 7892, 1602, 319)
    assert "Trong tổng số 9.831 nhiệm vụ, có 7.892 nhiệm vụ hoàn thành" in c.sentence


def test_counts_roll_up_the_tree_unless_only_unit(world):
    actions.create_task(world.programme, code="P1", title="x", lead=world.P, due=date(2025, 12, 31))
    actions.create_task(world.programme, code="A1", title="x", lead=world.A, due=date(2025, 12, 31))
    actions.create_task(world.programme, code="X1", title="x", lead=world.X, due=date(2025, 12, 31))
    assert selectors.summary(world.P, as_of=date(2025, 6, 1)).counts.total == 2
    assert selectors.summary(world.P, as_of=date(2025, 6, 1), only_unit=True).counts.total == 1
    rows = dict((u.code, c.total) for u, c in selectors.child_breakdown(world.P, as_of=date(2025, 6, 1)))
    assert rows == {"P": 1, "A": 1, "B": 0, "C": 0}


def test_scope_limits_what_a_reporter_counts(world):
    actions.create_task(world.programme, code="A1", title="x", lead=world.A, due=date(2025, 12, 31))
    actions.create_task(world.programme, code="B1", title="x", lead=world.B, due=date(2025, 12, 31))
    scope = Scope.for_user(world.reporter)
    assert selectors.summary(world.P, as_of=date(2025, 6, 1), scope=scope).counts.total == 1
    assert selectors.visible_tasks(Scope.for_user(world.other)).count() == 0


def test_status_count_is_one_query_whatever_the_size(world, django_assert_num_queries):
    bulk(world.programme, world.A, [{"due": date(2025, 6, 30) + timedelta(days=i)} for i in range(300)])
    with django_assert_num_queries(1):
        status.count(Task.objects.all(), date(2025, 7, 15))
    with django_assert_num_queries(1):
        status.count_by(Task.objects.all(), "lead_id", date(2025, 7, 15))


@pytest.mark.django_db
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(task_specs(), max_size=12), dates=st.lists(day, min_size=1, max_size=6))
def test_a_series_equals_each_date_counted_alone(world, specs, dates):
    Task.objects.all().delete()
    for i, (spec, exts) in enumerate(specs):
        task = Task.objects.create(programme=world.programme, code=f"S{i}", title="x", lead=world.A, **spec)
        for granted_on, new_due in exts:
            DeadlineExtension.objects.create(
                task=task, old_due=spec["due"], new_due=new_due, reason="r", granted_on=granted_on
            )
        if exts:
            Task.objects.filter(pk=task.pk).update(extended=True)
    series = status.count_series(Task.objects.all(), dates)
    assert sorted(series) == sorted(set(dates))
    for d in dates:
        assert series[d] == status.count(Task.objects.all(), d)


@pytest.mark.django_db
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(st.tuples(task_specs(), st.sampled_from("ABC"), st.booleans()), max_size=14),
    dates=st.lists(day, min_size=1, max_size=6),
    pick=st.integers(min_value=0, max_value=5),
)
def test_a_series_and_a_two_key_breakdown_equal_each_part_counted_alone(world, specs, dates, pick):
    # given tasks of three units, some in a group, some extended several times (same-day grants included)
    Task.objects.all().delete()
    group = world.programme.groups.order_by("number").first()
    for i, ((spec, exts), lead, grouped) in enumerate(specs):
        task = Task.objects.create(
            programme=world.programme,
            code=f"G{i}",
            title="x",
            lead=getattr(world, lead),
            group=group if grouped else None,
            **spec,
        )
        for granted_on, new_due in exts:
            DeadlineExtension.objects.create(
                task=task, old_due=spec["due"], new_due=new_due, reason="r", granted_on=granted_on
            )
        if exts:
            Task.objects.filter(pk=task.pk).update(extended=True)
    at = dates[pick % len(dates)]
    # when the series and the (unit, group) breakdown are counted
    series = status.count_series(Task.objects.all(), dates)
    by = status.count_by(Task.objects.all(), ("lead_id", "group_id"), at)
    # then each date is the one-date count, and each (unit, group) pair the count of its tasks alone
    for d in dates:
        assert series[d] == status.count(Task.objects.all(), d)
    pairs = {(t.lead_id, t.group_id) for t in Task.objects.all()}
    assert set(by) == pairs
    for lead_id, group_id in pairs:
        alone = Task.objects.filter(lead_id=lead_id, group_id=group_id)
        assert by[(lead_id, group_id)] == status.count(alone, at)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(task_specs(), max_size=14),
    as_of=day,
    bucket=st.sampled_from([status.OVERDUE, status.IN_TERM]),
    limit=st.integers(min_value=1, max_value=5),
    horizon=st.none() | st.integers(min_value=0, max_value=90),
)
def test_first_by_deadline_is_the_head_of_the_whole_ordered_list(world, specs, as_of, bucket, limit, horizon):
    # given tasks, some extended (their deadline in force moves with the date)
    Task.objects.all().delete()
    for i, (spec, exts) in enumerate(specs):
        task = Task.objects.create(
            programme=world.programme, code=f"F{i:02d}", title="x", lead=world.A, **spec
        )
        for granted_on, new_due in exts:
            DeadlineExtension.objects.create(
                task=task,
                old_due=spec["due"],
                new_due=max(new_due, spec["due"]),
                reason="r",
                granted_on=granted_on,
            )
        if exts:
            Task.objects.filter(pk=task.pk).update(extended=True)
    until = None if horizon is None else as_of + timedelta(days=horizon)
    # when the first tasks of a bucket are read in two short reads
    got = status.first_by_deadline(Task.objects.all(), bucket, as_of, limit, until)
    # then they are the head of the whole bucket ordered by deadline in force, then code
    whole = status.filter_status(status.with_status(Task.objects.all(), as_of), bucket, as_of)
    if until is not None:
        whole = whole.filter(due_now__lte=until)
    expected = list(whole.order_by("due_now", "code")[:limit])
    assert [(t.code, t.due_now, t.status) for t in got] == [(t.code, t.due_now, t.status) for t in expected]


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(st.tuples(task_specs(), st.sampled_from(["P", "A", "A1", "B", "C", "X"])), max_size=14),
    as_of=day,
)
def test_count_by_child_equals_each_subtree_counted_alone(world, specs, as_of):
    # given tasks led at every level: the province, its departments, a unit below one of them, another province
    from conftest import make_unit
    from dondoc.units.models import Unit

    Task.objects.all().delete()
    a1 = Unit.objects.filter(code="A1").first() or make_unit(
        "A1", "Phòng Công nghệ", Unit.Kind.OTHER, world.A
    )
    leads = {"P": world.P, "A": world.A, "A1": a1, "B": world.B, "C": world.C, "X": world.X}
    for i, ((spec, exts), lead) in enumerate(specs):
        task = Task.objects.create(
            programme=world.programme, code=f"C{i}", title="x", lead=leads[lead], **spec
        )
        for granted_on, new_due in exts:
            DeadlineExtension.objects.create(
                task=task, old_due=spec["due"], new_due=new_due, reason="r", granted_on=granted_on
            )
        if exts:
            Task.objects.filter(pk=task.pk).update(extended=True)
    # when the province's tasks are counted by direct sub-unit, the province's own under 0
    by = status.count_by_child(Task.objects.all(), world.P, as_of)
    # then each is its subtree counted alone; the other province's tasks are nowhere
    expected = {0: Task.objects.filter(lead=world.P)}
    for child in (world.A, world.B, world.C):
        expected[child.pk] = Task.objects.filter(lead__path__startswith=child.path)
    expected = {k: status.count(qs, as_of) for k, qs in expected.items() if qs.exists()}
    assert by == expected
    # and the unit page's one count gives the same summary and rows as the two separate ones
    both, rows = selectors.summary_and_children(world.P, programme=world.programme, as_of=as_of)
    assert both.counts == selectors.summary(world.P, programme=world.programme, as_of=as_of).counts
    assert rows == selectors.child_breakdown(world.P, programme=world.programme, as_of=as_of)
