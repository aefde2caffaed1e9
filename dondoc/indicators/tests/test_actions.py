"""record_value: numbers as people write them, refusals with the reason (and nothing written), scope, history."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.audit.models import AuditEntry
from dondoc.indicators.actions import ValueRefused, parse_value, record_value, set_target
from dondoc.indicators.models import Indicator, Target, Value, parse_period
from dondoc.vn import format_decimal

PCT = Indicator(code="T", name="Tỷ lệ", value_kind=Indicator.Kind.PERCENTAGE)


def test_fraction_keeps_numerator_and_denominator(world, cat):
    done = record_value(cat.edoc, world.A, "2025-Q2", "4/5", actor=world.reporter)
    v = done.value
    assert (v.numerator, v.denominator, v.value) == (4, 5, 80)
    assert (v.period, v.year, v.period_end.isoformat()) == ("2025-Q2", 2025, "2025-06-30")
    assert v.entered_by == world.reporter
    entry = AuditEntry.objects.get(object_type="indicators.value", object_id=str(v.pk))
    assert entry.action == "create" and entry.actor == world.reporter
    assert entry.changes["value"] == [None, "80.0000"]


@pytest.mark.parametrize(
    "raw, value", [("99,30", "99.30"), ("80%", "80"), ("99,30 %", "99.30"), ("½", "50"), ("0", "0")]
)
def test_percentages_as_written(world, cat, raw, value):
    v = record_value(cat.edoc, world.A, "quý II/2025", raw, actor=world.office).value
    assert v.value == Decimal(value)
    assert v.period == "2025-Q2"


def test_numbers_as_written(world, cat):
    v = record_value(cat.bts, world.P, "2025-Q1", "1.780", actor=world.office).value
    assert v.value == 1780 and v.numerator is None
    v = record_value(cat.online, world.P, "năm 2025", "Có", actor=world.office).value
    assert v.value == 1 and v.period == "2025"


def test_explicit_numerator_and_denominator(world, cat):
    v = record_value(
        cat.edoc, world.B, "2025-Q2", numerator="1.523", denominator="1.600", actor=world.office
    ).value
    assert v.numerator == 1523 and v.denominator == 1600
    assert v.value == Decimal("95.1875")


@pytest.mark.parametrize(
    "indicator, unit, period, raw, kwargs, reason",
    [
        ("edoc", "A", "2025-Q2", "101", {}, "không thể vượt quá 100%"),
        ("edoc", "A", "2025-Q2", "6/5", {}, "không thể vượt quá 100%"),
        ("edoc", "A", "2025-Q2", "4/0", {}, "mẫu số bằng 0"),
        ("edoc", "A", "2025-Q2", None, {"numerator": "3", "denominator": "0"}, "Mẫu số bằng 0"),
        ("edoc", "A", "2025-Q2", "-5", {}, "không được âm"),
        ("edoc", "A", "2025-Q2", "abc", {}, "Không đọc được số"),
        ("edoc", "A", "2025-Q2", "1.5", {}, "Không đọc được số"),
        ("edoc", "A", "2025-Q2", "", {}, "Chưa ghi giá trị"),
        ("edoc", "A", "2025-Q2", "70", {"numerator": "4", "denominator": "5"}, "không khớp"),
        ("bts", "A", "2025-Q2", "-3", {}, "số lượng không được âm"),
        ("bts", "A", "2025-Q2", "30%", {}, "không phải tỷ lệ"),
        ("edoc", "C", "2025-Q2", "80", {}, "chỉ áp dụng cho Sở / Ban / Ngành"),
        ("commune", "A", "2025-Q2", "80", {}, "chỉ áp dụng cho Xã / Phường / Đặc khu"),
        ("edoc", "A", "2025-T06", "80", {}, "kỳ hằng quý"),
        ("edoc", "A", "quý V/2025", "80", {}, "Không đọc được kỳ"),
        ("online", "P", "2025", "có lẽ", {}, "'Có' hoặc 'Không'"),
    ],
)
def test_bad_values_refused_and_nothing_written(world, cat, indicator, unit, period, raw, kwargs, reason):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueRefused) as exc:
        record_value(getattr(cat, indicator), getattr(world, unit), period, raw, actor=world.office, **kwargs)
    assert reason in str(exc.value)
    assert not Value.objects.exists()
    assert AuditEntry.objects.count() == before


def test_reporter_enters_only_for_own_unit(world, cat):
    with pytest.raises(ValueRefused, match="đầu mối chỉ nhập cho đơn vị của mình"):
        record_value(cat.edoc, world.B, "2025-Q2", "80", actor=world.reporter)
    with pytest.raises(ValueRefused):
        record_value(cat.edoc, world.A, "2025-Q2", "80", actor=world.leader)
    with pytest.raises(ValueRefused):
        record_value(cat.edoc, world.A, "2025-Q2", "80", actor=world.other)
    assert not Value.objects.exists()
    # the office enters for any unit of its subtree
    record_value(cat.edoc, world.B, "2025-Q2", "80", actor=world.office)
    assert Value.objects.count() == 1


def test_correction_keeps_history_and_same_value_changes_nothing(world, cat):
    first = record_value(cat.edoc, world.A, "2025-Q2", "4/5", actor=world.reporter)
    again = record_value(cat.edoc, world.A, "2025-Q2", "4/5", actor=world.reporter)
    assert again.changed is False and again.created is False
    assert AuditEntry.objects.filter(object_type="indicators.value").count() == 1
    fixed = record_value(
        cat.edoc, world.A, "2025-Q2", "9/10", note="Sửa theo số liệu chốt", actor=world.office
    )
    assert fixed.changed and fixed.value.pk == first.value.pk
    assert Value.objects.count() == 1
    entry = AuditEntry.objects.filter(object_type="indicators.value", action="update").get()
    assert entry.changes["value"] == ["80.0000", "90.0000"]
    assert entry.changes["numerator"] == ["4.0000", "9.0000"]
    assert entry.actor == world.office


def test_targets_upsert_with_override(world, cat):
    t = set_target(cat.edoc, 2025, "92")
    assert Target.objects.filter(indicator=cat.edoc, year=2025, unit__isnull=True).get().value == 92
    assert t.pk == Target.objects.get(indicator=cat.edoc, year=2025, unit__isnull=True).pk
    assert Target.objects.filter(indicator=cat.edoc, year=2025, unit=world.A).get().value == 95
    with pytest.raises(ValueRefused, match="vượt quá 100%"):
        set_target(cat.edoc, 2030, "120")


def test_periods():
    assert parse_period("Quý II/2025").key == "2025-Q2"
    assert parse_period("quy 4 nam 2026").key == "2026-Q4"
    assert parse_period("tháng 6/2025").key == "2025-T06"
    assert parse_period("6 tháng cuối năm 2025").key == "2025-H2"
    assert parse_period("năm 2030").key == "2030"
    assert parse_period("2025-T12").end.isoformat() == "2025-12-31"
    for bad in ("2025-T13", "quý 5/2025", "hôm qua", ""):
        with pytest.raises(ValueError, match="Không đọc được kỳ"):
            parse_period(bad)


@settings(max_examples=60, deadline=None)
@given(x=st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False))
def test_printed_percentage_parses_back(x):
    _, _, value = parse_value(PCT, format_decimal(x, 2))
    assert value == x


@settings(max_examples=60, deadline=None)
@given(a=st.integers(min_value=0, max_value=10**6), extra=st.integers(min_value=0, max_value=10**6))
def test_fraction_never_above_100(a, extra):
    den = a + extra
    if den == 0:
        with pytest.raises(ValueRefused):
            parse_value(PCT, f"{a}/{den}")
        return
    num, d, value = parse_value(PCT, f"{a}/{den}")
    assert (num, d) == (a, den)
    assert 0 <= value <= 100
