"""Achievement and roll-up: one definition, checked against hand-computed figures."""

from decimal import Decimal

from conftest import make_unit
from dondoc.indicators import selectors
from dondoc.indicators.actions import record_value, set_target
from dondoc.units.models import Unit
from dondoc.units.scope import Scope


def test_ratio_rolls_up_as_sum_of_numerators_over_sum_of_denominators(world, cat):
    # A: 99/100 = 99%, B: 500/1000 = 50%. Mean of percentages would be 74,5%; the true share is 599/1100.
    record_value(cat.edoc, world.A, "2025-Q2", "99/100", actor=world.office)
    record_value(cat.edoc, world.B, "2025-Q2", numerator="500", denominator="1.000", actor=world.office)
    row = selectors.achievement(cat.edoc, world.P, period="2025-Q2")
    assert row.numerator == 599 and row.denominator == 1100
    assert row.value == (Decimal(599) / Decimal(1100) * 100).quantize(Decimal("0.0001"))
    assert row.value != Decimal("74.5")
    assert (row.units, row.own, row.approximate) == (2, False, False)


def test_ratio_without_denominators_is_marked_approximate(world, cat):
    record_value(cat.edoc, world.A, "2025-Q2", "90", actor=world.office)
    record_value(cat.edoc, world.B, "2025-Q2", "80", actor=world.office)
    row = selectors.achievement(cat.edoc, world.P, period="2025-Q2")
    assert row.value == 85 and row.approximate


def test_sum_rollup_and_own_value_wins(world, cat):
    record_value(cat.bts, world.A, "2025-Q1", "40", actor=world.office)
    record_value(cat.bts, world.B, "2025-Q1", "70", actor=world.office)
    row = selectors.achievement(cat.bts, world.P, period="2025-Q1")
    assert (row.value, row.own, row.status, row.gap) == (110, False, "vuot", 10)
    record_value(cat.bts, world.P, "2025-Q1", "100", actor=world.office)
    row = selectors.achievement(cat.bts, world.P, period="2025-Q1")
    assert (row.value, row.own, row.status, row.gap) == (100, True, "dat", 0)


def test_rollup_reaches_grandchildren(world, cat):
    sub = make_unit("A1", "Trung tâm thuộc Sở", Unit.Kind.DEPARTMENT, world.A)
    record_value(cat.edoc, sub, "2025-Q2", "3/4", actor=world.office)
    record_value(cat.edoc, world.B, "2025-Q2", "1/4", actor=world.office)
    assert selectors.achievement(cat.edoc, world.P, period="2025-Q2").value == 50
    children = dict(selectors.child_figures(cat.edoc, world.P, "2025-Q2"))
    assert children[world.A].value == 75 and not children[world.A].own
    assert children[world.B].value == 25 and children[world.B].own
    assert children[world.C].value is None


def test_target_in_force_override_horizon_and_status(world, cat):
    record_value(cat.edoc, world.A, "2025-Q4", "92", actor=world.office)
    record_value(cat.edoc, world.B, "2025-Q4", "92", actor=world.office)
    a = selectors.achievement(cat.edoc, world.A, period="2025-Q4")
    b = selectors.achievement(cat.edoc, world.B, period="2025-Q4")
    # A has its own 2025 target (95), B follows the programme-wide one (90)
    assert (a.target, a.target_is_unit, a.status, a.gap) == (95, True, "chua_dat", -3)
    assert (b.target, b.target_is_unit, b.status, b.gap) == (90, False, "vuot", 2)
    # 2026 has no target: the next horizon (2030) is in force
    record_value(cat.edoc, world.B, "2026-Q1", "90", actor=world.office)
    b = selectors.achievement(cat.edoc, world.B, period="2026-Q1")
    assert (b.target, b.target_year, b.status) == (100, 2030, "chua_dat")
    set_target(cat.edoc, 2026, "90")
    assert selectors.achievement(cat.edoc, world.B, period="2026-Q1").status == "dat"


def test_lower_is_better(world, cat):
    record_value(cat.lower, world.A, "2025-Q1", "8", actor=world.office)
    assert selectors.achievement(cat.lower, world.A).status == "vuot"
    record_value(cat.lower, world.A, "2025-Q2", "12", actor=world.office)
    row = selectors.achievement(cat.lower, world.A)
    assert (row.period, row.status, row.gap, row.trend, row.previous) == ("2025-Q2", "chua_dat", 2, "up", 8)


def test_trend_baseline_and_no_data(world, cat):
    row = selectors.achievement(cat.edoc, world.P)
    assert (row.value, row.status, row.status_label) == (None, "", "Chưa có số liệu")
    for period, raw in [("2025-Q1", "20/100"), ("2025-Q2", "30/100"), ("2025-Q3", "25/100")]:
        record_value(cat.edoc, world.A, period, raw, actor=world.office)
    row = selectors.achievement(cat.edoc, world.P)
    assert [p.key for p, _ in row.history] == ["2025-Q1", "2025-Q2", "2025-Q3"]
    assert (row.period, row.trend, row.previous) == ("2025-Q3", "down", 30)
    assert row.baseline.label == "Trung bình cả nước"
    assert row.baseline_gap == Decimal("25") - Decimal("23.98")


def test_achievement_table_is_set_based(world, cat, django_assert_max_num_queries):
    for u in (world.A, world.B):
        for q in ("2025-Q1", "2025-Q2"):
            record_value(cat.edoc, u, q, "9/10", actor=world.office)
            record_value(cat.bts, u, q, "10", actor=world.office)
    with django_assert_max_num_queries(7):
        rows = selectors.achievement_table(world.P, world.programme, scope=Scope.for_user(world.office))
    by_code = {r.indicator.code: r for r in rows}
    assert set(by_code) == {"VBDT-SO", "VBDT-XA", "BTS", "NGAN-SACH", "HS-TRE", "IOC"}
    assert by_code["VBDT-SO"].value == 90 and by_code["BTS"].value == 20
    assert by_code["VBDT-SO"].as_json()["status"] == "dat"


def test_scope_limits_rollup_and_visibility(world, cat):
    record_value(cat.edoc, world.A, "2025-Q2", "1/2", actor=world.office)
    record_value(cat.edoc, world.B, "2025-Q2", "1/1", actor=world.office)
    # the reporter of A sees P's indicators, and only its own unit's figures
    reporter = Scope.for_user(world.reporter)
    assert cat.edoc in selectors.visible_indicators(reporter)
    assert selectors.achievement(cat.edoc, world.A, scope=reporter).value == 50
    # the other province's reporter sees none of P's indicators
    assert not selectors.visible_indicators(Scope.for_user(world.other)).filter(owner=world.P).exists()


def test_table_lists_indicators_that_apply_to_the_unit_or_below(world, cat):
    codes = {r.indicator.code for r in selectors.achievement_table(world.A, world.programme)}
    assert codes == {"VBDT-SO", "BTS", "HS-TRE", "IOC"}  # not the commune or province-only ones
    codes = {r.indicator.code for r in selectors.achievement_table(world.C, world.programme)}
    assert codes == {"VBDT-XA", "HS-TRE", "IOC"}
