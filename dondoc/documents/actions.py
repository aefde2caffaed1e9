"""Writes to the document registry."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from dondoc.audit.actions import diff, record
from dondoc.vn import clean
from dondoc.vn.symbols import parse_symbol

from .models import Document, DocumentRelation


def register_document(
    symbol: str,
    *,
    actor=None,
    title: str = "",
    issued_on: date | None = None,
    issuer: str = "",
    unit=None,
    url: str = "",
) -> Document:
    """Register a document by its number-symbol, or update the one already registered.

    A symbol that does not parse raises ValueError with the expected shapes (from dondoc.vn.symbols).
    """
    parsed = parse_symbol(symbol)
    fields = {
        "number": parsed.number,
        "year": parsed.year,
        "kind": parsed.kind or "",
        "style": parsed.style,
        "issuer_code": parsed.issuer,
    }
    with transaction.atomic():
        doc = Document.objects.filter(symbol=parsed.canonical).first()
        if doc is None:
            doc = Document(symbol=parsed.canonical, **fields)
            doc.title, doc.issued_on, doc.issuer, doc.unit, doc.url = (
                clean(title),
                issued_on,
                clean(issuer),
                unit,
                url,
            )
            doc.save()
            record(actor=actor, action="create", obj=doc, unit=unit)
            return doc
        before = {"title": doc.title, "issued_on": doc.issued_on, "issuer": doc.issuer, "url": doc.url}
        if title:
            doc.title = clean(title)
        if issued_on:
            doc.issued_on = issued_on
        if issuer:
            doc.issuer = clean(issuer)
        if url:
            doc.url = url
        changes = diff(
            before, {"title": doc.title, "issued_on": doc.issued_on, "issuer": doc.issuer, "url": doc.url}
        )
        if changes:
            doc.save()
            record(actor=actor, action="update", obj=doc, changes=changes, unit=doc.unit)
        return doc


def relate_documents(
    source: Document, target: Document, kind: str = DocumentRelation.Kind.IMPLEMENTS, *, actor=None
):
    """Record that `source` implements (amends, replaces, ...) `target`. A document is not related to itself."""
    if source.pk == target.pk:
        raise ValueError("Văn bản không liên kết với chính nó.")
    with transaction.atomic():
        rel, created = DocumentRelation.objects.get_or_create(source=source, target=target, kind=kind)
        if created:
            record(
                actor=actor,
                action="relate",
                obj=source,
                changes={"relation": [None, f"{kind} {target}"]},
                unit=source.unit,
            )
        return rel


DOCUMENT_FIELDS = ("title", "issued_on", "issuer", "url", "unit")


def update_document(document: Document, *, actor=None, **fields) -> dict:
    """Change a document's description (trích yếu, date, issuer, link, managing unit); its number-symbol is its
    identity and does not change. Unknown fields are refused. Returns the changes (empty: nothing written)."""
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise ValueError(f"Không sửa được trường của văn bản: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        before = {f: getattr(document, f) for f in DOCUMENT_FIELDS}
        for name, value in fields.items():
            setattr(document, name, clean(value) if isinstance(value, str) and name != "url" else value)
        changes = diff(before, {f: getattr(document, f) for f in DOCUMENT_FIELDS})
        if changes:
            document.save()
            record(actor=actor, action="update", obj=document, changes=changes, unit=document.unit)
        return changes


def unrelate_documents(relation: DocumentRelation, *, actor=None) -> None:
    """Remove a link between documents (recorded on the source document's history)."""
    with transaction.atomic():
        source, text = relation.source, f"{relation.kind} {relation.target}"
        relation.delete()
        record(
            actor=actor, action="unrelate", obj=source, changes={"relation": [text, None]}, unit=source.unit
        )
