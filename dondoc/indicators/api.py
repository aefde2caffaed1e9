"""Indicator endpoints of /api/v1/: the catalogue, one indicator with its achievement, posting a value, and
reading the figures of a text. Everything through the caller's scope; outside it, 404."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Schema, Status

from dondoc.tasks.models import Programme
from dondoc.units.api import Error
from dondoc.units.scope import Scope

from . import selectors
from .actions import ValueRefused, record_value
from .figures import extract as extract_figures

router = Router(tags=["indicators"])  # ASCII for generated clients; described in dondoc/api/api.py


class TargetOut(Schema):
    year: int
    value: float
    unit: str | None


class BaselineOut(Schema):
    label: str
    value: float
    year: int | None


class IndicatorOut(Schema):
    id: int
    programme: str
    code: str
    name: str
    unit_of_measure: str
    value_kind: str
    direction: str
    applies_to: list[str]
    period_type: str
    rollup: str
    definition: str


class AchievementOut(Schema):
    unit: str
    indicator: str
    name: str
    measure: str
    period: str | None
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None
    target_year: int | None
    status: str
    status_label: str
    gap: float | None
    baseline: BaselineOut | None
    trend: str
    units: int
    own: bool
    approximate: bool


class IndicatorDetailOut(IndicatorOut):
    targets: list[TargetOut]
    baselines: list[BaselineOut]
    achievement: AchievementOut
    history: list[dict]


class ValueIn(Schema):
    unit: str
    period: str
    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    note: str = ""


class ValueOut(Schema):
    indicator: str
    unit: str
    period: str
    value: float
    numerator: float | None
    denominator: float | None
    note: str
    created: bool
    changed: bool


class TextIn(Schema):
    text: str


class FigureOut(Schema):
    value: float
    unit: str
    qualifier: str
    text: str
    sentence: str
    kind: str
    numerator: float | None
    denominator: float | None
    of: str


def _out(ind) -> dict:
    return {
        "id": ind.pk,
        "programme": ind.programme.code,
        "code": ind.code,
        "name": ind.name,
        "unit_of_measure": ind.unit_of_measure,
        "value_kind": ind.value_kind,
        "direction": ind.direction,
        "applies_to": list(ind.applies_to or []),
        "period_type": ind.period_type,
        "rollup": ind.rollup,
        "definition": ind.definition,
    }


@router.get("/indicators", response=list[IndicatorOut], operation_id="list_indicators")
def list_indicators(request, programme: str | None = None):
    """The indicator catalogue visible to the caller (of one programme if given)."""
    qs = selectors.visible_indicators(Scope.for_user(request.user)).select_related("programme")
    if programme:
        prog = Programme.objects.filter(code=programme.strip().upper()).first()
        if prog is None:
            raise Http404
        qs = qs.filter(programme=prog)
    return [_out(i) for i in qs.order_by("programme__code", "order", "code")]


@router.get(
    "/indicators/{indicator_id}", response={200: IndicatorDetailOut, 404: Error}, operation_id="get_indicator"
)
def get_indicator(
    request, indicator_id: int, unit: str | None = None, period: str | None = None, year: int | None = None
):
    """One indicator with its targets, baselines and its achievement at a unit (default: the caller's)."""
    scope = Scope.for_user(request.user)
    ind = selectors.get_indicator(scope, indicator_id)
    u = scope.get_unit(unit) if unit else scope.default_unit()
    if u is None:
        raise Http404
    row = selectors.achievement(ind, u, period=period, year=year, scope=scope)
    targets = [
        {"year": t.year, "value": float(t.value), "unit": t.unit.code if t.unit_id else None}
        for t in ind.targets.select_related("unit").order_by("year")
        if t.unit_id is None or scope.covers(t.unit)
    ]
    return {
        **_out(ind),
        "targets": targets,
        "baselines": [
            {"label": b.label, "value": float(b.value), "year": b.year} for b in ind.baselines.all()
        ],
        "achievement": {"unit": u.code, **row.as_json()},
        "history": [{"period": p.key, "value": float(f.value)} for p, f in row.history],
    }


@router.post(
    "/indicators/{indicator_id}/values",
    response={200: ValueOut, 400: Error, 404: Error},
    operation_id="record_value",
)
def post_value(request, indicator_id: int, payload: ValueIn):
    """Record a value for a unit and period ("99,30", "4/5", "1.780" accepted); refused with the reason."""
    scope = Scope.for_user(request.user)
    ind = selectors.get_indicator(scope, indicator_id)
    unit = scope.get_unit(payload.unit)
    try:
        done = record_value(
            ind,
            unit,
            payload.period,
            payload.value,
            numerator=payload.numerator,
            denominator=payload.denominator,
            note=payload.note,
            actor=request.user,
            scope=scope,
        )
    except ValueRefused as exc:
        return Status(400, {"detail": str(exc)})
    v = done.value
    return {
        "indicator": ind.code,
        "unit": unit.code,
        "period": v.period,
        "value": float(v.value),
        "numerator": float(v.numerator) if v.numerator is not None else None,
        "denominator": float(v.denominator) if v.denominator is not None else None,
        "note": v.source_note,
        "created": done.created,
        "changed": done.changed,
    }


@router.post("/figures/extract", response=list[FigureOut], operation_id="extract_figures")
def post_extract(request, payload: TextIn):
    """The figures a Vietnamese narrative states (as `extract_figures --json`)."""
    out = []
    for f in extract_figures(payload.text):
        d = f.as_json()
        d.pop("start")
        d.pop("end")
        out.append(d)
    return out
