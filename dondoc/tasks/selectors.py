"""Reads of the task catalogue, always through a Scope: what a user may see, filtered and counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import fold

from . import snapshots, status
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
    if (
        programme is not None
        and not only_unit
        and due_by is None
        and (scope is None or scope.covers_subtree(unit))
    ):
        # The whole subtree of one programme: from the kept counts (dondoc.tasks.snapshots), not a recount.
        kept = snapshots.breakdown(unit, programme, [as_of], children=False)
        if kept is not None:
            return Summary(unit, programme, as_of, due_by, status.Counts.summed(kept[as_of].values()))
    qs = tasks_for_unit(unit, only_unit=only_unit, scope=scope)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return Summary(unit, programme, as_of, due_by, status.count(qs, as_of, due_by))


def child_rows(unit: Unit, by_child: dict[object, status.Counts]) -> list[tuple[Unit, status.Counts]]:
    """The unit's own counts first (when it leads tasks), then every active direct child in Vietnamese order.
    `by_child`: status.count_by_child's counts, keyed by child id, 0 for the unit's own tasks."""
    children = list(unit.children.filter(is_active=True).order_by("name_sort"))
    rows: list[tuple[Unit, status.Counts]] = []
    own = by_child.get(0)
    if own is not None:
        rows.append((unit, own))
    for child in children:
        rows.append((child, by_child.get(child.pk, status.Counts())))
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

    Two queries whatever the size: the children, then one GROUP BY over the direct child of each task's lead.
    """
    as_of = as_of or status.today()
    if tasks is None and programme is not None and (scope is None or scope.covers_subtree(unit)):
        kept = snapshots.by_child(unit, programme, as_of)
        if kept is not None:
            return child_rows(unit, kept)
    # `tasks`: an already narrowed set (a dashboard's groups or key project) within the unit's subtree.
    if tasks is not None:
        qs = tasks
    elif scope is None or scope.covers_subtree(unit):
        qs = Task.objects.all()  # count_by_child keeps the subtree itself
    else:
        qs = tasks_for_unit(unit, scope=scope)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return child_rows(unit, status.count_by_child(qs, unit, as_of))


def summary_and_children(
    unit: Unit, *, programme: Programme | None = None, as_of: date | None = None
) -> tuple[Summary, list[tuple[Unit, status.Counts]]]:
    """The unit's summary and its direct children's figures from one count by child: the summary is their sum
    (every task of the subtree belongs to the unit itself or to exactly one child). For a reader of the whole
    subtree; same figures as summary() and child_breakdown()."""
    as_of = as_of or status.today()
    by_child = snapshots.by_child(unit, programme, as_of) if programme is not None else None
    if by_child is None:
        qs = Task.objects.all() if programme is None else Task.objects.filter(programme=programme)
        by_child = status.count_by_child(qs, unit, as_of)
    return Summary(unit, programme, as_of, None, status.Counts.summed(by_child.values())), child_rows(
        unit, by_child
    )
