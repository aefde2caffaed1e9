"""Indicators (chỉ tiêu): the catalogue of a programme, targets by year, baselines and values per unit and period.

Periods are written as keys: "2025-T06" (tháng 6/2025), "2025-Q2" (quý II/2025), "2025-H1" (6 tháng đầu năm
2025) and "2025" (năm 2025). The key sorts chronologically within a type, and `period_end` (the period's
last day) orders values across types.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.vn import clean, fold

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
ROMAN_OF = {v: k for k, v in ROMAN.items()}


class PeriodType(models.TextChoices):
    MONTHLY = "monthly", gettext_lazy("Hằng tháng")
    QUARTERLY = "quarterly", gettext_lazy("Hằng quý")
    SIX_MONTHLY = "six_monthly", gettext_lazy("6 tháng")
    YEARLY = "yearly", gettext_lazy("Hằng năm")


@dataclass(frozen=True)
class Period:
    """A reporting period of an indicator value: its type, year and number within the year."""

    type: str
    year: int
    number: int = 1

    @property
    def key(self) -> str:
        if self.type == PeriodType.MONTHLY:
            return f"{self.year}-T{self.number:02d}"
        if self.type == PeriodType.QUARTERLY:
            return f"{self.year}-Q{self.number}"
        if self.type == PeriodType.SIX_MONTHLY:
            return f"{self.year}-H{self.number}"
        return f"{self.year}"

    @property
    def last_month(self) -> int:
        return {
            PeriodType.MONTHLY: self.number,
            PeriodType.QUARTERLY: self.number * 3,
            PeriodType.SIX_MONTHLY: self.number * 6,
        }.get(self.type, 12)

    @property
    def end(self) -> date:
        m = self.last_month
        return date(self.year, m, calendar.monthrange(self.year, m)[1])

    @property
    def label(self) -> str:
        if self.type == PeriodType.MONTHLY:
            return _("Tháng %(number)s/%(year)s") % {"number": self.number, "year": self.year}
        if self.type == PeriodType.QUARTERLY:
            return _("Quý %(ROMAN_OF)s/%(year)s") % {"ROMAN_OF": ROMAN_OF[self.number], "year": self.year}
        if self.type == PeriodType.SIX_MONTHLY:
            if self.number == 1:
                return _("6 tháng đầu năm %(year)s") % {"year": self.year}
            return _("6 tháng cuối năm %(year)s") % {"year": self.year}
        return _("Năm %(year)s") % {"year": self.year}

    @property
    def short(self) -> str:
        if self.type == PeriodType.MONTHLY:
            return f"T{self.number}/{self.year % 100:02d}"
        if self.type == PeriodType.QUARTERLY:
            return f"Q{self.number}/{self.year % 100:02d}"
        if self.type == PeriodType.SIX_MONTHLY:
            return f"H{self.number}/{self.year % 100:02d}"
        return str(self.year)

    def __str__(self) -> str:
        return self.key


_PERIOD_FORMS = [
    (re.compile(r"(\d{4})-t(\d{1,2})"), PeriodType.MONTHLY, "ym"),
    (re.compile(r"(\d{4})-q([1-4])"), PeriodType.QUARTERLY, "ym"),
    (re.compile(r"(\d{4})-h([12])"), PeriodType.SIX_MONTHLY, "ym"),
    (re.compile(r"(?:nam )?(\d{4})"), PeriodType.YEARLY, "y"),
    (re.compile(r"(?:thang|t) ?(\d{1,2}) ?/ ?(\d{4})"), PeriodType.MONTHLY, "my"),
    (re.compile(r"(?:quy|q) ?(i{1,3}|iv|[1-4]) ?/ ?(?:nam )?(\d{4})"), PeriodType.QUARTERLY, "my"),
    (re.compile(r"(?:quy|q) ?(i{1,3}|iv|[1-4]) nam (\d{4})"), PeriodType.QUARTERLY, "my"),
    (re.compile(r"6 thang (dau|cuoi) nam (\d{4})"), PeriodType.SIX_MONTHLY, "my"),
    (re.compile(r"h([12]) ?/ ?(\d{4})"), PeriodType.SIX_MONTHLY, "my"),
]

PERIOD_EXAMPLES = gettext_lazy(
    "2025-Q2 (quý II/2025), 2025-T06 (tháng 6/2025), 2025-H1 (6 tháng đầu năm 2025), 2025 (năm 2025)"
)


def parse_period(text: str) -> Period:
    """Read a period as people write it: "2025-Q2", "quý II/2025", "tháng 6/2025", "6 tháng đầu năm 2025"..."""
    s = fold(clean(str(text or "")))
    for pattern, ptype, order in _PERIOD_FORMS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        if order == "y":
            year, number = int(m[1]), 1
        elif order == "ym":
            year, number = int(m[1]), int(m[2])
        else:
            raw, year = m[1], int(m[2])
            if raw in ("dau", "cuoi"):
                number = 1 if raw == "dau" else 2
            elif raw.upper() in ROMAN:
                number = ROMAN[raw.upper()]
            else:
                number = int(raw)
        limit = {PeriodType.MONTHLY: 12, PeriodType.QUARTERLY: 4, PeriodType.SIX_MONTHLY: 2}.get(ptype, 1)
        if not (1 <= number <= limit) or not (1900 <= year <= 2200):
            break
        return Period(ptype, year, number)
    raise ValueError(
        _("Không đọc được kỳ '%(str)s': ghi theo dạng %(PERIOD_EXAMPLES)s.")
        % {"str": clean(str(text or "")), "PERIOD_EXAMPLES": PERIOD_EXAMPLES}
    )


class Indicator(models.Model):
    """An indicator (chỉ tiêu) of a programme: what is measured, how, for which units, how often, and how the
    figures of units add up to their parent's (roll-up). A percentage keeps numerator and denominator so that
    a province's share is Σ numerators / Σ denominators of its units, never the mean of their percentages."""

    class Kind(models.TextChoices):
        NUMBER = "number", gettext_lazy("Số lượng")
        PERCENTAGE = "percentage", gettext_lazy("Tỷ lệ (%)")
        BOOLEAN = "boolean", gettext_lazy("Có / Không")

    class Direction(models.TextChoices):
        HIGHER = "higher_better", gettext_lazy("Càng cao càng tốt")
        LOWER = "lower_better", gettext_lazy("Càng thấp càng tốt")

    class Rollup(models.TextChoices):
        SUM = "sum", gettext_lazy("Cộng tổng")
        RATIO = "ratio", gettext_lazy("Tỷ lệ (tổng tử số / tổng mẫu số)")
        MEAN = "mean", gettext_lazy("Trung bình")
        NONE = "none", gettext_lazy("Không tổng hợp")

    programme = models.ForeignKey(
        "tasks.Programme",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=gettext_lazy("chương trình"),
    )
    owner = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("đơn vị ban hành"),
        help_text=gettext_lazy(
            "Đơn vị đặt chỉ tiêu (ví dụ tỉnh); để trống nếu chỉ tiêu dùng chung cho cả chương trình."
        ),
    )
    code = models.CharField(gettext_lazy("mã chỉ tiêu"), max_length=64)
    name = models.CharField(gettext_lazy("tên chỉ tiêu"), max_length=500)
    name_folded = models.CharField(
        max_length=500, editable=False, default="", verbose_name=gettext_lazy("tên không dấu (để tìm kiếm)")
    )
    unit_of_measure = models.CharField(gettext_lazy("đơn vị tính"), max_length=64, blank=True)
    value_kind = models.CharField(
        gettext_lazy("loại giá trị"), max_length=16, choices=Kind.choices, default=Kind.NUMBER
    )
    direction = models.CharField(
        gettext_lazy("chiều tốt"), max_length=16, choices=Direction.choices, default=Direction.HIGHER
    )
    applies_to = models.JSONField(
        gettext_lazy("áp dụng cho loại đơn vị"),
        default=list,
        blank=True,
        help_text=gettext_lazy("Danh sách loại đơn vị; trống là mọi loại."),
    )
    period_type = models.CharField(
        gettext_lazy("kỳ báo cáo"), max_length=16, choices=PeriodType.choices, default=PeriodType.QUARTERLY
    )
    rollup = models.CharField(
        gettext_lazy("cách tổng hợp"), max_length=8, choices=Rollup.choices, default=Rollup.SUM
    )
    definition = models.TextField(gettext_lazy("định nghĩa, cách tính"), blank=True)
    keywords = models.CharField(
        gettext_lazy("từ khóa nhận diện"),
        max_length=500,
        blank=True,
        help_text=gettext_lazy(
            "Các cụm từ, cách nhau bởi dấu chấm phẩy, phải có mặt để nhận một số liệu trong báo cáo là của "
            "chỉ tiêu này (ví dụ: văn bản điện tử; cấp xã)."
        ),
    )
    order = models.PositiveIntegerField(gettext_lazy("thứ tự"), default=0)
    is_active = models.BooleanField(gettext_lazy("đang theo dõi"), default=True)

    class Meta:
        verbose_name = gettext_lazy("chỉ tiêu")
        verbose_name_plural = gettext_lazy("chỉ tiêu")
        ordering = ["programme", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="uniq_indicator_code")]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.name = clean(self.name)
        self.code = clean(self.code).upper()
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def is_percentage(self) -> bool:
        return self.value_kind == self.Kind.PERCENTAGE

    @property
    def measure(self) -> str:
        return "%" if self.is_percentage else self.unit_of_measure

    def applies_to_kind(self, kind: str) -> bool:
        return not self.applies_to or kind in self.applies_to

    def applies_to_labels(self) -> list[str]:
        from dondoc.units.models import Unit

        labels = dict(Unit.Kind.choices)
        return [str(labels.get(k, k)) for k in self.applies_to]

    def keyword_list(self) -> list[str]:
        return [fold(k) for k in re.split(r"[;\n]", self.keywords or "") if k.strip()]


class Target(models.Model):
    """A target (mục tiêu) of an indicator for a year — 2025, 2030, 2045 for NQ57 — for the whole programme
    (no unit) or overriding it for one unit."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=gettext_lazy("chỉ tiêu")
    )
    year = models.PositiveSmallIntegerField(gettext_lazy("năm"))
    value = models.DecimalField(gettext_lazy("giá trị mục tiêu"), max_digits=20, decimal_places=4)
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("riêng cho đơn vị"),
    )
    note = models.CharField(gettext_lazy("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = gettext_lazy("mục tiêu")
        verbose_name_plural = gettext_lazy("mục tiêu")
        ordering = ["indicator", "year", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(unit__isnull=True),
                name="uniq_target_programme",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "unit"],
                condition=models.Q(unit__isnull=False),
                name="uniq_target_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class Baseline(models.Model):
    """A reference figure to compare with, e.g. "Trung bình cả nước" 23,98% in 2024."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="baselines", verbose_name=gettext_lazy("chỉ tiêu")
    )
    label = models.CharField(gettext_lazy("mốc so sánh"), max_length=255)
    value = models.DecimalField(gettext_lazy("giá trị"), max_digits=20, decimal_places=4)
    year = models.PositiveSmallIntegerField(gettext_lazy("năm"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("mốc so sánh")
        verbose_name_plural = gettext_lazy("mốc so sánh")
        ordering = ["indicator", "-year", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class Value(models.Model):
    """The value (giá trị) of an indicator for one unit and one period, as the unit reported it. For a
    percentage, numerator and denominator are kept when known (4/5 → 4 and 5, value 80)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=gettext_lazy("chỉ tiêu")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=gettext_lazy("đơn vị")
    )
    period = models.CharField(gettext_lazy("kỳ"), max_length=16)
    year = models.PositiveSmallIntegerField(gettext_lazy("năm"), editable=False)
    period_end = models.DateField(gettext_lazy("ngày cuối kỳ"), editable=False)
    numerator = models.DecimalField(
        gettext_lazy("tử số"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        gettext_lazy("mẫu số"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    value = models.DecimalField(gettext_lazy("giá trị"), max_digits=20, decimal_places=4)
    source_note = models.CharField(gettext_lazy("nguồn, ghi chú"), max_length=1000, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người nhập"),
    )
    entered_at = models.DateTimeField(gettext_lazy("thời điểm nhập"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("giá trị chỉ tiêu")
        verbose_name_plural = gettext_lazy("giá trị chỉ tiêu")
        ordering = ["indicator", "period_end", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "period"], name="uniq_value_period")
        ]
        indexes = [
            models.Index(fields=["indicator", "period"], name="ind_value_period"),
            # Covering index of the roll-up of a year (dashboards, reports): on PostgreSQL the sums read this
            # narrow index alone instead of every value of every year (national dashboard 77 → 46 ms).
            models.Index(
                fields=["indicator", "year", "period"],
                include=["id", "unit", "value", "numerator", "denominator"],
                name="ind_value_year_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.unit.code} · {self.period}"

    @property
    def period_obj(self) -> Period:
        return parse_period(self.period)
