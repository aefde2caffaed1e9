from django.contrib import admin

from .models import Document, DocumentRelation


class RelationInline(admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "kind", "issuer", "issued_on", "title"]
    list_filter = ["style", "kind"]
    search_fields = ["symbol", "title_folded"]
    inlines = [RelationInline]
    readonly_fields = ["number", "year", "kind", "style", "issuer_code"]
