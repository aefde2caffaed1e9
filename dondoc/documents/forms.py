"""Forms of the document pages: a document by its number-symbol, and a link to another document."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dondoc.units.fields import UnitChoiceField
from dondoc.vn import clean
from dondoc.vn.fields import VNDateField
from dondoc.vn.symbols import parse_symbol

from .models import DocumentRelation


def _symbol(value: str) -> str:
    try:
        return parse_symbol(clean(value)).canonical
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from None


class DocumentForm(forms.Form):
    symbol = forms.CharField(
        label=_("Số, ký hiệu"), max_length=64, help_text=_("Ví dụ: 366-KH/TU, 11/KH-UBND")
    )
    title = forms.CharField(label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    issued_on = VNDateField(label=_("Ngày ban hành"), required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    unit = UnitChoiceField(label=_("Đơn vị quản lý"))
    url = forms.URLField(label=_("Đường dẫn (nếu có)"), required=False, max_length=200, assume_scheme="https")

    def __init__(self, *args, units, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(units)
        if editing:
            self.fields["symbol"].disabled = True

    def clean_symbol(self):
        return _symbol(self.cleaned_data["symbol"])


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Quan hệ"), choices=DocumentRelation.Kind.choices)
    target = forms.CharField(label=_("Văn bản (số, ký hiệu)"), max_length=64, help_text=_("Ví dụ: 57-NQ/TW"))

    def clean_target(self):
        return _symbol(self.cleaned_data["target"])
