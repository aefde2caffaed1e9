"""Reporting periods of a generated report: the period an as-of date falls in, the one before, the one after."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONTH, QUARTER, HALF, YEAR = "thang", "quy", "6thang", "nam"
CHOICES = [
    (QUARTER, gettext_lazy("Quý")),
    (MONTH, gettext_lazy("Tháng")),
    (HALF, gettext_lazy("6 tháng")),
    (YEAR, gettext_lazy("Năm")),
]
# "so với quý trước": how the comparison with the previous period is written.
PREVIOUS_LABEL = {
    MONTH: gettext_lazy("tháng trước"),
    QUARTER: gettext_lazy("quý trước"),
    HALF: gettext_lazy("6 tháng trước"),
    YEAR: gettext_lazy("năm trước"),
}
NEXT_LABEL = {
    MONTH: gettext_lazy("tháng tới"),
    QUARTER: gettext_lazy("quý tới"),
    HALF: gettext_lazy("6 tháng tới"),
    YEAR: gettext_lazy("năm tới"),
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        """ "quý III năm 2025", "tháng 9 năm 2025", "6 tháng đầu năm 2025", "năm 2025"."""
        y = self.start.year
        if self.kind == MONTH:
            return _("tháng %(month)s năm %(y)s") % {"month": self.start.month, "y": y}
        if self.kind == QUARTER:
            return _("quý %(ROMAN)s năm %(y)s") % {"ROMAN": ROMAN[(self.start.month - 1) // 3 + 1], "y": y}
        if self.kind == HALF:
            if self.start.month == 1:
                return _("6 tháng đầu năm %(y)s") % {"y": y}
            return _("6 tháng cuối năm %(y)s") % {"y": y}
        return _("năm %(y)s") % {"y": y}

    @property
    def previous(self) -> Period:
        return period_of(self.kind, self.start - timedelta(days=1))

    @property
    def next(self) -> Period:
        return period_of(self.kind, self.end + timedelta(days=1))


def _months(kind: str) -> int:
    return {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}[kind]


def period_of(kind: str, d: date) -> Period:
    """The calendar period of this kind that contains `d`."""
    if kind not in PREVIOUS_LABEL:
        kind = QUARTER
    n = _months(kind)
    first_month = ((d.month - 1) // n) * n + 1
    last_month = first_month + n - 1
    start = date(d.year, first_month, 1)
    end = date(d.year, last_month, calendar.monthrange(d.year, last_month)[1])
    return Period(kind, start, end)
