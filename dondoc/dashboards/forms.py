"""Forms of the dashboards: the dashboard's choices, saving a view, the ranking weights."""

from __future__ import annotations

from django import forms

from dondoc.tasks.models import Programme, TaskGroup
from dondoc.vn.fields import VNDateField

from .selectors import PANELS, SORTS


class DashboardForm(forms.Form):
    """The choices of a dashboard. Invalid values fall back to the defaults rather than an error page."""

    unit = forms.CharField(label="Đơn vị", required=False)
    programme = forms.ModelChoiceField(
        label="Chương trình",
        queryset=Programme.objects.filter(is_active=True),
        required=False,
        to_field_name="code",
        empty_label="Tất cả chương trình",
    )
    group = forms.ModelMultipleChoiceField(
        label="Nhóm nhiệm vụ", queryset=TaskGroup.objects.none(), required=False
    )
    parent = forms.CharField(label="Nhiệm vụ trọng điểm (mã nhiệm vụ cha)", required=False, max_length=64)
    as_of = VNDateField(label="Tính đến ngày", required=False)
    compare = VNDateField(label="So sánh với ngày", required=False)
    trend = forms.ChoiceField(
        label="Diễn biến theo",
        choices=[("month", "Tháng"), ("quarter", "Quý")],
        required=False,
    )
    panel = forms.MultipleChoiceField(
        label="Các phần hiển thị",
        choices=list(PANELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)
    gsort = forms.ChoiceField(choices=list(SORTS.items()), required=False)

    def __init__(self, *args, programme: Programme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = TaskGroup.objects.filter(programme=programme) if programme else TaskGroup.objects.none()
        self.fields["group"].queryset = groups
        self.fields["group"].label_from_instance = lambda g: f"{g.number}. {g.name[:60]}"


class SaveViewForm(forms.Form):
    name = forms.CharField(label="Tên bảng theo dõi", max_length=150)
    pinned = forms.BooleanField(label="Ghim lên đầu", required=False)
    shared_with_unit = forms.BooleanField(label="Chia sẻ với đơn vị", required=False)


class WeightsForm(forms.Form):
    on_time = forms.IntegerField(label="Tỷ lệ hoàn thành đúng hạn (%)", min_value=0, max_value=100)
    overdue = forms.IntegerField(label="Nhiệm vụ quá hạn (%)", min_value=0, max_value=100)
    timeliness = forms.IntegerField(label="Báo cáo đúng hạn (%)", min_value=0, max_value=100)

    def clean(self):
        data = super().clean()
        values = [data.get(k) for k in ("on_time", "overdue", "timeliness")]
        if None not in values and sum(values) != 100:
            raise forms.ValidationError("Tổng các trọng số phải bằng 100.")
        return data
