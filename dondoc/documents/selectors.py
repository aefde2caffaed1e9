"""Reads of the document registry, through a Scope."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dondoc.units.scope import Scope

from .models import Document


def visible_documents(scope: Scope) -> QuerySet[Document]:
    """The documents an office reads: those of the units it keeps, and the shared ones (no unit)."""
    if scope.is_admin:
        return Document.objects.all()
    q = Q(unit__isnull=True)
    for path in scope.office_paths:
        q |= Q(unit__path__startswith=path)
    return Document.objects.filter(q)
