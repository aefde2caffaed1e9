"""Forms of the committee pages: committees, members, meetings, and the review of draft tasks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.tasks.models import Programme, TaskGroup
from dondoc.units.fields import UnitChoiceField, UnitsChoiceField
from dondoc.units.models import Membership, User
from dondoc.vn import clean
from dondoc.vn.deadlines import RECURRENCES
from dondoc.vn.fields import VNDateField
from dondoc.vn.symbols import parse_symbol

from .models import Member


def _symbols(value: str) -> list[str]:
    symbols = [clean(s) for s in value.replace(";", ",").replace("\n", ",").split(",") if clean(s)]
    for s in symbols:
        try:
            parse_symbol(s)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
    return symbols


class CommitteeForm(forms.Form):
    unit = UnitChoiceField(label=gettext_lazy("Ban Chỉ đạo của đơn vị"))
    name = forms.CharField(label=gettext_lazy("Tên Ban Chỉ đạo"), max_length=255)
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình theo dõi"),
        queryset=Programme.objects.all(),
        to_field_name="code",
        required=False,
    )
    standing_unit = UnitChoiceField(label=gettext_lazy("Cơ quan thường trực"), required=False)
    founding_symbol = forms.CharField(
        label=gettext_lazy("Quyết định thành lập (số, ký hiệu)"),
        required=False,
        help_text=gettext_lazy("Ví dụ: 1827-QĐ/TU"),
    )
    founding_date = VNDateField(label=gettext_lazy("Ngày ban hành"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(units)
        self.fields["unit"].set_units(units)
        self.fields["standing_unit"].set_units(units, blank=_("— chưa chọn —"))

    def clean_founding_symbol(self):
        value = clean(self.cleaned_data["founding_symbol"])
        return _symbols(value)[0] if value else ""


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Người"), queryset=User.objects.none())
    role = forms.ChoiceField(label=gettext_lazy("Vai trò"), choices=Member.Role.choices)
    position = forms.CharField(label=gettext_lazy("Chức vụ"), required=False, max_length=255)
    unit = UnitChoiceField(label=gettext_lazy("Cơ quan công tác"), required=False)
    groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Nhóm nhiệm vụ phụ trách"),
        queryset=TaskGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = UnitsChoiceField(label=gettext_lazy("Đơn vị phụ trách"), required=False)
    order = forms.IntegerField(label=gettext_lazy("Thứ tự"), required=False, min_value=0)

    def __init__(self, *args, committee, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(committee.unit.subtree().filter(is_active=True))
        self.fields["unit"].set_units(units, blank=_("— chưa chọn —"))
        self.fields["units"].set_units(units)
        users = User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(unit__path__startswith=committee.unit.path).values("user_id"),
        ).order_by("full_name", "username")
        if not editing:
            users = users.exclude(committee_memberships__committee=committee)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.username})"
        if editing:
            self.fields["user"].disabled = True
        if committee.programme_id:
            self.fields["groups"].queryset = TaskGroup.objects.filter(programme_id=committee.programme_id)
            self.fields["groups"].label_from_instance = lambda g: f"{g.number}. {g.name[:90]}"


class MeetingForm(forms.Form):
    number = forms.IntegerField(label=gettext_lazy("Phiên họp thứ"), min_value=1)
    held_on = VNDateField(label=gettext_lazy("Ngày họp"))
    title = forms.CharField(label=gettext_lazy("Tên phiên họp"), required=False, max_length=255)
    place = forms.CharField(label=gettext_lazy("Địa điểm"), required=False, max_length=255)
    chair = forms.ModelChoiceField(
        label=gettext_lazy("Chủ trì"), queryset=Member.objects.none(), required=False
    )
    attendees = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thành viên dự họp"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=gettext_lazy("Khách mời, đại biểu khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    agenda = forms.CharField(
        label=gettext_lazy("Nội dung phiên họp"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    documents = forms.CharField(
        label=gettext_lazy("Tài liệu phiên họp (số, ký hiệu, cách nhau bởi dấu phẩy)"),
        required=False,
        help_text=gettext_lazy("Ví dụ: 366-KH/TU, 12-BC/BCĐ"),
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        members = committee.members.select_related("user")
        for name in ("chair", "attendees"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda m: (
                f"{m.user.get_full_name()} — {m.get_role_display()}"
            )

    def clean_documents(self):
        return _symbols(self.cleaned_data["documents"])


class SourceForm(forms.Form):
    """The conclusion or plan to read: pasted or uploaded, and the document it is."""

    text = forms.CharField(
        label=gettext_lazy("Nội dung kết luận hoặc kế hoạch (dán vào đây)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(label=gettext_lazy("Hoặc tải lên tệp .txt / .docx"), required=False)
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình"),
        queryset=Programme.objects.all(),
        to_field_name="code",
        empty_label=None,
    )
    symbol = forms.CharField(
        label=gettext_lazy("Số, ký hiệu văn bản (thông báo kết luận, kế hoạch)"),
        required=False,
        help_text=gettext_lazy("Ví dụ: 12-TB/BCĐ. Văn bản được ghi vào danh mục văn bản khi nhận nhiệm vụ."),
    )
    doc_title = forms.CharField(label=gettext_lazy("Trích yếu"), required=False, max_length=500)
    issued_on = VNDateField(label=gettext_lazy("Ngày ban hành"), required=False)

    def clean_symbol(self):
        value = clean(self.cleaned_data["symbol"])
        return _symbols(value)[0] if value else ""

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Hãy dán nội dung kết luận hoặc chọn một tệp .txt hay .docx."))
        return data


RECURRING_CHOICES = [
    ("", gettext_lazy("— có thời hạn —")),
    ("ongoing", gettext_lazy("Thường xuyên")),
    *[(k, v.capitalize()) for k, v in RECURRENCES.items()],
]


class DraftForm(forms.Form):
    """One draft task under review. Unit choices are given once for every draft of the page."""

    drop = forms.BooleanField(label=gettext_lazy("Bỏ, không phải nhiệm vụ"), required=False)
    title = forms.CharField(
        label=gettext_lazy("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    code = forms.CharField(label=gettext_lazy("Mã nhiệm vụ"), max_length=64, required=False)
    lead = UnitChoiceField(label=gettext_lazy("Cơ quan chủ trì"), required=False)
    each = UnitsChoiceField(
        label=gettext_lazy("Giao cho từng đơn vị (mỗi đơn vị một nhiệm vụ con)"), required=False
    )
    partners = UnitsChoiceField(label=gettext_lazy("Cơ quan phối hợp"), required=False)
    due = VNDateField(label=gettext_lazy("Thời hạn"), required=False)
    due_phrase = forms.CharField(
        label=gettext_lazy("Thời hạn như văn bản ghi"), max_length=100, required=False
    )
    recurring = forms.ChoiceField(
        label=gettext_lazy("Định kỳ, thường xuyên"), choices=RECURRING_CHOICES, required=False
    )
    output = forms.CharField(label=gettext_lazy("Sản phẩm đầu ra"), required=False, max_length=500)
    group = forms.ChoiceField(label=gettext_lazy("Nhóm nhiệm vụ"), required=False)
    follow_up = forms.ChoiceField(label=gettext_lazy("Nhiệm vụ đã có"), required=False)
    sentence = forms.CharField(widget=forms.HiddenInput, required=False)
    position = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, groups, follow_ups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].by_code = units["by_code"]
        self.fields["lead"].choices = units["blank"]
        for name in ("each", "partners"):
            self.fields[name].by_code = units["by_code"]
            self.fields[name].choices = units["plain"]
        self.groups = {str(g.pk): g for g in groups}
        self.fields["group"].choices = [("", _("— chưa xếp nhóm —"))] + [
            (str(g.pk), f"{g.number}. {g.name[:60]}") for g in groups
        ]
        self.follow_ups = {str(t.pk): t for t in follow_ups}
        self.fields["follow_up"].choices = [("", _("Tạo nhiệm vụ mới"))] + [
            (
                str(t.pk),
                _("Theo dõi tiếp nhiệm vụ %(code)s: %(title)s") % {"code": t.code, "title": t.title[:80]},
            )
            for t in follow_ups
        ]

    def clean_group(self):
        value = self.cleaned_data["group"]
        return self.groups.get(value) if value else None

    def clean_follow_up(self):
        value = self.cleaned_data["follow_up"]
        return self.follow_ups.get(value) if value else None
