"""The API of the catalogue: the status summary (the same object as `summary --json`) and the tasks in scope."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from ninja import Query, Router, Schema

from dondoc.dbrouters import replica_reads
from dondoc.units.api import Error
from dondoc.units.scope import Scope

from . import selectors, status
from .models import Programme, Task


class SummaryOut(Schema):
    """The status counts of shared/contract.md: the same object as `summary --json`."""

    unit: str
    programme: str | None
    as_of: date
    due_by: date | None
    total: int
    done: int
    on_time: int
    late: int
    open: int
    in_term: int
    overdue: int
    started: int
    not_started: int
    recurring: int
    sentence: str


class TaskOut(Schema):
    id: int
    programme: str
    code: str
    title: str
    group: int | None
    parent: str | None
    lead: str
    partners: list[str]
    due: date | None
    due_in_force: date | None
    due_phrase: str
    recurring: bool
    started: date | None
    done: date | None
    status: str
    output: str
    source: str | None
    note: str


class TaskPage(Schema):
    count: int
    page: int
    pages: int
    items: list[TaskOut]


def scope_of(request) -> Scope:
    return Scope.for_user(request.user)


def get_programme(code: str | None) -> Programme | None:
    if not code:
        return None
    prog = Programme.objects.filter(code=code.strip().upper()).first()
    if prog is None:
        raise Http404
    return prog


router = Router(tags=["tasks"])  # ASCII for generated clients; described in dondoc/api/api.py


@router.get("/summary", response={200: SummaryOut, 404: Error}, auth=None, operation_id="get_summary")
@replica_reads
def summary(
    request,
    unit: str,
    programme: str | None = None,
    as_of: date | None = None,
    due_by: date | None = None,
    only_unit: bool = False,
):
    """Status counts for a unit and its subtree as of a date (the same object as `summary --json`).

    For a caller signed in (session or `Authorization: Bearer`) whose scope covers the unit; otherwise 404,
    as the contract says — an anonymous caller learns nothing either, not even that the unit exists."""
    if not request.user.is_authenticated:
        raise Http404
    scope = scope_of(request)
    u = scope.get_unit(unit)
    result = selectors.summary(
        u, programme=get_programme(programme), as_of=as_of, due_by=due_by, only_unit=only_unit, scope=scope
    )
    return result.as_json()


def task_out(t: Task) -> dict:
    return {
        "id": t.pk,
        "programme": t.programme.code,
        "code": t.code,
        "title": t.title,
        "group": t.group.number if t.group_id else None,
        "parent": t.parent.code if t.parent_id else None,
        "lead": t.lead.code,
        "partners": [p.code for p in t.partners.all()],
        "due": t.due,
        "due_in_force": getattr(t, "due_now", t.due),
        "due_phrase": t.due_phrase,
        "recurring": t.recurring,
        "started": t.started,
        "done": t.done,
        "status": getattr(t, "status", ""),
        "output": t.output,
        "source": t.source.symbol if t.source_id else None,
        "note": t.note,
    }


@router.get("/tasks", response=TaskPage, operation_id="list_tasks")
def tasks(
    request,
    programme: str | None = None,
    unit: str | None = None,
    status_filter: str | None = Query(None, alias="status"),
    as_of: date | None = None,
    q: str | None = None,
    page: int = 1,
):
    """The task catalogue in scope, with status as of a date; 50 a page."""
    scope = scope_of(request)
    as_of = as_of or status.today()
    qs = selectors.visible_tasks(scope)
    if programme:
        qs = qs.filter(programme=get_programme(programme))
    if unit:
        qs = qs.filter(lead__path__startswith=scope.get_unit(unit).path)
    if q:
        qs = selectors.search(qs, q)
    qs = status.with_status(qs, as_of)
    if status_filter:
        if status_filter not in status.STATUS_FILTERS:
            raise ValueError(f"Tình trạng không hợp lệ; dùng một trong: {', '.join(status.STATUS_FILTERS)}.")
        qs = status.filter_status(qs, status_filter, as_of)
    qs = qs.select_related("programme", "group", "parent", "lead", "source").prefetch_related("partners")
    paginator = Paginator(qs.order_by("programme__code", "code"), 50)
    p = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": p.number,
        "pages": paginator.num_pages,
        "items": [task_out(t) for t in p],
    }


@router.get("/tasks/{task_id}", response={200: TaskOut, 404: Error}, operation_id="get_task")
def task_detail(request, task_id: int, as_of: date | None = None):
    """One task in scope (404 outside it)."""
    qs = status.with_status(selectors.visible_tasks(scope_of(request)), as_of)
    t = qs.select_related("programme", "group", "parent", "lead", "source").filter(pk=task_id).first()
    if t is None:
        raise Http404
    return task_out(t)
