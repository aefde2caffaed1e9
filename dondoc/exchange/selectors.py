"""Reads of the exchange: the packages a user may list, and the date each sender's figures stand at."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dondoc.units.scope import Scope

from .models import ReceivedPackage, Sender


def visible_packages(scope: Scope) -> QuerySet[ReceivedPackage]:
    """Packages received for units the user's office manages (an admin: all, refusals of unknown senders too)."""
    qs = ReceivedPackage.objects.select_related("sender", "received_by")
    if scope.is_admin:
        return qs
    q = Q(pk__in=[])
    for path in scope.office_paths:
        q |= Q(sender__unit__path__startswith=path) | Q(sender__parent__path__startswith=path)
    return qs.filter(q)


def visible_senders(scope: Scope) -> QuerySet[Sender]:
    qs = Sender.objects.select_related("unit", "parent")
    if scope.is_admin:
        return qs
    q = Q(pk__in=[])
    for path in scope.office_paths:
        q |= Q(unit__path__startswith=path) | Q(parent__path__startswith=path)
    return qs.filter(q)


def arrivals(unit_ids, programme=None) -> dict[int, ReceivedPackage]:
    """For the units among `unit_ids` that hold a sender's root: the package in force (its as-of date, when it
    arrived), by unit id. One query, whatever the number of units."""
    qs = ReceivedPackage.objects.filter(
        result=ReceivedPackage.Result.ACCEPTED, sender__unit_id__in=list(unit_ids) or [0]
    )
    if programme is not None:
        qs = qs.filter(programme_code=programme.code)
    out: dict[int, ReceivedPackage] = {}
    for r in qs.order_by("-as_of", "-made_at", "-id").values(
        "sender__unit_id", "as_of", "made_at", "received_at", "programme_code", "sender_code"
    ):
        out.setdefault(r["sender__unit_id"], r)
    return out
