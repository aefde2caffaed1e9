"""Forms of the task pages."""

from django import forms

from dondoc.units.models import Unit, tree_sorted
from dondoc.vn.fields import LongSelect, VNDateField

from . import status
from .models import Programme, TaskGroup


class CatalogueFilter(forms.Form):
    """Filters of the task catalogue. Unknown values fall back to no filter rather than an error page."""

    q = forms.CharField(label="Tìm kiếm", required=False)
    programme = forms.ModelChoiceField(
        label="Chương trình",
        queryset=Programme.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="Tất cả chương trình",
    )
    group = forms.ModelChoiceField(
        label="Nhóm nhiệm vụ", queryset=TaskGroup.objects.none(), required=False, empty_label="Tất cả nhóm"
    )
    unit = forms.ModelChoiceField(
        label="Cơ quan chủ trì",
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="code",
        empty_label="Tất cả đơn vị",
        widget=LongSelect,
    )
    status = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Mọi tình trạng"), *status.STATUS_FILTERS.items()]
    )
    as_of = VNDateField(label="Tính đến ngày", required=False)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.units()
        self.fields["unit"].label_from_instance = lambda u: ("— " * u.depth) + u.name
        # Tree order with siblings in Vietnamese order (one query, sorted here).
        units = tree_sorted(scope.units().only("pk", "code", "name", "path", "depth", "name_sort"))
        top = min((u.depth for u in units), default=0)
        self.fields["unit"].choices = [("", "Tất cả đơn vị")] + [
            (u.code, ("— " * (u.depth - top)) + u.name) for u in units
        ]
        programme = None
        if self.data.get("programme"):
            programme = Programme.objects.filter(code=self.data.get("programme")).first()
        groups = TaskGroup.objects.filter(programme=programme) if programme else TaskGroup.objects.all()
        self.fields["group"].queryset = groups.select_related("programme")
        self.fields["group"].label_from_instance = (
            (lambda g: f"{g.number}. {g.name[:70]}")
            if programme
            else (lambda g: f"{g.programme.code} · {g}"[:90])
        )


class ExtensionForm(forms.Form):
    new_due = VNDateField(label="Thời hạn mới")
    granted_on = VNDateField(label="Ngày cho gia hạn")
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}))
