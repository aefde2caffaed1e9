"""Forms of the dashboards: the dashboard's choices, saving a view, the ranking weights."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.tasks.models import Programme, TaskGroup
from dondoc.vn.fields import VNDateField

from .selectors import PANELS, SORTS


class DashboardForm(forms.Form):
    """The choices of a dashboard. Invalid values fall back to the defaults rather than an error page."""

    unit = forms.CharField(label=gettext_lazy("Đơn vị"), required=False)
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình"),
        queryset=Programme.objects.filter(is_active=True),
        required=False,
        to_field_name="code",
        empty_label=gettext_lazy("Tất cả chương trình"),
    )
    group = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Nhóm nhiệm vụ"), queryset=TaskGroup.objects.none(), required=False
    )
    parent = forms.CharField(
        label=gettext_lazy("Nhiệm vụ trọng điểm (mã nhiệm vụ cha)"), required=False, max_length=64
    )
    as_of = VNDateField(label=gettext_lazy("Tính đến ngày"), required=False)
    compare = VNDateField(label=gettext_lazy("So sánh với ngày"), required=False)
    trend = forms.ChoiceField(
        label=gettext_lazy("Diễn biến theo"),
        choices=[("month", gettext_lazy("Tháng")), ("quarter", gettext_lazy("Quý"))],
        required=False,
    )
    panel = forms.MultipleChoiceField(
        label=gettext_lazy("Các phần hiển thị"),
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
    name = forms.CharField(label=gettext_lazy("Tên bảng theo dõi"), max_length=150)
    pinned = forms.BooleanField(label=gettext_lazy("Ghim lên đầu"), required=False)
    shared_with_unit = forms.BooleanField(label=gettext_lazy("Chia sẻ với đơn vị"), required=False)


class WeightsForm(forms.Form):
    on_time = forms.IntegerField(
        label=gettext_lazy("Tỷ lệ hoàn thành đúng hạn (%)"), min_value=0, max_value=100
    )
    overdue = forms.IntegerField(label=gettext_lazy("Nhiệm vụ quá hạn (%)"), min_value=0, max_value=100)
    timeliness = forms.IntegerField(label=gettext_lazy("Báo cáo đúng hạn (%)"), min_value=0, max_value=100)

    def clean(self):
        data = super().clean()
        values = [data.get(k) for k in ("on_time", "overdue", "timeliness")]
        if None not in values and sum(values) != 100:
            raise forms.ValidationError(_("Tổng các trọng số phải bằng 100."))
        return data
