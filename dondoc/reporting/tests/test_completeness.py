"""Completeness and timeliness: one definition on the page, in the API and in the command."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from dondoc.reporting import actions, selectors
from dondoc.reporting.models import Period, ProgressReport
from dondoc.tasks.actions import create_task

from .conftest import item


def send(c, unit, task, on: date, period=None):
    c.clock(on)
    report = actions.save_draft(
        actions.report_for(period or c.period, unit), [item(task, state="in_progress")], actor=None, version=0
    )
    return actions.submit_report(report, actor=None)


@pytest.fixture
def reported(cycle):
    """T06 (deadline 18/06/2025): A on time, B late, C missing."""
    w = cycle.world
    tc = create_task(w.programme, code="3.01", title="Xã số", lead=w.C, due=date(2025, 12, 31))
    send(cycle, w.A, cycle.t2, date(2025, 6, 17))
    send(cycle, w.B, cycle.t3, date(2025, 6, 20))
    cycle.tc = tc
    return cycle


def test_counts_per_period(reported):
    w = reported.world
    rows = selectors.completeness(w.P, w.programme, date(2025, 6, 30))
    assert [r.period for r in rows] == ["2025-T06", "2025-T05"]  # newest first, ended by as_of
    t06 = rows[0]
    assert (t06.expected, t06.on_time, t06.late, t06.missing) == (3, 1, 1, 1)
    assert t06.deadline == date(2025, 6, 18)
    assert t06.completeness == pytest.approx(2 / 3) and t06.timeliness == pytest.approx(1 / 3)
    assert rows[1].missing == 3
    # as of 19/06 the late report had not arrived yet
    early = selectors.completeness(w.P, w.programme, date(2025, 6, 19))[0]
    assert (early.on_time, early.late, early.missing) == (1, 0, 2)
    # one unit alone
    only_a = selectors.completeness(w.A, w.programme, date(2025, 6, 30))[0]
    assert (only_a.expected, only_a.on_time) == (1, 1)


def test_returned_counts_as_missing(reported):
    w = reported.world
    rep = ProgressReport.objects.get(unit=w.B)
    actions.return_report(rep, actor=w.office, comment="Thiếu số liệu")
    t06 = selectors.completeness(w.P, w.programme, date(2025, 6, 30))[0]
    assert (t06.on_time, t06.late, t06.missing) == (1, 0, 2)


def test_same_numbers_in_command_api_and_page(reported):
    w = reported.world
    out = io.StringIO()
    call_command(
        "completeness", "--unit", "P", "--programme", "NQ57", "--as-of", "30/06/2025", "--json", stdout=out
    )
    from_command = json.loads(out.getvalue())
    assert set(from_command[0]) == {
        "period",
        "start",
        "end",
        "deadline",
        "expected",
        "on_time",
        "late",
        "missing",
        "completeness",
        "timeliness",
    }
    api = (
        w.client(w.office).get("/api/v1/reporting/completeness?unit=P&programme=NQ57&as_of=2025-06-30").json()
    )
    assert api == from_command
    assert from_command[0]["period"] == "2025-T06" and from_command[0]["end"] == "2025-06-14"
    assert w.client(w.other).get("/api/v1/reporting/completeness?unit=P&programme=NQ57").status_code == 404
    text = io.StringIO()
    call_command("completeness", "--unit", "P", "--programme", "NQ57", "--as-of", "30/06/2025", stdout=text)
    assert "2025-T06" in text.getvalue() and "66,7%" in text.getvalue() and "33,3%" in text.getvalue()
    page = w.client(w.office).get("/bao-cao/day-du/?unit=P&as_of=30/06/2025").content.decode()
    assert "66,7%" in page and "33,3%" in page


def test_command_bad_input(db):
    with pytest.raises(SystemExit) as exc:
        call_command("completeness", "--unit", "KHONGCO", "--programme", "NQ57", stderr=io.StringIO())
    assert exc.value.code == 1


def test_grid_and_missing_units(reported, django_assert_max_num_queries):
    w = reported.world
    periods = list(
        Period.objects.filter(schedule=reported.schedule, code__in=["2025-T05", "2025-T06"]).order_by("end")
    )
    g = selectors.completeness_grid(w.P, w.programme, periods, date(2025, 6, 30))
    cells = {u.code: [c.status for c in cs] for u, cs in g.rows}
    assert cells == {"A": ["missing", "on_time"], "B": ["missing", "late"], "C": ["missing", "missing"]}
    missing = selectors.missing_units(w.P, w.programme, date(2025, 6, 30))
    assert [(p.code, [u.code for u in us]) for p, us in missing] == [("2025-T06", ["C"])]
    office = w.client(w.office)
    with django_assert_max_num_queries(25):
        page = office.get("/bao-cao/day-du/?unit=P&as_of=30/06/2025")
    html = page.content.decode()
    assert page.status_code == 200 and "Xã Đông Sơn" in html and "Đúng hạn" in html and "Muộn" in html
    assert w.client(w.other).get("/bao-cao/day-du/?unit=P").status_code == 404


def test_timeliness_by_unit(reported):
    w = reported.world
    ranking = selectors.timeliness_by_unit(w.P, w.programme, date(2025, 5, 1), date(2025, 6, 30))
    assert ranking == {w.A.pk: (2, 1), w.B.pk: (2, 0), w.C.pk: (2, 0)}
    current = selectors.current_completeness(w.P, w.programme, date(2025, 6, 30))
    assert [(r.period, r.on_time, r.late) for r in current] == [("2025-T06", 1, 1)]


@hsettings(max_examples=15, deadline=None)
@given(
    outcomes=st.lists(st.sampled_from(["on_time", "late", "none"]), min_size=3, max_size=3),
    as_of_day=st.integers(min_value=14, max_value=30),
)
@pytest.mark.django_db
def test_invariants(outcomes, as_of_day):
    """expected = on_time + late + missing, whatever happened; rates stay within 0..1."""
    from conftest import make_unit
    from dondoc.reporting.models import Schedule
    from dondoc.tasks.actions import ensure_programme
    from dondoc.units.models import Unit

    ProgressReport.objects.all().delete()
    Period.objects.all().delete()
    Schedule.objects.all().delete()
    prog = ensure_programme("NQ57")
    root = Unit.objects.filter(code="R").first() or make_unit("R", "Tỉnh R", Unit.Kind.PROVINCE)
    units = [
        Unit.objects.filter(code=f"R{i}").first() or make_unit(f"R{i}", f"Sở {i}", Unit.Kind.DEPARTMENT, root)
        for i in range(3)
    ]
    s = Schedule.objects.create(
        programme=prog,
        name="Tháng",
        period_type="monthly",
        owner=root,
        unit_kinds="department",
        deadline_offset=1,
        starts_on=date(2025, 5, 20),
    )
    actions.ensure_periods(s, date(2025, 6, 30))
    p = Period.objects.get(schedule=s, code="2025-T06")
    for u, outcome in zip(units, outcomes, strict=False):
        if outcome == "none":
            continue
        on = p.deadline if outcome == "on_time" else date(2025, 6, 25)
        ProgressReport.objects.create(period=p, unit=u, status="submitted", submitted_on=on)
    as_of = date(2025, 6, as_of_day)
    for r in selectors.completeness(root, prog, as_of):
        assert r.expected == r.on_time + r.late + r.missing == 3
        assert 0 <= r.timeliness <= r.completeness <= 1
        assert r.end <= as_of


def test_grid_defaults_as_the_documents_call_it(reported):
    from dondoc.units.scope import Scope

    w = reported.world
    g = selectors.completeness_grid(
        w.P, programme=w.programme, as_of=date(2025, 6, 30), scope=Scope.for_user(w.office)
    )
    assert [p.code for p in g.periods] == ["2025-T05", "2025-T06", "2025-T07"]
    row = next(r for r in g.rows if r.unit == w.A)
    assert [(c.status, c.label) for c in row.cells] == [
        ("missing", "Chưa gửi"),
        ("on_time", "Đúng hạn"),
        ("open", "Chưa đến hạn"),
    ]
    assert (
        selectors.completeness_grid(
            w.P, w.programme, as_of=date(2025, 6, 30), scope=Scope.for_user(w.other)
        ).rows
        == []
    )


def test_open_obstacles(cycle):
    w = cycle.world
    ob = actions.raise_obstacle(
        programme=w.programme,
        kind="obstacle",
        text="Thiếu kinh phí",
        raised_by=w.A,
        actor=w.office,
        on=date(2025, 6, 1),
    )
    actions.raise_obstacle(
        programme=w.programme,
        kind="obstacle",
        text="Ở tỉnh khác",
        raised_by=w.X,
        actor=None,
        on=date(2025, 6, 1),
    )
    assert [
        o.text for o in selectors.open_obstacles(w.P, programme=w.programme, as_of=date(2025, 6, 30))
    ] == ["Thiếu kinh phí"]
    actions.respond_obstacle(ob, status="resolved", response="Đã bố trí", actor=w.office, on=date(2025, 7, 1))
    assert selectors.open_obstacles(w.P, as_of=date(2025, 6, 30)).count() == 1  # still open then
    assert selectors.open_obstacles(w.P, as_of=date(2025, 7, 2)).count() == 0
    assert selectors.open_obstacles(w.P).count() == 0
