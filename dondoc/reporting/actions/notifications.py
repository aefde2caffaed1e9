"""Telling people: in-app notifications, and who of a unit is told."""

from __future__ import annotations

from django.utils import timezone

from dondoc.units.models import Membership, Unit, User

from ..models import Notification


def notify(users, text: str, url: str = "") -> int:
    """In-app notifications for these people."""
    rows = [Notification(user=u, text=text[:500], url=url) for u in {u.pk: u for u in users}.values()]
    Notification.objects.bulk_create(rows)
    return len(rows)


def mark_read(user, ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def people_of(unit: Unit, roles) -> list:
    return list(
        User.objects.filter(memberships__unit=unit, memberships__role__in=roles, is_active=True).distinct()
    )


def office_people(unit: Unit) -> list:
    """Office staff whose scope reaches this unit (office roles on it or above it)."""
    ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    return list(
        User.objects.filter(
            memberships__unit_id__in=ids, memberships__role=Membership.Role.OFFICE, is_active=True
        ).distinct()
    )
