"""What a public page shows: aggregated figures only (no drafts, internal notes or names of people)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from dondoc.tasks import selectors as task_selectors
from dondoc.tasks import status
from dondoc.tasks.models import TaskGroup
from dondoc.units.scope import Scope

from .models import Publication


def published() -> QuerySet[Publication]:
    """The pages anyone may read."""
    return Publication.objects.filter(is_published=True).select_related("programme", "unit")


def get_published(programme_code: str, unit_code: str) -> Publication | None:
    return published().filter(programme__code=programme_code.upper(), unit__code=unit_code.upper()).first()


@dataclass
class PublicPage:
    publication: Publication
    as_of: date
    counts: status.Counts
    groups: list[tuple[TaskGroup, status.Counts]]
    units: list[tuple[object, status.Counts]]
    indicators: object = None


def page(pub: Publication, as_of: date | None = None) -> PublicPage:
    """The figures of a public page as of today: summary, task groups, sub-units, indicators."""
    as_of = as_of or status.today()
    unit, programme = pub.unit, pub.programme
    summary, children = task_selectors.summary_and_children(unit, programme=programme, as_of=as_of)
    qs = task_selectors.tasks_for_unit(unit).filter(programme=programme)
    by_group = status.count_by(qs, "group_id", as_of)
    groups = [(g, by_group[g.pk]) for g in programme.groups.all() if g.pk in by_group]
    units = [(u, c) for u, c in children if u.pk != unit.pk and c.total]
    return PublicPage(pub, as_of, summary.counts, groups, units, indicators(pub, as_of))


def indicators(pub: Publication, as_of: date):
    """Indicator achievement from dondoc.indicators, when that app is there (approved values only)."""
    try:
        from dondoc.indicators.selectors import achievement_table
    except (ImportError, AttributeError):
        return None
    return achievement_table(pub.unit, pub.programme, year=as_of.year, scope=Scope.everything())


def manageable(scope: Scope):
    """The units whose public pages this office user may publish: the top units of its office roles."""
    from dondoc.units.models import Unit

    if scope.is_admin:
        return list(Unit.objects.filter(parent__isnull=True).order_by("name_sort"))
    return list(Unit.objects.filter(path__in=scope.office_paths).order_by("name_sort"))
