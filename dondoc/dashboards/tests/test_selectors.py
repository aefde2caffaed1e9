from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.dashboards import charts, selectors
from dondoc.tasks import selectors as task_selectors
from dondoc.tasks import status
from dondoc.units.scope import Scope
from dondoc.vn import sort_key

from .catalogue import AS_OF, make_tasks


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (date(2025, 7, 15), date(2025, 6, 30)),
        (date(2025, 6, 30), date(2025, 3, 31)),
        (date(2025, 1, 1), date(2024, 12, 31)),
        (date(2025, 12, 31), date(2025, 9, 30)),
    ],
)
def test_compare_defaults_to_previous_quarter_end(as_of, expected):
    assert selectors.previous_quarter_end(as_of) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_previous_quarter_end_is_a_quarter_end_before(as_of):
    d = selectors.previous_quarter_end(as_of)
    assert d < as_of <= d + timedelta(days=92)
    assert (d + timedelta(days=1)).day == 1 and (d + timedelta(days=1)).month in (1, 4, 7, 10)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(["month", "quarter"])
)
def test_trend_points_are_bounded_and_end_on_as_of(as_of, by):
    points = selectors.trend_dates(as_of, by)
    assert len(points) == selectors.TREND_POINTS[by]
    assert points == sorted(set(points)) and points[-1] == as_of
    for d in points[:-1]:
        nxt = d + timedelta(days=1)
        assert nxt.day == 1 and (by == "month" or nxt.month in (1, 4, 7, 10))


def test_dashboard_figures_are_those_of_the_status_engine(world):
    make_tasks(world, 30)
    scope = Scope.for_user(world.leader)
    params = selectors.Params(unit=world.P, programme=world.programme, as_of=AS_OF)
    dash = selectors.dashboard(params, scope)
    expected = task_selectors.summary(world.P, programme=world.programme, as_of=AS_OF, scope=scope).counts
    assert dash.counts == expected
    then = task_selectors.summary(
        world.P, programme=world.programme, as_of=date(2025, 6, 30), scope=scope
    ).counts
    assert dash.compare_counts == then
    assert dash.deltas["overdue"].change == expected.overdue - then.overdue
    assert dash.as_json()["changes"]["done"] == expected.done - then.done
    # The sub-unit rows add up to the whole; each drills to a unit's own dashboard with the same figures.
    assert sum((r.counts for r in dash.units), status.Counts()) == expected
    row_a = next(r for r in dash.units if r.key == "A")
    assert row_a.counts == task_selectors.summary(world.A, programme=world.programme, as_of=AS_OF).counts
    assert sum((r.counts for r in dash.groups), status.Counts()) == expected
    # Overdue tasks: longest first, with days overdue counted from the deadline in force.
    assert dash.overdue and all(t.status == status.OVERDUE for t in dash.overdue)
    assert [t.days_overdue for t in dash.overdue] == sorted(
        (t.days_overdue for t in dash.overdue), reverse=True
    )
    assert all(t.days_overdue == (AS_OF - t.due_now).days > 0 for t in dash.overdue)
    assert all(0 <= t.days_left <= 30 for t in dash.upcoming)
    assert len(dash.trend) == 12 and dash.trend[-1] == (AS_OF, expected)


def test_unit_rows_sort_in_vietnamese_order_and_by_figures(world):
    make_tasks(world, 24)
    scope = Scope.for_user(world.leader)
    by_name = selectors.unit_rows(selectors.Params(unit=world.P, as_of=AS_OF), scope)
    names = [r.name for r in by_name if not r.own]
    assert names == sorted(names, key=sort_key) == ["Sở Khoa học và Công nghệ", "Sở Y tế", "Xã Đông Sơn"]
    assert by_name[0].own  # the unit's own tasks come first
    by_overdue = selectors.unit_rows(selectors.Params(unit=world.P, as_of=AS_OF, sort="overdue"), scope)
    overdue = [r.counts.overdue for r in by_overdue if not r.own]
    assert overdue == sorted(overdue, reverse=True)


def test_groups_and_key_project_narrow_every_figure(world):
    tasks = make_tasks(world, 28)
    scope = Scope.for_user(world.leader)
    group = world.programme.groups.get(number=2)
    params = selectors.Params(unit=world.P, programme=world.programme, groups=[group], as_of=AS_OF)
    dash = selectors.dashboard(params, scope)
    only = status.count(task_selectors.tasks_for_unit(world.P).filter(group=group), AS_OF)
    assert dash.counts == only and only.total == 4
    assert sum((r.counts for r in dash.units), status.Counts()) == only
    # A key project: the parent task and its sub-tasks.
    parent = tasks[0]
    for t in tasks[1:4]:
        t.parent = parent
        t.save()
    params = selectors.Params(unit=world.P, programme=world.programme, parent_task=parent, as_of=AS_OF)
    assert selectors.dashboard(params, scope).counts.total == 4


def test_ranking_uses_weights_and_shows_the_figures(world):
    make_tasks(world, 36)
    scope = Scope.for_user(world.leader)
    rows, weights, has_timeliness = selectors.ranking(world.P, world.programme, AS_OF, scope)
    assert weights == selectors.DEFAULT_WEIGHTS
    assert [r.unit.code for r in rows] and {r.unit.code for r in rows} == {"A", "B", "C"}
    for r in rows:
        assert r.on_time_rate == r.counts.on_time_rate
        assert r.score == selectors.score(r.on_time_rate, r.overdue_share, r.timeliness, weights)
    scored = [r for r in rows if r.score is not None]
    assert [r.score for r in scored] == sorted((r.score for r in scored), reverse=True)
    assert scored[0].rank == 1
    # Only the on-time criterion: the order follows the on-time rate.
    rows2, _, _ = selectors.ranking(world.P, world.programme, AS_OF, scope, weights=(100, 0, 0))
    rates = [r.on_time_rate for r in rows2 if r.score is not None]
    assert rates == sorted(rates, reverse=True)


def test_score_leaves_out_missing_criteria():
    assert selectors.score(0.5, 0.0, None, (50, 30, 20)) == pytest.approx((50 * 0.5 + 30 * 1.0) / 80)
    assert selectors.score(None, None, None, (50, 30, 20)) is None
    assert selectors.score(1.0, 1.0, 0.0, (0, 0, 100)) == 0.0


def test_charts_are_accessible_svg_without_script():
    c = status.Counts(total=10, done=4, on_time=3, late=1, open=5, in_term=3, overdue=2, recurring=1)
    bar = str(charts.stacked_bar(c, "Sở Y tế"))
    assert bar.startswith("<svg") and 'role="img"' in bar and "<title>" in bar
    assert (
        'aria-label="Sở Y tế: tổng 10 nhiệm vụ — Hoàn thành 4, Trong hạn 3, Quá hạn 2, Thường xuyên 1"' in bar
    )
    assert "<script" not in bar and "on" + "load" not in bar
    trend = str(charts.trend_chart([(date(2025, m, 28), c) for m in range(1, 13)]))
    # one mark a month for each line, each line its own marker and dash (colour is not the only sign)
    assert trend.count("<circle") == trend.count("<rect") == trend.count("<path") == 12
    assert trend.count('stroke-dasharray="8 4"') == trend.count('stroke-dasharray="2 4"') == 1
    assert "T12/25" in trend and "<script" not in trend
    legend = str(charts.trend_legend())
    assert [w in legend for w in ("Hoàn thành", "Trong hạn", "Quá hạn")] == [True] * 3
    assert legend.count("stroke-dasharray") == 2 and legend.count("<circle") == 1
    assert "Quá hạn tính đến 28/06/2025: 2" in trend
    assert str(charts.stacked_bar(status.Counts(), "<b>")).count("<b>") == 0  # names are escaped


def test_dashboard_trend_follows_a_backdated_completion_through_the_kept_counts(world, monkeypatch):
    # given a province dashboard whose trend points are kept days (made by the nightly refresh)
    from dondoc.tasks import actions, snapshots
    from dondoc.tasks.models import StatusSnapshot

    monkeypatch.setattr(status, "today", lambda: date(2025, 12, 1))
    task = actions.create_task(world.programme, code="S1", title="x", lead=world.A, due=date(2025, 6, 30))
    snapshots.refresh(world.programme, snapshots.days_to_keep(snapshots.latest_day(), 12))
    scope = Scope.for_user(world.leader)
    params = selectors.Params(unit=world.P, programme=world.programme, as_of=date(2025, 11, 20))
    before = dict(selectors.dashboard(params, scope).trend)
    assert before[date(2025, 7, 31)].overdue == 1
    assert StatusSnapshot.objects.filter(unit=world.P, day=date(2025, 7, 31)).exists()
    # the date itself is not a kept day: kept day (15/11) + correction, never stored
    assert not StatusSnapshot.objects.filter(day=params.as_of).exists()
    # when the office records that it was in fact completed in June
    actions.complete_task(task, date(2025, 6, 20))
    # then the kept days are kept exact (not dropped), and the trend reads it at every point from June on
    assert StatusSnapshot.objects.get(unit=world.P, day=date(2025, 7, 31)).on_time == 1
    dash = selectors.dashboard(params, scope)
    after = dict(dash.trend)
    assert after[date(2025, 7, 31)].on_time == 1 and after[date(2025, 7, 31)].overdue == 0
    assert after[date(2025, 5, 31)].open == 1
    assert dash.counts == status.count(task_selectors.tasks_for_unit(world.P), params.as_of)
    assert sum((r.counts for r in dash.units), status.Counts()) == dash.counts
