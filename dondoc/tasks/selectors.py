"""Reads of the task catalogue, always through a Scope: what a user may see, filtered and counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import StrIndex, Substr

from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import fold

from . import status
from .models import Programme, Task


def visible_tasks(scope: Scope) -> QuerySet[Task]:
    """Every task the scope reaches: led by a unit it reads; for a reporter also those it partners in."""
    if scope.is_admin:
        return Task.objects.all()
    q = Q(pk__in=[])
    for path in scope.read_paths:
        q |= Q(lead__path__startswith=path)
    if scope.reporter_unit_ids:
        q |= Q(lead_id__in=scope.reporter_unit_ids)
        q |= Q(
            pk__in=Task.partners.through.objects.filter(unit_id__in=scope.reporter_unit_ids).values("task_id")
        )
    return Task.objects.filter(q)


def tasks_for_unit(unit: Unit, *, only_unit: bool = False, scope: Scope | None = None) -> QuerySet[Task]:
    """Tasks led by the unit (and, unless only_unit, by any unit below it), within the scope."""
    if only_unit:
        qs = Task.objects.filter(lead=unit)
    else:
        qs = Task.objects.filter(lead__path__startswith=unit.path)
    if scope is not None and not scope.covers_subtree(unit):
        qs = qs.filter(pk__in=visible_tasks(scope).values("pk"))
    return qs


def search(qs: QuerySet[Task], text: str) -> QuerySet[Task]:
    """Diacritic- and case-insensitive search over code, title, output and note."""
    for word in fold(text).split():
        qs = qs.filter(search_text__contains=word)
    return qs


@dataclass(frozen=True)
class Summary:
    """The figures of a unit (and its subtree) for a programme as of a date: the contract's JSON object."""

    unit: Unit
    programme: Programme | None
    as_of: date
    due_by: date | None
    counts: status.Counts

    @property
    def sentence(self) -> str:
        return self.counts.sentence

    def as_json(self) -> dict:
        return {
            "unit": self.unit.code,
            "programme": self.programme.code if self.programme else None,
            "as_of": self.as_of.isoformat(),
            "due_by": self.due_by.isoformat() if self.due_by else None,
            **self.counts.as_dict(),
            "sentence": self.sentence,
        }


def summary(
    unit: Unit,
    *,
    programme: Programme | None = None,
    as_of: date | None = None,
    due_by: date | None = None,
    only_unit: bool = False,
    scope: Scope | None = None,
) -> Summary:
    """The status counts for a unit's subtree (or the unit alone), one programme or all, as of D."""
    as_of = as_of or status.today()
    qs = tasks_for_unit(unit, only_unit=only_unit, scope=scope)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return Summary(unit, programme, as_of, due_by, status.count(qs, as_of, due_by))


def with_child_seg(qs: QuerySet[Task], unit: Unit) -> QuerySet[Task]:
    """Annotate `child_seg`: the id (as text) of the direct child of `unit` whose subtree leads the task, or ""
    for the unit's own tasks. The child a task belongs to is the path segment right after the unit's path."""
    rest = Substr(F("lead__path"), len(unit.path) + 1)
    return qs.annotate(
        child_seg=Case(
            When(lead__path=unit.path, then=Value("")),
            default=Substr(rest, 1, StrIndex(rest, Value("/")) - 1),
            output_field=CharField(),
        )
    )


def child_rows(unit: Unit, by_seg: dict[object, status.Counts]) -> list[tuple[Unit, status.Counts]]:
    """The unit's own counts first (when it leads tasks), then every active direct child in Vietnamese order."""
    children = list(unit.children.filter(is_active=True).order_by("name_sort"))
    rows: list[tuple[Unit, status.Counts]] = []
    own = by_seg.get("")
    if own is not None:
        rows.append((unit, own))
    for child in children:
        rows.append((child, by_seg.get(str(child.pk), status.Counts())))
    return rows


def child_breakdown(
    unit: Unit,
    *,
    programme: Programme | None = None,
    as_of: date | None = None,
    scope: Scope | None = None,
    tasks: QuerySet[Task] | None = None,
) -> list[tuple[Unit, status.Counts]]:
    """Counts per direct child of `unit` (each with its own subtree), plus the unit's own tasks first.

    Two queries whatever the size: the children, then one GROUP BY over the path prefix of each task.
    """
    as_of = as_of or status.today()
    # `tasks`: an already narrowed set (a dashboard's groups or key project) within the unit's subtree.
    qs = tasks if tasks is not None else tasks_for_unit(unit, scope=scope)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return child_rows(unit, status.count_by(with_child_seg(qs, unit), "child_seg", as_of))
