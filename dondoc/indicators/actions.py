"""Writes to the indicator catalogue, targets, baselines and values. Each owns its transaction and its history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from dondoc.audit.actions import diff, record
from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import clean, fold, format_decimal, parse_fraction, parse_number, parse_percent

from .models import Baseline, Indicator, Period, Target, Value, parse_period

Q4 = Decimal("0.0001")
HUNDRED = Decimal(100)
INDICATOR_FIELDS = (
    "code",
    "name",
    "owner",
    "unit_of_measure",
    "value_kind",
    "direction",
    "applies_to",
    "period_type",
    "rollup",
    "definition",
    "keywords",
    "order",
    "is_active",
)


class ValueRefused(ValueError):
    """A value that cannot be recorded; the message says why, in Vietnamese."""


@dataclass
class Recorded:
    value: Value
    created: bool
    changed: bool


def _q(x: Decimal | None) -> Decimal | None:
    return None if x is None else Decimal(x).quantize(Q4)


def _indicator_snapshot(ind: Indicator) -> dict[str, Any]:
    return {f: getattr(ind, f) for f in INDICATOR_FIELDS}


def create_indicator(programme, *, actor=None, **fields) -> Indicator:
    """Add an indicator to a programme's catalogue."""
    with transaction.atomic():
        ind = Indicator(programme=programme, **fields)
        ind.full_clean(exclude=["programme", "owner"])
        ind.save()
        record(
            actor=actor, action="create", obj=ind, unit=ind.owner, changes=diff({}, _indicator_snapshot(ind))
        )
        return ind


def update_indicator(indicator: Indicator, *, actor=None, **fields) -> dict:
    """Change an indicator's definition; history keeps before → after."""
    with transaction.atomic():
        before = _indicator_snapshot(indicator)
        for k, v in fields.items():
            setattr(indicator, k, v)
        changes = diff(before, _indicator_snapshot(indicator))
        if changes:
            indicator.save()
            record(actor=actor, action="update", obj=indicator, unit=indicator.owner, changes=changes)
        return changes


def set_target(
    indicator: Indicator, year: int, value, *, unit: Unit | None = None, note: str = "", actor=None
):
    """Set the target of a year, for the whole programme or (with `unit`) for one unit only."""
    value = _q(_decimal(value, "Giá trị mục tiêu"))
    _check_range(indicator, value, None, None, "Mục tiêu")
    with transaction.atomic():
        target = (
            Target.objects.select_for_update()
            .order_by()
            .filter(indicator=indicator, year=year, unit=unit)
            .first()
        )
        before = {"value": target.value, "note": target.note} if target else {}
        if target is None:
            target = Target(indicator=indicator, year=year, unit=unit)
        target.value, target.note = value, clean(note)
        changes = diff(before, {"value": target.value, "note": target.note})
        if changes:
            target.save()
            record(
                actor=actor,
                action="update" if before else "create",
                obj=target,
                unit=unit or indicator.owner,
                changes={"year": [None, year], **changes} if not before else changes,
            )
        return target


def add_baseline(indicator: Indicator, label: str, value, *, year: int | None = None, actor=None) -> Baseline:
    """Record a reference figure to compare with (e.g. the national average)."""
    value = _q(_decimal(value, "Giá trị mốc so sánh"))
    with transaction.atomic():
        baseline, created = Baseline.objects.get_or_create(
            indicator=indicator, label=clean(label), year=year, defaults={"value": value}
        )
        if not created and baseline.value != value:
            old = baseline.value
            baseline.value = value
            baseline.save()
            record(actor=actor, action="update", obj=baseline, changes=diff({"value": old}, {"value": value}))
        elif created:
            record(
                actor=actor, action="create", obj=baseline, changes=diff({}, {"label": label, "value": value})
            )
        return baseline


# --- values ------------------------------------------------------------------------------------------------

_YES = {"co", "x", "1", "dat", "da", "true", "yes", "roi", "da hoan thanh", "hoan thanh"}
_NO = {"khong", "0", "chua", "chua dat", "false", "no"}


def _decimal(x, what: str) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int | float):
        return Decimal(str(x))
    try:
        return parse_number(str(x))
    except ValueError as exc:
        raise ValueRefused(f"{what}: {exc}") from None
    except InvalidOperation:
        raise ValueRefused(f"{what}: không phải là số.") from None


def parse_value(
    indicator: Indicator, raw: str | None = None, numerator=None, denominator=None
) -> tuple[Decimal | None, Decimal | None, Decimal]:
    """Read a value as people write it for this indicator: "99,30", "80%", "4/5", "1.780", "có".

    Returns (numerator, denominator, value); refuses with a Vietnamese reason.
    """
    raw = clean(str(raw)) if raw not in (None, "") else ""
    num = den = None
    if numerator not in (None, "") or denominator not in (None, ""):
        if numerator in (None, "") or denominator in (None, ""):
            raise ValueRefused("Cần ghi cả tử số và mẫu số.")
        num, den = _decimal(numerator, "Tử số"), _decimal(denominator, "Mẫu số")
    if indicator.value_kind == Indicator.Kind.BOOLEAN:
        if num is not None:
            raise ValueRefused("Chỉ tiêu có/không không nhận tử số, mẫu số.")
        f = fold(raw)
        if f in _YES:
            return None, None, Decimal(1)
        if f in _NO:
            return None, None, Decimal(0)
        raise ValueRefused(f"Giá trị '{raw}' không hợp lệ: chỉ tiêu này ghi 'Có' hoặc 'Không'.")
    if indicator.value_kind == Indicator.Kind.PERCENTAGE:
        if num is None and raw and ("/" in raw or "\u2044" in raw or len(raw) == 1 and not raw.isdigit()):
            try:
                num, den = parse_fraction(raw)
            except ValueError as exc:
                raise ValueRefused(str(exc).replace("Phân số", "Giá trị")) from None
            raw = ""
        if num is not None:
            _check_fraction(num, den)
            value = num / den * HUNDRED
            if raw:
                stated = _decimal(raw.rstrip("%").strip(), "Giá trị")
                if abs(stated - value) > Decimal("0.01"):
                    raise ValueRefused(
                        f"Tỷ lệ ghi {format_decimal(stated, strip=True)}% không khớp với "
                        f"tử số/mẫu số ({format_decimal(value, strip=True)}%)."
                    )
        elif raw:
            try:
                value = parse_percent(raw)
            except ValueError as exc:
                raise ValueRefused(str(exc)) from None
        else:
            raise ValueRefused("Chưa ghi giá trị (ví dụ 99,30 hoặc 4/5).")
        _check_range(indicator, value, num, den, "Giá trị")
        return _q(num), _q(den), _q(value)
    # a number (count, amount)
    if num is not None:
        raise ValueRefused("Chỉ tiêu số lượng không nhận tử số, mẫu số.")
    if not raw:
        raise ValueRefused("Chưa ghi giá trị.")
    if raw.endswith("%"):
        raise ValueRefused(
            f"Chỉ tiêu này tính bằng {indicator.unit_of_measure or 'số lượng'}, không phải tỷ lệ %."
        )
    try:
        value = parse_number(raw)
    except ValueError as exc:
        raise ValueRefused(str(exc)) from None
    _check_range(indicator, value, None, None, "Giá trị")
    return None, None, _q(value)


def _check_fraction(num: Decimal, den: Decimal) -> None:
    if den == 0:
        raise ValueRefused("Mẫu số bằng 0: không tính được tỷ lệ.")
    if num < 0 or den < 0:
        raise ValueRefused("Tử số và mẫu số không được âm.")


def _check_range(indicator: Indicator, value: Decimal, num, den, what: str) -> None:
    if indicator.value_kind == Indicator.Kind.PERCENTAGE:
        if value < 0:
            raise ValueRefused(
                f"{what} {format_decimal(value, strip=True)}% không hợp lệ: tỷ lệ không được âm."
            )
        if value > HUNDRED:
            detail = (
                f" ({format_decimal(num, strip=True)}/{format_decimal(den, strip=True)})"
                if num is not None
                else ""
            )
            raise ValueRefused(
                f"{what} {format_decimal(value, strip=True)}%{detail} không hợp lệ: tỷ lệ không thể vượt quá 100%."
            )
    elif indicator.value_kind == Indicator.Kind.NUMBER and value < 0:
        raise ValueRefused(
            f"{what} {format_decimal(value, strip=True)} không hợp lệ: số lượng không được âm."
        )
    elif indicator.value_kind == Indicator.Kind.BOOLEAN and value not in (0, 1):
        raise ValueRefused(f"{what} của chỉ tiêu có/không chỉ là 1 (có) hoặc 0 (không).")


def check_unit(indicator: Indicator, unit: Unit) -> None:
    if not indicator.applies_to_kind(unit.kind):
        kinds = ", ".join(indicator.applies_to_labels())
        raise ValueRefused(
            f"Chỉ tiêu {indicator.code} chỉ áp dụng cho {kinds}; {unit.name} thuộc loại {unit.get_kind_display()}."
        )


def check_period(indicator: Indicator, period) -> Period:
    p = period if isinstance(period, Period) else _parse_period(period)
    if p.type != indicator.period_type:
        examples = {
            "monthly": "2025-T06 (tháng 6/2025)",
            "quarterly": "2025-Q2 (quý II/2025)",
            "six_monthly": "2025-H1 (6 tháng đầu năm 2025)",
            "yearly": "2025 (năm 2025)",
        }
        raise ValueRefused(
            f"Chỉ tiêu {indicator.code} báo cáo theo kỳ {indicator.get_period_type_display().lower()}: "
            f"ghi kỳ theo dạng {examples[indicator.period_type]}, không phải '{p.label}'."
        )
    return p


def _parse_period(text) -> Period:
    try:
        return parse_period(text)
    except ValueError as exc:
        raise ValueRefused(str(exc)) from None


def may_enter(scope: Scope, unit: Unit) -> bool:
    """A reporter enters values for its own unit; the office for its subtree."""
    return scope.reports_for(unit) or scope.manages(unit)


def record_value(
    indicator: Indicator,
    unit: Unit,
    period,
    raw: str | None = None,
    *,
    numerator=None,
    denominator=None,
    note: str = "",
    actor=None,
    scope: Scope | None = None,
    action: str = "update",
) -> Recorded:
    """Record (or correct) the value of an indicator for a unit and a period.

    Accepts numbers as people write them ("99,30", "4/5", "1.780", "80%"); refuses, with the reason, a share
    above 100%, a negative count, a zero denominator, a unit the indicator does not apply to, or a unit the
    person may not report for. History keeps before → after. Recording the same figures again changes nothing.
    """
    if scope is None:
        scope = Scope.for_user(actor) if getattr(actor, "pk", None) else Scope.everything()
    if not may_enter(scope, unit):
        raise ValueRefused(
            f"Bạn không được nhập giá trị cho {unit.name}: đầu mối chỉ nhập cho đơn vị của mình, "
            "thường trực cho các đơn vị mình phụ trách."
        )
    check_unit(indicator, unit)
    p = check_period(indicator, period)
    num, den, value = parse_value(indicator, raw, numerator, denominator)
    note = clean(note or "")
    user = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        existing = (
            Value.objects.select_for_update()
            .order_by()
            .filter(indicator=indicator, unit=unit, period=p.key)
            .first()
        )
        after = {"numerator": num, "denominator": den, "value": value, "source_note": note}
        if existing is not None:
            before = {
                "numerator": existing.numerator,
                "denominator": existing.denominator,
                "value": existing.value,
                "source_note": existing.source_note,
            }
            changes = diff(before, after)
            if not changes:
                return Recorded(existing, False, False)
            for k, v in after.items():
                setattr(existing, k, v)
            existing.entered_by = user
            existing.save()
            record(actor=actor, action=action, obj=existing, unit=unit, changes=changes)
            return Recorded(existing, False, True)
        obj = Value.objects.create(
            indicator=indicator,
            unit=unit,
            period=p.key,
            year=p.year,
            period_end=p.end,
            entered_by=user,
            **after,
        )
        record(
            actor=actor,
            action="create" if action == "update" else action,
            obj=obj,
            unit=unit,
            changes=diff({}, {"period": p.key, **after}),
        )
        return Recorded(obj, True, True)


# --- import ------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        total = self.created + self.updated + self.unchanged
        return (
            f"Đã nhập {total} giá trị chỉ tiêu: {self.created} mới, {self.updated} cập nhật, "
            f"{self.unchanged} không thay đổi."
        )


def value_columns():
    from dondoc.tabular import Column

    return [
        Column("indicator", "Mã chỉ tiêu", aliases=("Chỉ tiêu",), required=True),
        Column("unit", "Mã đơn vị", aliases=("Đơn vị",), required=True),
        Column("period", "Kỳ", aliases=("Kỳ báo cáo",), required=True),
        Column("value", "Giá trị", aliases=("Số liệu",)),
        Column("numerator", "Tử số"),
        Column("denominator", "Mẫu số"),
        Column("note", "Ghi chú", aliases=("Nguồn",)),
    ]


def import_values(path, *, data: bytes | None = None, programme=None, actor=None, scope: Scope | None = None):
    """Bring in indicator values from an .xlsx or .csv file: all or nothing, every bad row listed (row, column,
    value, reason); the same file again changes nothing; a changed row corrects its value, with history."""
    from dondoc.tabular import RowError, TableError, map_table, read_rows
    from dondoc.tasks.importer import UnitMatcher

    scope = scope or (Scope.for_user(actor) if getattr(actor, "pk", None) else Scope.everything())
    columns = value_columns()
    title = {c.key: c.title for c in columns}
    table = map_table(read_rows(path, data), columns)
    indicators = Indicator.objects.filter(is_active=True).select_related("programme")
    if programme is not None:
        indicators = indicators.filter(programme=programme)
    by_code: dict[str, list[Indicator]] = {}
    for ind in indicators:
        by_code.setdefault(ind.code, []).append(ind)
    matcher = UnitMatcher(scope.units() if not scope.is_admin else Unit.objects.all())
    errors: list[RowError] = []
    plan = []
    seen: dict[tuple, int] = {}
    for n, rec in table.records:
        row_errors = len(errors)
        code = clean(rec.get("indicator", "")).upper()
        found = by_code.get(code, [])
        ind = None
        if not code:
            errors.append(RowError(n, title["indicator"], "", "Thiếu mã chỉ tiêu."))
        elif not found:
            errors.append(RowError(n, title["indicator"], code, "Không có chỉ tiêu mang mã này."))
        elif len(found) > 1:
            errors.append(
                RowError(
                    n,
                    title["indicator"],
                    code,
                    "Mã có ở nhiều chương trình: chỉ rõ chương trình (--programme).",
                )
            )
        else:
            ind = found[0]
        unit, why = matcher.find(rec.get("unit", ""))
        if unit is None:
            errors.append(RowError(n, title["unit"], rec.get("unit", ""), why or "Không tìm thấy đơn vị."))
        elif not may_enter(scope, unit):
            errors.append(
                RowError(n, title["unit"], rec.get("unit", ""), "Không được nhập giá trị cho đơn vị này.")
            )
            unit = None
        p = None
        try:
            p = _parse_period(rec.get("period", ""))
            if ind is not None:
                check_period(ind, p)
        except ValueRefused as exc:
            errors.append(RowError(n, title["period"], rec.get("period", ""), str(exc)))
            p = None
        if ind is not None and unit is not None:
            try:
                check_unit(ind, unit)
            except ValueRefused as exc:
                errors.append(RowError(n, title["unit"], rec.get("unit", ""), str(exc)))
        if ind is not None:
            raw, num, den = rec.get("value", ""), rec.get("numerator", ""), rec.get("denominator", "")
            try:
                parse_value(ind, raw, num or None, den or None)
            except ValueRefused as exc:
                column = (
                    title["value"]
                    if raw and not (num or den)
                    else title["numerator"]
                    if num
                    else title["value"]
                )
                if den and "Mẫu số" in str(exc):
                    column = title["denominator"]
                shown = raw or (f"{num}/{den}" if num or den else "")
                errors.append(RowError(n, column, shown, str(exc)))
        if len(errors) == row_errors and ind is not None and unit is not None and p is not None:
            key = (ind.pk, unit.pk, p.key)
            if key in seen:
                errors.append(
                    RowError(
                        n, title["period"], p.key, f"Trùng với dòng {seen[key]} (cùng chỉ tiêu, đơn vị, kỳ)."
                    )
                )
            else:
                seen[key] = n
                plan.append((ind, unit, p, rec))
    if errors:
        raise TableError(errors)
    result = ImportResult()
    with transaction.atomic():
        for ind, unit, p, rec in plan:
            done = record_value(
                ind,
                unit,
                p,
                rec.get("value") or None,
                numerator=rec.get("numerator") or None,
                denominator=rec.get("denominator") or None,
                note=rec.get("note", ""),
                actor=actor,
                scope=scope,
                action="import",
            )
            if done.created:
                result.created += 1
            elif done.changed:
                result.updated += 1
            else:
                result.unchanged += 1
    return result


def delete_value(value: Value, *, actor=None, note: str = "") -> None:
    """Remove a recorded value (a copy of a province's values losing one the province no longer has); history
    keeps what it was."""
    with transaction.atomic():
        record(
            actor=actor,
            action="delete",
            obj=value,
            unit=value.unit,
            changes=diff(
                {
                    "period": value.period,
                    "numerator": value.numerator,
                    "denominator": value.denominator,
                    "value": value.value,
                },
                {},
            ),
            note=note,
        )
        value.delete()
