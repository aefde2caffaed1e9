from django import forms
from django.contrib import admin

from dondoc.units.scoped_admin import OfficeAdmin
from dondoc.vn.symbols import parse_symbol

from . import actions
from .models import Document, DocumentRelation


class RelationInline(admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["symbol", "title", "issued_on", "issuer", "unit", "url"]

    def clean_symbol(self):
        try:
            return parse_symbol(self.cleaned_data["symbol"]).canonical
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


@admin.register(Document)
class DocumentAdmin(OfficeAdmin):
    form = DocumentForm
    list_display = ["symbol", "kind", "issuer", "issued_on", "title"]
    list_filter = ["style", "kind"]
    search_fields = ["symbol", "title_folded"]
    inlines = [RelationInline]
    readonly_fields = ["number", "year", "kind", "style", "issuer_code"]

    records_itself = True  # register_document records it; the relations inline are recorded by the site

    def save_model(self, request, obj, form, change):
        # Through the action: the symbol is parsed and the change recorded.
        saved = actions.register_document(
            form.cleaned_data["symbol"],
            actor=request.user,
            title=obj.title,
            issued_on=obj.issued_on,
            issuer=obj.issuer,
            unit=obj.unit,
            url=obj.url,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
