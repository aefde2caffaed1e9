"""Publishing and withdrawing public pages. Each action owns its transaction, its audit record and clears
the cached page."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from dondoc.audit.actions import diff, record

from .models import Publication


def cache_key(programme_code: str, unit_code: str) -> str:
    return f"portal:page:{programme_code}:{unit_code}"


def _clear(pub: Publication) -> None:
    transaction.on_commit(lambda: cache.delete(cache_key(pub.programme.code, pub.unit.code)))


def publish(programme, unit, *, actor, title: str = "", intro: str = "") -> Publication:
    """Make the public page of a programme for a unit readable without login (or update its text)."""
    with transaction.atomic():
        pub = Publication.objects.select_for_update().filter(programme=programme, unit=unit).first()
        before = {"is_published": pub.is_published, "title": pub.title, "intro": pub.intro} if pub else {}
        pub = pub or Publication(programme=programme, unit=unit)
        pub.title = title.strip()[:255]
        pub.intro = intro.strip()
        pub.is_published = True
        pub.published_at = timezone.now()
        pub.published_by = actor if getattr(actor, "pk", None) else None
        pub.save()
        after = {"is_published": True, "title": pub.title, "intro": pub.intro}
        record(actor=actor, action="publish", obj=pub, changes=diff(before, after), unit=unit)
        _clear(pub)
    return pub


def withdraw(pub: Publication, *, actor) -> Publication:
    """Withdraw a public page: from now on it answers 404."""
    with transaction.atomic():
        pub = (
            Publication.objects.select_for_update(of=("self",))
            .select_related("programme", "unit")
            .get(pk=pub.pk)
        )
        if not pub.is_published:
            return pub
        pub.is_published = False
        pub.withdrawn_at = timezone.now()
        pub.save()
        record(
            actor=actor,
            action="withdraw",
            obj=pub,
            changes={"is_published": [True, False]},
            unit=pub.unit,
        )
        _clear(pub)
    return pub
