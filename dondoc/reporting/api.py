"""The reporting API (under /api/v1/reporting/): what is due, drafts with a version, submissions with an
Idempotency-Key, review, obstacles, completeness. Everything through the caller's scope; outside it: 404."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Router, Schema, Status

from dondoc.tasks import status as task_status
from dondoc.tasks.models import Programme
from dondoc.units.api import Error
from dondoc.units.models import Unit
from dondoc.units.scope import Scope

from . import actions, selectors
from .models import Obstacle, Period, ProgressReport

router = Router(tags=["reporting"])  # ASCII for generated clients; described in dondoc/api/api.py


class ItemIn(Schema):
    task: int
    state: str = "not_started"
    percent: int = 0
    completed_on: date | None = None
    done_this_period: str = ""
    output_note: str = ""
    obstacles: str = ""
    proposals: str = ""
    extension_until: date | None = None
    extension_reason: str = ""
    links: list[str] = []


class DraftIn(Schema):
    version: int
    items: list[ItemIn]


class ItemOut(Schema):
    task: int
    task_code: str
    state: str
    percent: int
    completed_on: date | None
    done_this_period: str
    output_note: str
    obstacles: str
    proposals: str
    extension_until: date | None
    extension_reason: str
    evidence: list[str]


class ReportOut(Schema):
    id: int | None
    period: str
    period_id: int
    unit: str
    status: str
    version: int
    submitted_on: date | None
    on_time: bool | None
    review_comment: str
    items: list[ItemOut]


class DueTask(Schema):
    id: int
    code: str
    title: str
    due: date | None
    recurring: bool
    status: str


class DueOut(Schema):
    period_id: int
    period: str
    schedule: str
    programme: str
    start: date
    end: date
    deadline: date
    locked: bool
    report_status: str
    version: int
    tasks: list[DueTask]


class CommentIn(Schema):
    comment: str


class ObstacleIn(Schema):
    kind: str
    text: str
    raised_by: str
    addressed_to: str | None = None
    task: int | None = None
    programme: str = "NQ57"


class ObstacleOut(Schema):
    id: int
    kind: str
    text: str
    task: str | None
    raised_by: str
    addressed_to: str | None
    status: str
    response: str
    raised_on: date
    responded_on: date | None


class CompletenessOut(Schema):
    period: str
    start: date
    end: date
    deadline: date
    expected: int
    on_time: int
    late: int
    missing: int
    completeness: float
    timeliness: float


def _scope(request) -> Scope:
    return Scope.for_user(request.user)


def _period(period_id: int) -> Period:
    p = Period.objects.select_related("schedule__programme", "schedule__owner").filter(pk=period_id).first()
    if p is None:
        raise Http404
    return p


def _reporting_unit(scope: Scope, code: str) -> Unit:
    unit = scope.get_unit(code)
    if not scope.reports_for(unit):
        raise Http404
    return unit


def report_out(report: ProgressReport) -> dict:
    items = getattr(report, "sent_items", None)  # just sent: the items in hand, not read again
    if items is not None:
        items = sorted(items, key=lambda it: it.task.code)
    else:
        items = list(report.items.select_related("task").prefetch_related("evidence")) if report.pk else []
        for it in items:
            it.evidence_names = [ev.url or ev.name for ev in it.evidence.all()]
    return {
        "id": report.pk,
        "period": report.period.code,
        "period_id": report.period_id,
        "unit": report.unit.code,
        "status": report.status,
        "version": report.version,
        "submitted_on": report.submitted_on,
        "on_time": report.on_time,
        "review_comment": report.review_comment,
        "items": [
            {
                "task": it.task_id,
                "task_code": it.task.code,
                "state": it.state,
                "percent": it.percent,
                "completed_on": it.completed_on,
                "done_this_period": it.done_this_period,
                "output_note": it.output_note,
                "obstacles": it.obstacles,
                "proposals": it.proposals,
                "extension_until": it.extension_until,
                "extension_reason": it.extension_reason,
                "evidence": it.evidence_names,
            }
            for it in items
        ],
    }


@router.get("/reporting/due", response=list[DueOut], operation_id="list_due_reports")
def due(request, unit: str | None = None):
    """The periods the caller's unit may report on now, with the tasks it leads."""
    scope = _scope(request)
    if unit:
        units = [_reporting_unit(scope, unit)]
    else:
        units = list(Unit.objects.filter(pk__in=scope.reporter_unit_ids))
    as_of = task_status.today()
    actions.ensure_all_periods(as_of)
    out = []
    for u in units:
        for p in selectors.due_periods(u, as_of):
            report = actions.report_for(p, u)
            tasks = task_status.with_status(selectors.unit_tasks(u, p.schedule.programme), as_of)
            out.append(
                {
                    "period_id": p.pk,
                    "period": p.code,
                    "schedule": p.schedule.name,
                    "programme": p.schedule.programme.code,
                    "start": p.start,
                    "end": p.end,
                    "deadline": p.deadline,
                    "locked": p.locked,
                    "report_status": report.status,
                    "version": report.version,
                    "tasks": [
                        {
                            "id": t.pk,
                            "code": t.code,
                            "title": t.title,
                            "due": t.due_now,
                            "recurring": t.recurring,
                            "status": t.status,
                        }
                        for t in tasks
                    ],
                }
            )
    return out


@router.get(
    "/reporting/periods/{period_id}/reports/{unit}",
    response={200: ReportOut, 404: Error},
    operation_id="get_report",
)
def get_report(request, period_id: int, unit: str):
    """A unit's report for a period (an empty draft with version 0 if none yet). Reporters of the unit and
    the office above it."""
    scope = _scope(request)
    u = scope.get_unit(unit)
    if not (scope.reports_for(u) or scope.manages(u)):
        raise Http404
    return report_out(actions.report_for(_period(period_id), u))


@router.put(
    "/reporting/periods/{period_id}/reports/{unit}",
    response={200: ReportOut, 400: Error, 404: Error, 409: Error},
    operation_id="save_report",
)
def put_report(request, period_id: int, unit: str, payload: DraftIn):
    """Save the draft. `version` is the one read; a newer one answers 409 and nothing is written."""
    scope = _scope(request)
    u = _reporting_unit(scope, unit)
    report = actions.report_for(_period(period_id), u)
    try:
        report = actions.save_draft(
            report, _inputs(payload.items), actor=request.user, version=payload.version
        )
    except actions.VersionConflict as exc:
        return Status(409, {"detail": str(exc)})
    except actions.ReportingError as exc:
        return Status(400, {"detail": str(exc)})
    return report_out(report)


def _inputs(items: list[ItemIn]) -> list[actions.ItemInput]:
    return [
        actions.ItemInput(
            task_id=i.task,
            state=i.state,
            percent=i.percent,
            completed_on=i.completed_on,
            done_this_period=i.done_this_period,
            output_note=i.output_note,
            obstacles=i.obstacles,
            proposals=i.proposals,
            extension_until=i.extension_until,
            extension_reason=i.extension_reason,
            links=tuple(i.links),
        )
        for i in items
    ]


@router.post(
    "/reporting/periods/{period_id}/reports/{unit}/submit",
    response={200: ReportOut, 400: Error, 404: Error},
    operation_id="submit_report",
)
def submit(request, period_id: int, unit: str):
    """Send the saved draft. With an `Idempotency-Key` header a retried POST reports once and answers the same."""
    scope = _scope(request)
    u = _reporting_unit(scope, unit)
    report = actions.report_for(_period(period_id), u)
    try:
        report = actions.submit_report(
            report, actor=request.user, idempotency_key=request.headers.get("Idempotency-Key")
        )
    except actions.ReportingError as exc:
        return Status(400, {"detail": str(exc)})
    return report_out(report)


@router.post(
    "/reporting/periods/{period_id}/reports/{unit}",
    response={200: ReportOut, 400: Error, 404: Error, 409: Error},
    operation_id="save_and_submit_report",
)
def send_report(request, period_id: int, unit: str, payload: DraftIn):
    """Save and send the report in one request, all or nothing: what PUT then POST …/submit do, for a phone or
    another system. `version` is the one read (0 for a new report); with an `Idempotency-Key` header a retried
    POST reports once and answers the same."""
    scope = _scope(request)
    u = _reporting_unit(scope, unit)
    report = actions.report_for(_period(period_id), u)
    try:
        report = actions.save_and_submit(
            report,
            _inputs(payload.items),
            actor=request.user,
            version=payload.version,
            idempotency_key=request.headers.get("Idempotency-Key"),
        )
    except actions.VersionConflict as exc:
        return Status(409, {"detail": str(exc)})
    except actions.ReportingError as exc:
        return Status(400, {"detail": str(exc)})
    return report_out(report)


def _office_report(request, report_id: int) -> ProgressReport:
    report = selectors.reports_for_review(_scope(request), None).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


@router.post(
    "/reporting/reports/{report_id}/accept",
    response={200: ReportOut, 400: Error, 404: Error},
    operation_id="accept_report",
)
def accept(request, report_id: int):
    """The office accepts a submitted report (extension requests in it are approved)."""
    report = _office_report(request, report_id)
    try:
        report = actions.accept_report(report, actor=request.user)
    except actions.ReportingError as exc:
        return Status(400, {"detail": str(exc)})
    return report_out(report)


@router.post(
    "/reporting/reports/{report_id}/return",
    response={200: ReportOut, 400: Error, 404: Error},
    operation_id="return_report",
)
def return_(request, report_id: int, payload: CommentIn):
    """The office returns a submitted report with a comment."""
    report = _office_report(request, report_id)
    try:
        report = actions.return_report(report, actor=request.user, comment=payload.comment)
    except actions.ReportingError as exc:
        return Status(400, {"detail": str(exc)})
    return report_out(report)


def obstacle_out(ob: Obstacle) -> dict:
    return {
        "id": ob.pk,
        "kind": ob.kind,
        "text": ob.text,
        "task": ob.task.code if ob.task_id else None,
        "raised_by": ob.raised_by.code,
        "addressed_to": ob.addressed_to.code if ob.addressed_to_id else None,
        "status": ob.status,
        "response": ob.response,
        "raised_on": ob.raised_on,
        "responded_on": ob.responded_on,
    }


@router.get("/reporting/obstacles", response=list[ObstacleOut], operation_id="list_obstacles")
def obstacles(request, kind: str | None = None, status: str | None = None, unit: str | None = None):
    """Obstacles and proposals in scope (at most 500, newest first)."""
    scope = _scope(request)
    qs = selectors.visible_obstacles(scope).select_related("raised_by", "addressed_to", "task")
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if unit:
        qs = qs.filter(raised_by__path__startswith=scope.get_unit(unit).path)
    return [obstacle_out(o) for o in qs[:500]]


@router.post(
    "/reporting/obstacles", response={201: ObstacleOut, 400: Error, 404: Error}, operation_id="raise_obstacle"
)
def add_obstacle(request, payload: ObstacleIn):
    """Record an obstacle or proposal for a unit the caller reports for or manages."""
    scope = _scope(request)
    raised_by = scope.get_unit(payload.raised_by)
    if not (scope.reports_for(raised_by) or scope.manages(raised_by)):
        raise Http404
    addressed = scope.get_unit(payload.addressed_to) if payload.addressed_to else None
    task = None
    if payload.task:
        from dondoc.tasks.selectors import visible_tasks

        task = visible_tasks(scope).filter(pk=payload.task).first()
        if task is None:
            raise Http404
    programme = task.programme if task else Programme.objects.filter(code=payload.programme.upper()).first()
    if programme is None:
        raise Http404
    try:
        ob = actions.raise_obstacle(
            programme=programme,
            kind=payload.kind,
            text=payload.text,
            raised_by=raised_by,
            addressed_to=addressed,
            task=task,
            actor=request.user,
        )
    except actions.ReportingError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, obstacle_out(ob))


@router.get(
    "/reporting/completeness",
    response={200: list[CompletenessOut], 404: Error},
    operation_id="get_completeness",
)
def completeness(request, unit: str, programme: str, as_of: date | None = None):
    """The same list as `completeness --json`: one object per period ended by `as_of`, newest first."""
    scope = _scope(request)
    u = scope.get_unit(unit)
    if not scope.covers_subtree(u):
        raise Http404
    prog = Programme.objects.filter(code=programme.strip().upper()).first()
    if prog is None:
        raise Http404
    return [r.as_json() for r in selectors.completeness(u, prog, as_of or task_status.today(), scope=scope)]
