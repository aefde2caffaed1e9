"""The dashboard's figures over the API: the same numbers the page shows, from the same selectors."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Query, Router, Schema

from dondoc.dbrouters import replica_reads
from dondoc.reporting import risk
from dondoc.tasks import status
from dondoc.tasks.models import Programme, TaskGroup
from dondoc.units.scope import Scope

from . import selectors

router = Router(tags=["dashboards"])  # ASCII for generated clients; described in dondoc/api/api.py


class CountsOut(Schema):
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


class RowOut(CountsOut):
    key: str | int | None
    name: str
    own: bool


class DashboardOut(CountsOut):
    unit: str
    programme: str | None
    groups: list[int]
    parent_task: str | None
    as_of: date
    compare: date
    sentence: str
    compare_counts: CountsOut
    changes: CountsOut
    by_unit: list[RowOut]
    by_group: list[RowOut]


class RankOut(Schema):
    rank: int | None
    unit: str
    name: str
    score: float | None
    on_time_rate: float | None
    overdue_share: float | None
    timeliness: float | None
    expected_reports: int | None
    on_time_reports: int | None
    counts: CountsOut


class RankingOut(Schema):
    unit: str
    programme: str | None
    as_of: date
    weights: dict[str, int]
    items: list[RankOut]


class RiskOut(Schema):
    """One task at risk of missing its deadline: its score (0..100), level and reasons (reporting/risk.py)."""

    task_id: int
    code: str
    title: str
    lead: str
    lead_name: str
    due_in_force: date
    score: int
    level: str
    reasons: list[str]
    time_used: float
    progress: int | None
    missed_reports: int
    extensions: int
    open_obstacles: int


class RisksOut(Schema):
    unit: str
    programme: str | None
    as_of: date
    within_days: int
    threshold: int
    count: int
    items: list[RiskOut]


class ErrorOut(Schema):
    detail: str


def _programme(code: str | None) -> Programme | None:
    if not code:
        return None
    programme = Programme.objects.filter(code=code.strip().upper()).first()
    if programme is None:
        raise Http404
    return programme


@router.get("/dashboard", response={200: DashboardOut, 404: ErrorOut}, operation_id="get_dashboard")
@replica_reads
def dashboard(
    request,
    unit: str | None = None,
    programme: str | None = None,
    as_of: date | None = None,
    compare: date | None = None,
    group: list[int] = Query(None),  # noqa: B008
    parent: str | None = None,
):
    """The dashboard of a unit: summary, change since the compared date (default: the previous quarter's
    end), breakdowns by sub-unit and by task group."""
    scope = Scope.for_user(request.user)
    u = scope.get_unit(unit) if unit else scope.default_unit()
    if u is None:
        raise Http404
    prog = _programme(programme)
    groups = list(TaskGroup.objects.filter(programme=prog, number__in=group or [])) if prog else []
    parent_task = None
    if parent:
        from dondoc.tasks.selectors import visible_tasks

        parent_task = (
            visible_tasks(scope).filter(code=parent, **({"programme": prog} if prog else {})).first()
        )
        if parent_task is None:
            raise Http404
    params = selectors.Params(
        unit=u,
        programme=prog,
        groups=groups,
        parent_task=parent_task,
        as_of=as_of or status.today(),
        compare=compare,
    )
    dash = selectors.dashboard(params, scope, panels=["units", "groups"])
    return dash.as_json()


@router.get("/ranking", response={200: RankingOut, 404: ErrorOut}, operation_id="get_ranking")
@replica_reads
def ranking(request, unit: str | None = None, programme: str | None = None, as_of: date | None = None):
    """The emulation ranking of a unit's sub-units, with the figures behind each rank."""
    scope = Scope.for_user(request.user)
    u = scope.get_unit(unit) if unit else scope.default_unit()
    if u is None or not scope.covers_subtree(u):
        raise Http404
    prog = _programme(programme)
    as_of = as_of or status.today()
    rows, weights, _ = selectors.ranking(u, prog, as_of, scope)
    return {
        "unit": u.code,
        "programme": prog.code if prog else None,
        "as_of": as_of,
        "weights": dict(zip(("on_time", "overdue", "timeliness"), weights, strict=True)),
        "items": [
            {
                "rank": r.rank,
                "unit": r.unit.code,
                "name": r.unit.name,
                "score": r.score,
                "on_time_rate": r.on_time_rate,
                "overdue_share": r.overdue_share,
                "timeliness": r.timeliness,
                "expected_reports": r.expected_reports,
                "on_time_reports": r.on_time_reports,
                "counts": r.counts.as_dict(),
            }
            for r in rows
        ],
    }


@router.get("/risks", response={200: RisksOut, 404: ErrorOut}, operation_id="list_risks")
@replica_reads
def risks(
    request,
    unit: str | None = None,
    programme: str | None = None,
    as_of: date | None = None,
    within: int = Query(risk.WITHIN_DAYS, ge=1, le=3660),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    """The tasks of a unit's subtree at risk of missing their deadline as of a date (score ≥ the threshold,
    deadline in force within `within` days), highest first, with the reasons in Vietnamese — the early warning
    of the dashboard (docs/early-warning.md). 404 for a unit outside the caller's scope."""
    scope = Scope.for_user(request.user)
    u = scope.get_unit(unit) if unit else scope.default_unit()
    if u is None:
        raise Http404
    as_of = as_of or status.today()
    # No comparison on this list: the compared date is the as-of date itself (never before 01/01/0001).
    params = selectors.Params(unit=u, programme=_programme(programme), as_of=as_of, compare=as_of)
    found = selectors.risky_tasks(params, scope, limit=limit, offset=offset, within=within)
    return {
        "unit": u.code,
        "programme": params.programme.code if params.programme else None,
        "as_of": params.as_of,
        "within_days": within,
        "threshold": risk.AT_RISK,
        "count": found.total,
        "items": [
            {
                "task_id": r.task.pk,
                "code": r.task.code,
                "title": r.task.title,
                "lead": r.task.lead.code,
                "lead_name": r.task.lead.name,
                "due_in_force": r.task.due_now,
                "score": r.score,
                "level": r.level,
                "reasons": r.reasons,
                "time_used": r.inputs.time_used,
                "progress": r.inputs.progress,
                "missed_reports": r.inputs.missed,
                "extensions": r.inputs.extensions,
                "open_obstacles": r.inputs.obstacles,
            }
            for r in found.rows
        ],
    }
