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
    """Record that `source` implements (amends, replaces, ...) `target`."""
    with transaction.atomic():
        rel, created = DocumentRelation.objects.get_or_create(source=source, target=target, kind=kind)
        if created:
            record(actor=actor, action="relate", obj=source, changes={"relation": [None, f"{kind} {target}"]})
        return rel
