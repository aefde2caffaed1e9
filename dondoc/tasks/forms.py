"""Forms of the task pages."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from dondoc.units.fields import UnitChoiceField, UnitsChoiceField
from dondoc.units.models import Unit, tree_sorted
from dondoc.vn import clean
from dondoc.vn.deadlines import parse_deadline
from dondoc.vn.fields import LongSelect, VNDateField
from dondoc.vn.symbols import parse_symbol

from . import status
from .actions import UPDATABLE
from .models import Programme, Task, TaskGroup


class CatalogueFilter(forms.Form):
    """Filters of the task catalogue. Unknown values fall back to no filter rather than an error page."""

    q = forms.CharField(label=gettext_lazy("Tìm kiếm"), required=False)
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình"),
        queryset=Programme.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=gettext_lazy("Tất cả chương trình"),
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("Nhóm nhiệm vụ"),
        queryset=TaskGroup.objects.none(),
        required=False,
        empty_label=gettext_lazy("Tất cả nhóm"),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan chủ trì"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=gettext_lazy("Tất cả đơn vị"),
        widget=LongSelect,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Tình trạng"),
        required=False,
        choices=[("", gettext_lazy("Mọi tình trạng")), *status.STATUS_FILTERS.items()],
    )
    as_of = VNDateField(label=gettext_lazy("Tính đến ngày"), required=False)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.units()
        self.fields["unit"].label_from_instance = lambda u: ("— " * u.depth) + u.name
        # Tree order with siblings in Vietnamese order (one query, sorted here).
        units = tree_sorted(scope.units().only("pk", "code", "name", "path", "depth", "name_sort"))
        top = min((u.depth for u in units), default=0)
        self.fields["unit"].choices = [("", gettext("Tất cả đơn vị"))] + [
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
    new_due = VNDateField(label=gettext_lazy("Thời hạn mới"))
    granted_on = VNDateField(label=gettext_lazy("Ngày cho gia hạn"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    """A task of the catalogue, as the office writes it: the deadline as the plan words it ("quý II/2025"),
    the assigning document by its number-symbol, units by code among those the office keeps."""

    programme = forms.ModelChoiceField(
        label=_("Chương trình"), queryset=Programme.objects.all(), to_field_name="code", empty_label=None
    )
    code = forms.CharField(label=_("Mã nhiệm vụ"), max_length=64)
    title = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}))
    group = forms.ChoiceField(label=_("Nhóm nhiệm vụ"), required=False)
    parent = forms.CharField(
        label=_("Mã nhiệm vụ cha"),
        max_length=64,
        required=False,
        help_text=_("Để trống nếu là nhiệm vụ chung; ghi mã để xếp làm nhiệm vụ cụ thể của nhiệm vụ đó."),
    )
    lead = UnitChoiceField(label=_("Cơ quan chủ trì"))
    partners = UnitsChoiceField(label=_("Cơ quan phối hợp"), required=False)
    due_phrase = forms.CharField(
        label=_("Thời hạn"),
        max_length=100,
        help_text=_(
            "Như văn bản ghi: 30/6/2025, quý II/2025, tháng 9/2025, 6 tháng đầu năm 2025, thường xuyên."
        ),
    )
    output = forms.CharField(
        label=_("Sản phẩm đầu ra"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    source = forms.CharField(
        label=_("Văn bản giao (số, ký hiệu)"), max_length=64, required=False, help_text=_("Ví dụ: 366-KH/TU")
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, scope, task: Task | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope, self.task = scope, task
        units = list(units)
        self.fields["lead"].set_units(units, blank=gettext("— chọn đơn vị —"))
        self.fields["partners"].set_units(units)
        self.fields["due_phrase"].widget.attrs.update({"autocomplete": "off"})
        code = self.data.get("programme") or self.initial.get("programme")
        self.programme = Programme.objects.filter(code=code).first() if code else None
        if self.programme is None:
            self.programme = task.programme if task else Programme.objects.order_by("code").first()
        self.groups = {str(g.pk): g for g in TaskGroup.objects.filter(programme=self.programme)}
        self.fields["group"].choices = [("", gettext("— chưa xếp nhóm —"))] + [
            (k, f"{g.number}. {g.name[:80]}") for k, g in self.groups.items()
        ]

    def wire(self, url: str) -> TaskForm:
        """htmx on the page at `url`: the groups follow the programme chosen; the deadline read from its phrase
        shows as it is typed (the page works without it)."""
        self.fields["programme"].widget.attrs.update(
            {"hx-get": url, "hx-target": "#id_group", "hx-swap": "outerHTML", "hx-trigger": "change"}
        )
        self.fields["due_phrase"].widget.attrs.update(
            {
                "hx-get": url,
                "hx-target": "#due-hint",
                "hx-trigger": "input changed delay:400ms, change",
                "hx-include": "[name=programme]",
                "aria-describedby": "due-hint",
            }
        )
        return self

    def clean_group(self):
        value = self.cleaned_data["group"]
        return self.groups.get(value) if value else None

    def clean_code(self):
        return clean(self.cleaned_data["code"])

    def clean_source(self):
        value = clean(self.cleaned_data["source"])
        if not value:
            return ""
        try:
            return parse_symbol(value).canonical
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):
        data = super().clean()
        programme = data.get("programme")
        if programme is None:
            return data
        phrase = data.get("due_phrase")
        if phrase:
            try:
                deadline = parse_deadline(phrase, plan_year=programme.plan_year or status.today().year)
            except ValueError as exc:
                self.add_error("due_phrase", str(exc))
            else:
                data["due"], data["recurring"], data["due_phrase"] = (
                    deadline.due,
                    deadline.recurring,
                    deadline.phrase,
                )
        code = data.get("code")
        if code:
            same = Task.objects.filter(programme=programme, code=code)
            if self.task is not None:
                same = same.exclude(pk=self.task.pk)
            if same.exists():
                self.add_error(
                    "code", gettext("Chương trình này đã có nhiệm vụ mã %(code)s.") % {"code": code}
                )
        parent_code = clean(data.get("parent") or "")
        data["parent"] = None
        if parent_code:
            parent = (
                Task.objects.filter(programme=programme, code=parent_code)
                .filter(self.scope.task_q())
                .select_related("parent")
                .first()
            )
            if parent is None:
                self.add_error(
                    "parent",
                    gettext("Chương trình %(p)s không có nhiệm vụ mã %(code)s.")
                    % {"p": programme.code, "code": parent_code},
                )
            data["parent"] = parent
        lead, partners = data.get("lead"), data.get("partners") or []
        data["partners"] = [u for u in partners if u != lead]
        return data

    def task_fields(self) -> dict:
        """The Task fields this form gives (the document is registered by the view, through its action)."""
        d = self.cleaned_data
        return {name: d[name] for name in UPDATABLE if name in d and name != "source"}


class SplitForm(forms.Form):
    """Splitting a task into sub-tasks, one for each unit (nhiệm vụ cụ thể của từng sở, ban, ngành)."""

    title = forms.CharField(label=_("Nội dung nhiệm vụ cụ thể"), widget=forms.Textarea(attrs={"rows": 3}))
    units = UnitsChoiceField(label=_("Giao cho các đơn vị (mỗi đơn vị một nhiệm vụ cụ thể)"))
    due_phrase = forms.CharField(
        label=_("Thời hạn"), max_length=100, help_text=_("Để trống: theo thời hạn của nhiệm vụ chung.")
    )
    output = forms.CharField(label=_("Sản phẩm đầu ra"), required=False, max_length=500)

    def __init__(self, *args, units, parent: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.fields["units"].set_units(units)
        self.fields["due_phrase"].required = False

    def clean(self):
        data = super().clean()
        phrase = clean(data.get("due_phrase") or "") or self.parent.due_phrase
        data["due"], data["recurring"] = self.parent.due, self.parent.recurring
        if phrase:
            try:
                deadline = parse_deadline(
                    phrase, plan_year=self.parent.programme.plan_year or status.today().year
                )
            except ValueError as exc:
                self.add_error("due_phrase", str(exc))
            else:
                data["due"], data["recurring"] = deadline.due, deadline.recurring
        data["due_phrase"] = phrase
        return data


class CompleteForm(forms.Form):
    done_on = VNDateField(label=_("Ngày hoàn thành"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("Lý do mở lại"), max_length=500)


class ImportForm(forms.Form):
    """The plan to import: an .xlsx or .csv file and the programme it goes into."""

    file = forms.FileField(label=_("Tệp kế hoạch (.xlsx hoặc .csv)"))
    programme = forms.CharField(
        label=_("Mã chương trình"),
        max_length=32,
        help_text=_("Một chương trình đã có (NQ57) hoặc mã mới: chương trình mới được tạo khi nhận."),
    )

    def clean_programme(self):
        code = clean(self.cleaned_data["programme"]).upper()
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9._-]{0,31}", code):
            raise forms.ValidationError(
                gettext("Mã chương trình chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang (ví dụ NQ57).")
            )
        return code
