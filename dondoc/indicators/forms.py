"""Forms of the indicator pages. Values are read by actions.record_value, not by the form: the form only
carries the text as typed, so that "99,30", "4/5" and "1.780" are understood the same everywhere."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from dondoc.tasks.models import Programme
from dondoc.units.fields import UnitChoiceField
from dondoc.units.models import Unit
from dondoc.units.scope import Scope

from .models import PERIOD_EXAMPLES, Indicator, PeriodType
from .selectors import visible_indicators


def enterable_units(scope: Scope):
    """Units a person may enter values for: its own unit (reporter), the subtree it runs (office)."""
    if scope.is_admin:
        return Unit.objects.filter(is_active=True)
    q = Q(pk__in=scope.reporter_unit_ids)
    for path in scope.office_paths:
        q |= Q(path__startswith=path)
    return Unit.objects.filter(q, is_active=True)


class TableFilter(forms.Form):
    """Programme, unit and year of an achievement table."""

    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình"),
        queryset=Programme.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=None,
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=None,
    )
    year = forms.IntegerField(label=gettext_lazy("Năm"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.units().filter(is_active=True).order_by("path")


class ValueForm(forms.Form):
    """Entering one value: the reporter for its unit, the office for a unit it runs."""

    indicator = forms.ModelChoiceField(label=gettext_lazy("Chỉ tiêu"), queryset=Indicator.objects.none())
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị"), queryset=Unit.objects.none(), to_field_name="code"
    )
    period = forms.CharField(
        label=gettext_lazy("Kỳ báo cáo"),
        max_length=40,
        help_text=f"Ví dụ: {PERIOD_EXAMPLES}.",
        widget=forms.TextInput(attrs={"placeholder": "2025-Q2", "autocomplete": "off"}),
    )
    value = forms.CharField(
        label=gettext_lazy("Giá trị"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Ghi như thường viết: 99,30 hoặc 4/5 (tỷ lệ), 1.780 (số lượng), Có/Không."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    numerator = forms.CharField(
        label=gettext_lazy("Tử số"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    denominator = forms.CharField(
        label=gettext_lazy("Mẫu số"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(label=gettext_lazy("Nguồn, ghi chú"), max_length=1000, required=False)

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = (
            visible_indicators(scope).select_related("programme").order_by("programme__code", "order", "code")
        )
        self.fields["unit"].queryset = enterable_units(scope).order_by("path")


class ExtractForm(forms.Form):
    """A report pasted or uploaded by the office, to read its figures."""

    text = forms.CharField(
        label=gettext_lazy("Nội dung báo cáo (dán vào đây)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    file = forms.FileField(label=gettext_lazy("Hoặc tải lên tệp .txt / .docx"), required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Số liệu của đơn vị"), queryset=Unit.objects.none(), to_field_name="code"
    )
    period = forms.CharField(
        label=gettext_lazy("Kỳ báo cáo"), max_length=40, help_text=f"Ví dụ: {PERIOD_EXAMPLES}."
    )
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình"),
        queryset=Programme.objects.all(),
        to_field_name="code",
        empty_label=None,
    )

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = enterable_units(scope).order_by("path")

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("file"):
            raise forms.ValidationError(gettext("Hãy dán nội dung báo cáo hoặc chọn một tệp .txt hay .docx."))
        return data


class IndicatorForm(forms.Form):
    """An indicator of the catalogue: what is measured, how, how often, and which kinds of unit report it."""

    programme = forms.ModelChoiceField(
        label=_("Chương trình"), queryset=Programme.objects.all(), to_field_name="code", empty_label=None
    )
    owner = UnitChoiceField(label=_("Đơn vị đặt chỉ tiêu"))
    code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=64)
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    unit_of_measure = forms.CharField(label=_("Đơn vị tính"), max_length=64, required=False)
    value_kind = forms.ChoiceField(label=_("Loại giá trị"), choices=Indicator.Kind.choices)
    direction = forms.ChoiceField(label=_("Chiều tốt"), choices=Indicator.Direction.choices)
    period_type = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PeriodType.choices)
    rollup = forms.ChoiceField(label=_("Cách tổng hợp"), choices=Indicator.Rollup.choices)
    applies_to = forms.MultipleChoiceField(
        label=_("Đơn vị báo cáo (loại đơn vị; để trống là mọi loại)"),
        choices=Unit.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    definition = forms.CharField(
        label=_("Định nghĩa, cách tính"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    keywords = forms.CharField(
        label=_("Cụm từ nhận diện trong báo cáo (cách nhau dấu ;)"), max_length=500, required=False
    )
    is_active = forms.BooleanField(label=_("Đang theo dõi"), required=False, initial=True)

    def __init__(self, *args, units, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].set_units(units)
        if editing:
            self.fields["programme"].disabled = True
        else:
            del self.fields["is_active"]


class TargetForm(forms.Form):
    """A target of a year, for the whole programme or one unit."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    value = forms.CharField(label=_("Giá trị mục tiêu"), max_length=40, help_text=_("Ví dụ: 95 hoặc 99,30"))
    unit = UnitChoiceField(label=_("Áp dụng cho"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(units, blank=gettext("Cả chương trình (mọi đơn vị)"))
