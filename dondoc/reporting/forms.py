"""Forms of the reporting pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from dondoc.tasks.models import Programme
from dondoc.vn.fields import VNDateField

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
