"""What the dashboard, the ranking and the API show: one place that gathers the figures.

Every status number comes from dondoc.tasks.status / dondoc.tasks.selectors; this module only chooses the
tasks (unit subtree, programme, groups, key project), the dates, and puts the figures side by side.
Each function runs a fixed number of queries, whatever the number of tasks or units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from dondoc.reporting import risk
from dondoc.tasks import selectors as task_selectors
from dondoc.tasks import snapshots, status
from dondoc.tasks.models import Programme, Task, TaskGroup
from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import sort_key

PANELS = {
    "summary": "Tổng hợp tình hình",
    "units": "Theo đơn vị",
    "groups": "Theo nhóm nhiệm vụ",
    "overdue": "Nhiệm vụ quá hạn",
    "upcoming": "Đến hạn trong 30 ngày tới",
    "risk": "Nhiệm vụ có nguy cơ chậm",
    "reporting": "Báo cáo kỳ này",
    "indicators": "Chỉ tiêu",
    "trend": "Diễn biến",
}
SORTS = {
    "name": "Tên",
    "total": "Tổng số",
    "done": "Hoàn thành",
    "overdue": "Quá hạn",
    "rate": "Tỷ lệ đúng hạn",
}
LIST_LIMIT = 10
UPCOMING_DAYS = 30
TREND_POINTS = {"month": 12, "quarter": 8}


# -- dates ---------------------------------------------------------------------------------------------
def quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def previous_quarter_end(as_of: date) -> date:
    """The "compare with" date by default: the end of the last quarter that ended before `as_of`."""
    return quarter_start(as_of) - timedelta(days=1)


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def trend_dates(as_of: date, by: str = "month") -> list[date]:
    """The points of the trend: the ends of the months (or quarters) before `as_of`, then `as_of` itself."""
    n = TREND_POINTS.get(by, 12)
    points = [as_of]
    d = as_of
    while len(points) < n:
        d = (quarter_start(d) if by == "quarter" else d.replace(day=1)) - timedelta(days=1)
        points.append(d)
    return sorted(points)


# -- what is shown --------------------------------------------------------------------------------------
@dataclass
class Params:
    """The choices behind a dashboard: the saved view stores the same."""

    unit: Unit
    programme: Programme | None = None
    groups: list[TaskGroup] = field(default_factory=list)
    parent_task: Task | None = None
    as_of: date = field(default_factory=lambda: status.today())
    compare: date | None = None
    panels: list[str] = field(default_factory=lambda: list(PANELS))
    trend: str = "month"
    sort: str = "name"
    gsort: str = "name"

    def __post_init__(self) -> None:
        if self.compare is None:
            self.compare = previous_quarter_end(self.as_of)
        if self.trend not in TREND_POINTS:
            self.trend = "month"
        if self.sort not in SORTS:
            self.sort = "name"
        if self.gsort not in SORTS:
            self.gsort = "name"
        self.panels = [p for p in self.panels if p in PANELS] or list(PANELS)

    @property
    def filtered(self) -> bool:
        """True when the tasks are narrowed beyond unit and programme (groups or a key project)."""
        return bool(self.groups) or self.parent_task is not None


def narrowed(params: Params, qs: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks of the programme, the groups and the key project chosen."""
    if params.programme is not None:
        qs = qs.filter(programme=params.programme)
    if params.groups:
        qs = qs.filter(group__in=[g.pk for g in params.groups])
    if params.parent_task is not None:
        qs = qs.filter(Q(pk=params.parent_task.pk) | Q(parent=params.parent_task))
    return qs


def tasks(params: Params, scope: Scope) -> QuerySet[Task]:
    """The tasks a dashboard counts: the unit's subtree in scope, the programme, the groups, the key project."""
    return narrowed(params, task_selectors.tasks_for_unit(params.unit, scope=scope))


@dataclass(frozen=True)
class Delta:
    """A figure as of the date, as of the compared date, and the change."""

    now: int
    then: int

    @property
    def change(self) -> int:
        return self.now - self.then


def deltas(now: status.Counts, then: status.Counts) -> dict[str, Delta]:
    return {f: Delta(getattr(now, f), getattr(then, f)) for f in status.FIELDS}


def breakdown(
    params: Params, scope: Scope, *, units: bool = True, groups: bool = True
) -> tuple[dict[object, status.Counts], dict[object, status.Counts]]:
    """Counts as of the date by direct sub-unit (its subtree; 0 for the unit's own tasks) and by task group,
    from one GROUP BY over (sub-unit, group) of the dashboard's tasks: one pass for both panels."""
    units = units and scope.covers_subtree(params.unit)  # sub-units only for a scope that reads them all
    if not (units or groups):
        return {}, {}
    if not units:
        return {}, status.count_by(tasks(params, scope), "group_id", params.as_of)
    # The sub-units are shown only to a scope that reads the whole subtree: count_by_child keeps the subtree.
    # The whole of one programme comes from the kept counts (dondoc.tasks.snapshots).
    kept = None
    if params.programme is not None and not params.filtered:
        kept = snapshots.breakdown(params.unit, params.programme, [params.as_of])
    if kept is not None:
        by_pair = kept[params.as_of]
    else:
        by_pair = status.count_by_child(
            narrowed(params, Task.objects.all()), params.unit, params.as_of, also=("group_id",)
        )
    parts: tuple[dict[object, list], dict[object, list]] = ({}, {})
    for (child, group_id), c in by_pair.items():
        parts[0].setdefault(child, []).append(c)
        parts[1].setdefault(group_id, []).append(c)
    by_child, by_group = ({k: status.Counts.summed(v) for k, v in part.items()} for part in parts)
    return by_child, by_group


def _sort_key(sort: str, name: str, c: status.Counts):
    if sort == "total":
        return (-c.total, sort_key(name))
    if sort == "done":
        return (-c.done, sort_key(name))
    if sort == "overdue":
        return (-c.overdue, sort_key(name))
    if sort == "rate":
        rate = c.on_time_rate
        return (rate is None, -(rate or 0), sort_key(name))
    return (sort_key(name),)


@dataclass
class Row:
    """One line of a breakdown: what it is, where it leads, its counts and the counts at the compared date."""

    key: object
    name: str
    counts: status.Counts
    own: bool = False
    obj: object = None


def unit_rows(params: Params, scope: Scope, by_child: dict | None = None) -> list[Row]:
    """Breakdown by sub-unit, sorted as asked (Vietnamese order by name by default; the unit's own tasks first).
    `by_child`: the counts by sub-unit when already computed (breakdown())."""
    if by_child is None:
        by_child, _ = breakdown(params, scope, groups=False)
    rows = [
        Row(u.code, u.name, c, own=(u.pk == params.unit.pk), obj=u)
        for u, c in task_selectors.child_rows(params.unit, by_child)
    ]
    own = [r for r in rows if r.own]
    others = sorted((r for r in rows if not r.own), key=lambda r: _sort_key(params.sort, r.name, r.counts))
    return own + others


def group_rows(params: Params, scope: Scope, by_group: dict | None = None) -> list[Row]:
    """Breakdown by task group; tasks without a group last. `by_group`: the counts when already computed."""
    if by_group is None:
        _, by_group = breakdown(params, scope, units=False)
    ids = [k for k in by_group if k is not None]
    groups = {g.pk: g for g in TaskGroup.objects.filter(pk__in=ids).select_related("programme")}
    rows = [
        Row(
            g.pk,
            f"{g.number}. {g.name}" if params.programme else f"{g.programme.code} · {g.number}. {g.name}",
            by_group[g.pk],
            obj=g,
        )
        for g in groups.values()
    ]
    if params.gsort == "name":
        rows.sort(key=lambda r: (r.obj.programme.code, r.obj.number))
    else:
        rows.sort(key=lambda r: _sort_key(params.gsort, r.name, r.counts))
    if None in by_group:
        rows.append(Row(None, "Chưa xếp nhóm", by_group[None]))
    return rows


def overdue_tasks(params: Params, scope: Scope, limit: int = LIST_LIMIT) -> list[Task]:
    """The overdue tasks, longest overdue first, each with `days_overdue` as of the date."""
    rows = status.first_by_deadline(
        tasks(params, scope).select_related("lead", "programme"), status.OVERDUE, params.as_of, limit
    )
    for t in rows:
        t.days_overdue = (params.as_of - t.due_now).days
    return rows


def upcoming_tasks(
    params: Params, scope: Scope, days: int = UPCOMING_DAYS, limit: int = LIST_LIMIT
) -> list[Task]:
    """Open tasks whose deadline in force falls within the next `days` days."""
    horizon = params.as_of + timedelta(days=days)
    rows = status.first_by_deadline(
        tasks(params, scope).select_related("lead", "programme"), status.IN_TERM, params.as_of, limit, horizon
    )
    for t in rows:
        t.days_left = (t.due_now - params.as_of).days
    return rows


@dataclass
class AtRisk:
    """The first tasks at risk of missing their deadline (reporting/risk.py), highest first, and how many there
    are in all."""

    rows: list
    total: int


def risky_tasks(
    params: Params, scope: Scope, limit: int = LIST_LIMIT, offset: int = 0, within: int = risk.WITHIN_DAYS
) -> AtRisk:
    """The tasks at risk as of the date (deadlines in the next `within` days), `limit` from `offset`."""
    found = risk.at_risk(tasks(params, scope).select_related("programme"), params.as_of, within=within)
    return AtRisk(found[offset : offset + limit], len(found))


def trend(params: Params, scope: Scope) -> list[tuple[date, status.Counts]]:
    """The counts at each month (or quarter) end, as of the date last."""
    return sorted(figures(params, scope, trend_dates(params.as_of, params.trend)).items())


# -- other apps' figures, when those apps are there ---------------------------------------------------
def completeness(params: Params):
    """Reporting completeness of the current period (dondoc.reporting), or None when reporting is absent."""
    try:
        from dondoc.reporting.selectors import current_completeness
    except (ImportError, AttributeError):
        return None
    return current_completeness(params.unit, params.programme, params.as_of)


def achievement(params: Params, scope: Scope):
    """Indicator achievement (dondoc.indicators), or None when indicators are absent."""
    if params.programme is None:  # indicators belong to a programme
        return None
    try:
        from dondoc.indicators.selectors import achievement_table
    except (ImportError, AttributeError):
        return None
    return achievement_table(params.unit, params.programme, year=params.as_of.year, scope=scope)


def timeliness_rate(expected: int | None, on_time: int | None) -> float | None:
    """The reporting app's one definition of timeliness (None when reporting is absent or nothing expected)."""
    try:
        from dondoc.reporting.selectors import timeliness_rate as rate
    except (ImportError, AttributeError):
        return None
    return rate(expected, on_time)


def timeliness(unit: Unit, programme: Programme | None, start: date, end: date) -> dict | None:
    """Reporting timeliness per sub-unit {unit_id: (expected, on_time)}, or None when reporting is absent."""
    try:
        from dondoc.reporting.selectors import timeliness_by_unit
    except (ImportError, AttributeError):
        return None
    return timeliness_by_unit(unit, programme, start, end)


# -- the whole dashboard ----------------------------------------------------------------------------------
@dataclass
class Dashboard:
    params: Params
    counts: status.Counts
    compare_counts: status.Counts
    units: list[Row]
    groups: list[Row]
    overdue: list[Task]
    upcoming: list[Task]
    trend: list[tuple[date, status.Counts]]
    completeness: object = None
    achievement: object = None

    @property
    def deltas(self) -> dict[str, Delta]:
        return deltas(self.counts, self.compare_counts)

    @property
    def sentence(self) -> str:
        return self.counts.sentence

    def as_json(self) -> dict:
        p = self.params

        def row(r: Row) -> dict:
            return {"key": r.key, "name": r.name, "own": r.own, **r.counts.as_dict()}

        return {
            "unit": p.unit.code,
            "programme": p.programme.code if p.programme else None,
            "groups": [g.number for g in p.groups],
            "parent_task": p.parent_task.code if p.parent_task else None,
            "as_of": p.as_of.isoformat(),
            "compare": p.compare.isoformat(),
            **self.counts.as_dict(),
            "sentence": self.sentence,
            "compare_counts": self.compare_counts.as_dict(),
            "changes": {k: v.change for k, v in self.deltas.items()},
            "by_unit": [row(r) for r in self.units],
            "by_group": [row(r) for r in self.groups],
        }


def figures(
    params: Params, scope: Scope, dates: list[date], by_child: dict | None = None
) -> dict[date, status.Counts]:
    """The counts as of the date and at each other date (comparison, trend points).

    The whole subtree of one programme, read by a scope that covers it, takes its past days from the kept
    snapshots (dondoc.tasks.snapshots) and its figures as of the date from the sub-unit breakdown when that was
    counted (`by_child`: their sum is every task of the subtree). Narrowed dashboards (groups, a key project)
    count every date in one pass over their tasks."""
    whole = params.programme is not None and not params.filtered and scope.covers_subtree(params.unit)
    if not whole:
        return status.count_series(tasks(params, scope), [params.as_of, *dates])
    if by_child is None:
        return snapshots.subtree_series(params.unit, params.programme, [params.as_of, *dates])
    # The trend ends on the date itself: that point is the breakdown's sum, not a count of its own.
    series = snapshots.subtree_series(params.unit, params.programme, [d for d in dates if d != params.as_of])
    series[params.as_of] = status.Counts.summed(by_child.values())
    return series


def dashboard(params: Params, scope: Scope, *, panels: list[str] | None = None) -> Dashboard:
    """Gather the figures of the chosen panels. The summary is always computed."""
    panels = params.panels if panels is None else panels
    with_units = "units" in panels and scope.covers_subtree(params.unit)
    points = trend_dates(params.as_of, params.trend) if "trend" in panels else []
    with_groups = "groups" in panels
    by_child, by_group = breakdown(params, scope, units=with_units, groups=with_groups)
    series = figures(params, scope, [params.compare, *points], by_child if with_units else None)
    return Dashboard(
        params=params,
        counts=series[params.as_of],
        compare_counts=series[params.compare],
        units=unit_rows(params, scope, by_child) if with_units else [],
        groups=group_rows(params, scope, by_group) if with_groups else [],
        overdue=overdue_tasks(params, scope) if "overdue" in panels else [],
        upcoming=upcoming_tasks(params, scope) if "upcoming" in panels else [],
        trend=[(d, series[d]) for d in sorted(set(points))],
        completeness=completeness(params) if "reporting" in panels else None,
        achievement=achievement(params, scope) if "indicators" in panels else None,
    )


# -- ranking for emulation (thi đua) ---------------------------------------------------------------------
DEFAULT_WEIGHTS = (50, 30, 20)


@dataclass
class RankRow:
    """One unit in the ranking, with the figures behind its score."""

    unit: Unit
    counts: status.Counts
    on_time_rate: float | None
    overdue_share: float | None
    expected_reports: int | None
    on_time_reports: int | None
    timeliness: float | None
    score: float | None
    rank: int | None = None


def weights_for(unit: Unit, programme: Programme | None) -> tuple[int, int, int]:
    from .models import RankingWeights

    w = RankingWeights.objects.filter(unit=unit, programme=programme).first()
    return (w.on_time, w.overdue, w.timeliness) if w else DEFAULT_WEIGHTS


def score(on_time_rate, over_share, timely, weights: tuple[int, int, int]) -> float | None:
    """The weighted score 0..1: on-time rate, 1 − overdue share, reporting timeliness. A criterion without
    figures is left out and the other weights count in proportion; no figures at all → no score."""
    parts = [
        (weights[0], on_time_rate),
        (weights[1], None if over_share is None else 1 - over_share),
        (weights[2], timely),
    ]
    used = [(w, v) for w, v in parts if v is not None and w > 0]
    total = sum(w for w, _ in used)
    if not total:
        return None
    return sum(w * v for w, v in used) / total


def ranking(
    unit: Unit,
    programme: Programme | None,
    as_of: date,
    scope: Scope,
    weights: tuple[int, int, int] | None = None,
) -> tuple[list[RankRow], tuple[int, int, int], bool]:
    """The sub-units of `unit` ranked by their weighted score; ties share a rank and sort by name.

    Returns the rows, the weights used and whether reporting timeliness was available."""
    weights = weights or weights_for(unit, programme)
    children = [
        (u, c)
        for u, c in task_selectors.child_breakdown(unit, programme=programme, as_of=as_of, scope=scope)
        if u.pk != unit.pk
    ]
    year_start = date(as_of.year, 1, 1)
    timely = timeliness(unit, programme, year_start, as_of)
    rows = []
    for u, c in children:
        expected, on_time = (timely or {}).get(u.pk, (None, None))
        t_share = timeliness_rate(expected, on_time)
        r_on_time, r_over = c.on_time_rate, c.overdue_share
        rows.append(
            RankRow(
                u,
                c,
                r_on_time,
                r_over,
                expected,
                on_time,
                t_share,
                score(r_on_time, r_over, t_share, weights),
            )
        )
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.counts.overdue, sort_key(r.unit.name)))
    rank, previous = 0, object()
    for i, r in enumerate(rows, start=1):
        if r.score is None:
            continue
        key = round(r.score, 6)
        if key != previous:
            rank, previous = i, key
        r.rank = rank
    return rows, weights, bool(timely)
