"""Forms of the exports page: making a report, and the office's report settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.tasks.models import Programme
from dondoc.tasks.status import today
from dondoc.vn.fields import VNDateField

from . import periods
from .models import GeneratedFile, ReportSettings


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại báo cáo"), choices=GeneratedFile.Kind.choices)
    fmt = forms.ChoiceField(label=gettext_lazy("Định dạng"), choices=GeneratedFile.Format.choices)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị"), queryset=None, to_field_name="code", empty_label=None
    )
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Chương trình"),
        queryset=Programme.objects.filter(is_active=True),
        to_field_name="code",
        empty_label=None,
    )
    as_of = VNDateField(label=gettext_lazy("Số liệu tính đến ngày"))
    period = forms.ChoiceField(
        label=gettext_lazy("Kỳ báo cáo"), choices=periods.CHOICES, initial=periods.QUARTER
    )

    def __init__(self, *args, scope, pdf_available: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.managed_units().filter(is_active=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: ("— " * u.depth) + u.name
        self.fields["as_of"].initial = today()
        # Evaluate each list once (the widget would otherwise query again for its "required" check).
        for name in ("unit", "programme"):
            self.fields[name].widget.choices = [*iter(self.fields[name].choices)]
        if not pdf_available:
            self.fields["fmt"].choices = [
                (v, label + (_(" — không khả dụng") if v == "pdf" else ""))
                for v, label in GeneratedFile.Format.choices
            ]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ReportSettings
        fields = [
            "layout",
            "parent_body",
            "issuing_body",
            "sender",
            "number_code",
            "place",
            "signer_authority",
            "signer_title",
            "signer_name",
            "addressees",
            "recipients",
        ]
        widgets = {
            "addressees": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }
