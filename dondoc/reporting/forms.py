"""Forms of the reporting pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from dondoc.tasks.models import Programme
from dondoc.units.fields import UnitChoiceField, UnitsChoiceField
from dondoc.units.models import Unit
from dondoc.vn.fields import VNDateField

from . import periods as P
from .models import Obstacle, ReportItem


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ItemForm(forms.Form):
    """One task's lines in the report form (prefix: t<task id>)."""

    state = forms.ChoiceField(label=gettext_lazy("Tình trạng"), choices=ReportItem.State.choices)
    percent = forms.IntegerField(label=gettext_lazy("Tiến độ (%)"), min_value=0, max_value=100, initial=0)
    completed_on = VNDateField(label=gettext_lazy("Ngày hoàn thành"), required=False)
    done_this_period = forms.CharField(
        label=gettext_lazy("Kết quả thực hiện trong kỳ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    output_note = forms.CharField(
        label=gettext_lazy("Sản phẩm đầu ra"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    link = forms.URLField(label=gettext_lazy("Đường dẫn minh chứng"), required=False, assume_scheme="https")
    obstacles = forms.CharField(
        label=gettext_lazy("Khó khăn, vướng mắc"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    proposals = forms.CharField(
        label=gettext_lazy("Kiến nghị, đề xuất"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    extension_until = VNDateField(label=gettext_lazy("Đề nghị gia hạn đến"), required=False)
    extension_reason = forms.CharField(label=gettext_lazy("Lý do gia hạn"), required=False)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Ý kiến trả lại"), widget=forms.Textarea(attrs={"rows": 3}))


class ObstacleFilter(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"),
        required=False,
        choices=[("", gettext_lazy("Tất cả"))] + Obstacle.Kind.choices,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[("", gettext_lazy("Tất cả"))] + Obstacle.Status.choices,
    )
    unit = forms.CharField(label=gettext_lazy("Mã đơn vị nêu"), required=False)
    q = forms.CharField(label=gettext_lazy("Tìm trong nội dung"), required=False)


class ObstacleForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=Obstacle.Kind.choices)
    text = forms.CharField(label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    raised_by = forms.CharField(label=gettext_lazy("Mã đơn vị nêu"))
    addressed_to = forms.CharField(label=gettext_lazy("Mã đơn vị xử lý"), required=False)
    task_code = forms.CharField(label=gettext_lazy("Mã nhiệm vụ (nếu có)"), required=False)


class RespondForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Trạng thái"), choices=Obstacle.Status.choices)
    response = forms.CharField(
        label=gettext_lazy("Trả lời, kết quả xử lý"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GridFilter(forms.Form):
    unit = forms.CharField(label=gettext_lazy("Mã đơn vị"), required=False)
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình"),
        queryset=Programme.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=gettext_lazy("Tất cả"),
    )
    as_of = VNDateField(label=gettext_lazy("Tính đến ngày"), required=False)


class ScheduleForm(forms.Form):
    """A reporting schedule: the programme, who reports (units of some kinds under the office, or listed units),
    how often, by how many working days after the cut-off."""

    programme = forms.ModelChoiceField(
        label=_("Chương trình"), queryset=Programme.objects.all(), to_field_name="code", empty_label=None
    )
    name = forms.CharField(label=_("Tên chế độ báo cáo"), max_length=255)
    period_type = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=P.PERIOD_TYPES)
    owner = UnitChoiceField(label=_("Cơ quan thường trực nhận báo cáo"))
    unit_kinds = forms.MultipleChoiceField(
        label=_("Mọi đơn vị thuộc loại (dưới cơ quan nhận báo cáo)"),
        choices=[(k, v) for k, v in Unit.Kind.choices if k in ("department", "commune", "other")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = UnitsChoiceField(label=_("Và các đơn vị sau"), required=False)
    deadline_offset = forms.IntegerField(
        label=_("Hạn nộp: số ngày làm việc sau ngày chốt số liệu"), min_value=1, max_value=60, initial=3
    )
    starts_on = VNDateField(label=_("Bắt đầu từ ngày"))
    active = forms.BooleanField(label=_("Đang áp dụng"), required=False, initial=True)

    def __init__(self, *args, units, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(units)
        self.fields["owner"].set_units(units)
        self.fields["units"].set_units(units)
        if editing:
            for name in ("programme", "period_type", "owner", "starts_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Không đổi được khi đã có các kỳ báo cáo.")
        else:
            del self.fields["active"]

    def clean(self):
        data = super().clean()
        if not data.get("unit_kinds") and not data.get("units"):
            raise forms.ValidationError(gettext("Chọn loại đơn vị hoặc các đơn vị phải báo cáo."))
        data["unit_kinds"] = ",".join(data.get("unit_kinds") or [])
        return data


class PeriodLockForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=255)
