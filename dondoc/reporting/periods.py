"""Reporting periods and working days: pure functions, no database.

Cut-off rules of Decree 09/2019/NĐ-CP (shared/domain.md):
- monthly: 15th of the previous month → 14th of the month (code `2025-T06`);
- quarterly: 15th of the month before the quarter → 14th of the quarter's last month (`2025-Q2`);
- six-monthly: 15th of the month before the half → 14th of its sixth month (`2025-H1`);
- yearly: 15 December of the previous year → 14 December (`2025`);
- weekly: ISO week, Monday → Sunday (`2025-W26`).

Working days skip Saturdays, Sundays and Vietnamese public holidays (the `holidays` package, Tết included),
plus the office's own days off; a compensatory working Saturday counts as a working day. The office's
changes arrive as `overrides`: {date: is_working}.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

WEEKLY = "weekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"
YEARLY = "yearly"
PERIOD_TYPES = [
    (WEEKLY, "Hằng tuần"),
    (MONTHLY, "Hằng tháng"),
    (QUARTERLY, "Hằng quý"),
    (HALF_YEARLY, "6 tháng"),
    (YEARLY, "Hằng năm"),
]
CUTOFF_DAY = 14  # the data cut-off: the 14th; a period starts on the 15th


@dataclass(frozen=True, order=True)
class PeriodSpec:
    """One reporting period: its code, first day and cut-off day (inclusive)."""

    start: date
    end: date
    code: str

    @property
    def label(self) -> str:
        return period_label(self.code)


def _shifted_month(d: date) -> tuple[int, int]:
    """The (year, month) whose cut-off period contains `d`: from the 15th on, the next month."""
    if d.day <= CUTOFF_DAY:
        return d.year, d.month
    return (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)


def _cutoff_span(year: int, last_month: int, months: int) -> tuple[date, date]:
    """From the 15th of the month before the span's first month to the 14th of its last month."""
    first = last_month - months  # the month before the span's first month (may be <= 0)
    y, m = year, first
    while m <= 0:
        m += 12
        y -= 1
    return date(y, m, CUTOFF_DAY + 1), date(year, last_month, CUTOFF_DAY)


def period_containing(period_type: str, d: date) -> PeriodSpec:
    """The period of this type that contains day `d`."""
    if period_type == WEEKLY:
        iso = d.isocalendar()
        start = d - timedelta(days=iso.weekday - 1)
        return PeriodSpec(start, start + timedelta(days=6), f"{iso.year}-W{iso.week:02d}")
    year, month = _shifted_month(d)
    if period_type == MONTHLY:
        start, end = _cutoff_span(year, month, 1)
        return PeriodSpec(start, end, f"{year}-T{month:02d}")
    if period_type == QUARTERLY:
        q = (month - 1) // 3 + 1
        start, end = _cutoff_span(year, 3 * q, 3)
        return PeriodSpec(start, end, f"{year}-Q{q}")
    if period_type == HALF_YEARLY:
        h = 1 if month <= 6 else 2
        start, end = _cutoff_span(year, 6 * h, 6)
        return PeriodSpec(start, end, f"{year}-H{h}")
    if period_type == YEARLY:
        start, end = _cutoff_span(year, 12, 12)
        return PeriodSpec(start, end, f"{year}")
    raise ValueError(f"Loại kỳ báo cáo không hợp lệ: {period_type!r}.")


def next_period(period_type: str, spec: PeriodSpec) -> PeriodSpec:
    return period_containing(period_type, spec.end + timedelta(days=1))


def periods_between(period_type: str, first: date, last: date) -> list[PeriodSpec]:
    """Every period from the one containing `first` to the one containing `last`, in order."""
    out = [period_containing(period_type, first)]
    while out[-1].end < last:
        out.append(next_period(period_type, out[-1]))
    return out


def period_label(code: str) -> str:
    """A Vietnamese label for a period code: "Tháng 6/2025", "Quý II/2025", "Tuần 26/2025"..."""
    romans = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    if "-" not in code:
        return f"Năm {code}"
    year, rest = code.split("-", 1)
    kind, num = rest[0], rest[1:]
    if kind == "T":
        return f"Tháng {int(num)}/{year}"
    if kind == "Q":
        return f"Quý {romans.get(num, num)}/{year}"
    if kind == "H":
        return f"6 tháng {'đầu' if num == '1' else 'cuối'} năm {year}"
    if kind == "W":
        return f"Tuần {int(num)}/{year}"
    return code


# -- working days ------------------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_working_day(d: date, overrides: Mapping[date, bool] | None = None) -> bool:
    """A working day: not a weekend nor a public holiday, unless the office says otherwise."""
    if overrides and d in overrides:
        return bool(overrides[d])
    return d.weekday() < 5 and d not in _public_holidays(d.year)


def add_working_days(d: date, n: int, overrides: Mapping[date, bool] | None = None) -> date:
    """The n-th working day after `d` (n >= 1); n = 0 gives `d` itself if it is a working day, else the next."""
    if n <= 0:
        while not is_working_day(d, overrides):
            d += timedelta(days=1)
        return d
    while n > 0:
        d += timedelta(days=1)
        if is_working_day(d, overrides):
            n -= 1
    return d


def working_days_between(a: date, b: date, overrides: Mapping[date, bool] | None = None) -> int:
    """How many working days in (a, b]; negative when b is before a."""
    if b < a:
        return -working_days_between(b, a, overrides)
    n, d = 0, a
    while d < b:
        d += timedelta(days=1)
        if is_working_day(d, overrides):
            n += 1
    return n


def deadline_for(end: date, offset: int, overrides: Mapping[date, bool] | None = None) -> date:
    """The submission deadline: `offset` working days after the cut-off (at least one, as the decree asks)."""
    return add_working_days(end, max(1, offset), overrides)
