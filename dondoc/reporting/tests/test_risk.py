"""The early-warning rule (reporting/risk.py): its invariants under hypothesis, and its inputs gathered from the
real actions (reports, returns, extensions, obstacles, the lead's record) in a fixed number of queries."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.documents.models import Document
from dondoc.reporting import actions, risk
from dondoc.reporting.models import Obstacle, Period, ProgressReport, Reminder
from dondoc.tasks.actions import complete_task, create_task, extend_deadline, mark_started
from dondoc.tasks.models import Task

from .conftest import item

inputs = st.builds(
    risk.RiskInputs,
    time_used=st.floats(0, 1),
    progress=st.one_of(st.none(), st.integers(0, 100)),
    previous=st.one_of(st.none(), st.integers(0, 100)),
    started=st.booleans(),
    missed=st.integers(0, 8),
    returned=st.integers(0, 2),
    extensions=st.integers(0, 4),
    obstacles=st.integers(0, 5),
    lead_missed=st.integers(0, 20),
    lead_due=st.integers(0, 30),
).filter(lambda i: i.lead_missed <= i.lead_due and i.returned <= i.missed)


def points(i: risk.RiskInputs) -> int:
    return risk.score(i)[0]


@given(inputs)
def test_score_is_bounded_and_explained(i):
    s, reasons = risk.score(i)
    assert 0 <= s <= 100
    assert (s > 0) == bool(reasons)  # every point has its reason, and no reason comes without points


@given(inputs, st.integers(0, 100))
def test_more_progress_never_raises_the_risk(i, more):
    better = dataclasses.replace(i, progress=max(i.progress or 0, more))
    assert points(better) <= points(i)


@given(inputs, st.floats(0, 1))
def test_more_time_used_never_lowers_the_risk(i, t):
    assert points(dataclasses.replace(i, time_used=max(i.time_used, t))) >= points(i)


@given(inputs, st.integers(0, 5))
def test_more_open_obstacles_never_lower_the_risk(i, n):
    assert points(dataclasses.replace(i, obstacles=i.obstacles + n)) >= points(i)


@given(inputs, st.integers(0, 5))
def test_more_missing_reports_or_extensions_never_lower_the_risk(i, n):
    assert points(dataclasses.replace(i, missed=i.missed + n)) >= points(i)
    assert points(dataclasses.replace(i, extensions=i.extensions + n)) >= points(i)


@given(inputs, st.integers(0, 10))
def test_a_worse_record_of_the_lead_never_lowers_the_risk(i, n):
    worse = dataclasses.replace(i, lead_missed=i.lead_missed + n, lead_due=i.lead_due + n)
    assert points(worse) >= points(i)


@given(inputs)
def test_starting_never_raises_the_risk(i):
    assert points(dataclasses.replace(i, started=True)) <= points(dataclasses.replace(i, started=False))


def test_the_reasons_read_as_the_office_writes_them():
    s, reasons = risk.score(risk.RiskInputs(time_used=0.8, progress=30, previous=20, missed=2))
    assert reasons == ["đã dùng 80% thời gian, mới đạt 30% khối lượng", "2 kỳ chưa báo cáo"]
    assert s == 35 + 14 and risk.level_of(s) == "medium"
    assert risk.score(risk.RiskInputs(time_used=0.1, progress=10)) == (0, [])


@pytest.fixture
def kh(world):
    return Document.objects.create(
        symbol="366-KH/TU", number="366", kind="KH", style="party", issued_on=date(2025, 1, 1), unit=world.P
    )


def test_assess_gathers_what_is_known_as_of_the_date(cycle, kh, django_assert_num_queries):
    w, p = cycle.world, cycle.world.programme
    # A's past record: two tasks due in May, one missed, one on time.
    past = [
        create_task(p, code=f"0.0{n}", title="Việc cũ", lead=w.A, due=date(2025, 5, 31), source=kh)
        for n in (1, 2, 3)
    ]
    complete_task(past[0], date(2025, 5, 20))
    complete_task(past[1], date(2025, 5, 25))
    # the May report of A: t2 at 20%; the June one at 20% again, and returned
    cycle.clock(date(2025, 5, 16))
    may = Period.objects.get(schedule=cycle.schedule, code="2025-T05")
    actions.save_and_submit(
        actions.report_for(may, w.A),
        [item(cycle.t1, state="in_progress", percent=50), item(cycle.t2, state="in_progress", percent=20)],
        actor=w.reporter,
        version=0,
    )
    mark_started(cycle.t2, date(2025, 5, 1))
    cycle.clock(date(2025, 6, 16))
    june = actions.save_and_submit(
        actions.report_for(cycle.period, w.A),
        [item(cycle.t1, state="in_progress", percent=90), item(cycle.t2, state="in_progress", percent=20)],
        actor=w.reporter,
        version=0,
    )
    actions.return_report(june, actor=w.office, comment="Bổ sung số liệu")
    extend_deadline(cycle.t2, date(2025, 10, 31), "Chờ kinh phí", granted_on=date(2025, 6, 10))
    actions.raise_obstacle(
        programme=p, kind=Obstacle.Kind.OBSTACLE, text="Thiếu kinh phí", raised_by=w.A, actor=w.reporter,
        task=cycle.t2, on=date(2025, 6, 12),
    )  # fmt: skip
    Task.objects.filter(code__in=["1.01", "1.02", "2.01"]).update(source=kh)  # assigned by the plan of 1/1
    as_of = date(2025, 6, 20)
    with django_assert_num_queries(9):
        found = risk.assess(Task.objects.filter(programme=p), as_of)
    by_code = {r.task.code: r for r in found}
    assert set(by_code) == {"1.01", "1.02", "2.01"}  # open within deadline; the past tasks are not
    t2 = by_code["1.02"]
    assert t2.inputs == risk.RiskInputs(
        time_used=(as_of - date(2025, 1, 1)).days / (date(2025, 10, 31) - date(2025, 1, 1)).days,
        progress=20,  # the returned June report stood returned at D: the May figure is the latest sent
        previous=None,
        started=True,
        missed=1,
        returned=1,
        extensions=1,
        obstacles=1,
        lead_missed=1,
        lead_due=3,
    )
    assert t2.reasons[0].startswith("đã dùng 56% thời gian, mới đạt 20% khối lượng")
    assert "1 kỳ chưa báo cáo (1 kỳ bị trả lại)" in t2.reasons
    assert "đã gia hạn 1 lần" in t2.reasons
    assert "1 khó khăn, kiến nghị chưa được giải quyết" in t2.reasons
    assert "đơn vị chủ trì đã trễ 1/3 nhiệm vụ đến hạn" in t2.reasons
    assert found[0].score >= found[-1].score
    # B never reported: its task has both periods since it started missing, and no report figure
    t3 = by_code["2.01"]
    assert t3.inputs.progress is None and t3.inputs.missed == 2 and not t3.inputs.started
    assert "chưa có báo cáo tiến độ" in t3.reasons[0]
    # as of an earlier day, nothing of June is known
    before = {r.task.code: r for r in risk.assess(Task.objects.filter(programme=p), date(2025, 6, 1))}
    assert before["1.02"].inputs.extensions == 0 and before["1.02"].inputs.obstacles == 0
    assert before["1.02"].inputs.missed == 0


def test_queries_do_not_grow_with_the_tasks(cycle, kh, django_assert_num_queries):
    w, p = cycle.world, cycle.world.programme
    for n in range(30):
        create_task(p, code=f"9.{n:02d}", title="Việc", lead=[w.A, w.B, w.C][n % 3], due=date(2025, 12, 31))
    with django_assert_num_queries(9):
        assert len(risk.assess(Task.objects.filter(programme=p), date(2025, 6, 20))) == 33
    with django_assert_num_queries(9):
        assert risk.assess(Task.objects.filter(code="khong-co"), date(2025, 6, 20)) == []


def test_schedule_expects_the_units_it_lists_and_kinds(cycle):
    s = cycle.schedule
    listed = set(s.units.values_list("pk", flat=True))
    units = [cycle.world.P, cycle.world.A, cycle.world.B, cycle.world.C, cycle.world.O, cycle.world.X]
    assert {u.pk for u in units if s.expects(u, listed)} == set(
        s.reporting_units().filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True)
    )


def test_no_report_unit_is_not_counted_missing(cycle, kh):
    # the province itself is not expected under the department/commune schedule
    w = cycle.world
    create_task(w.programme, code="P.1", title="Việc tỉnh", lead=w.P, due=date(2025, 12, 31), source=kh)
    r = {x.task.code: x for x in risk.assess(Task.objects.filter(programme=w.programme), date(2025, 6, 20))}
    assert r["P.1"].inputs.missed == 0
    assert ProgressReport.objects.count() == 0


def test_reminders_carry_the_tasks_at_risk_on_mondays(cycle, kh, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    w = cycle.world
    create_task(
        w.programme, code="R.1", title="Số hóa hồ sơ đất đai", lead=w.A, due=date(2025, 7, 31), source=kh
    )
    # Tuesday 17/6: not the day of the weekly warning
    assert actions.send_reminders(date(2025, 6, 17), dry_run=True)["task_at_risk"] == 0
    # Monday 23/6: A's reporter is told why, and the office's digest counts it
    counts = actions.send_reminders(date(2025, 6, 23))
    assert counts["task_at_risk"] == 1
    r = Reminder.objects.get(kind="task_at_risk")
    assert (
        r.recipient == w.reporter
        and r.subject == "[dondoc] 1 nhiệm vụ có nguy cơ chậm — Sở Khoa học và Công nghệ"
    )
    assert "R.1: Số hóa hồ sơ đất đai (hạn 31/07/2025;" in r.body and "chưa bắt đầu thực hiện" in r.body
    assert r.url == "/don-vi/A/#nguy-co"
    digest = Reminder.objects.get(kind="digest")
    assert "- Sở Khoa học và Công nghệ: 1 nhiệm vụ có nguy cơ chậm" in digest.body
    # sent once: the same Monday again sends nothing new
    assert actions.send_reminders(date(2025, 6, 23))["task_at_risk"] == 0
