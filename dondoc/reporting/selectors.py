"""Reads of the reporting cycle: what is due, completeness and timeliness. One definition, used by the pages,
the API, the `completeness` command and the dashboards.

Definitions (shared/domain.md): for a period and the units that must report under its schedule, a report is
**on time** if submitted (status submitted or accepted) on or before the deadline, **late** if after,
**missing** if absent — a returned report counts as missing until it is sent again. Figures "as of D" only
count submissions made on or before D. completeness = (on_time + late) / expected; timeliness = on_time /
expected. Counts are aggregate queries per schedule, never a loop over reports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Count, F, Q, QuerySet

from dondoc.tasks.models import Programme, Task
from dondoc.units.models import Unit
from dondoc.units.scope import Scope

from .models import Notification, Obstacle, Period, ProgressReport, Schedule

COUNTED = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)


def unread_count(user) -> int:
    """Unread in-app notifications (the bell)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def schedules_for(programme: Programme | None) -> QuerySet[Schedule]:
    qs = Schedule.objects.filter(active=True).select_related("owner", "programme")
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.order_by("period_type", "pk")


def expected_units(schedule: Schedule, under: Unit) -> QuerySet[Unit]:
    """The units of `under`'s subtree that must report under this schedule."""
    return schedule.reporting_units().filter(path__startswith=under.path)


def schedules_of_unit(unit: Unit) -> list[Schedule]:
    """The active schedules this unit reports under."""
    return [
        s
        for s in Schedule.objects.filter(active=True).select_related("programme", "owner")
        if s.reporting_units().filter(pk=unit.pk).exists()
    ]


def due_periods(unit: Unit, as_of: date) -> list[Period]:
    """Periods the unit may report on now: started, not locked, and either within the submission window
    (deadline not passed) or with the unit's report still unsent or returned — the oldest first."""
    out = []
    for s in schedules_of_unit(unit):
        qs = (
            Period.objects.filter(schedule=s, start__lte=as_of, locked=False)
            .filter(
                Q(deadline__gte=as_of)
                | (Q(end__lt=as_of) & ~Q(reports__unit=unit, reports__status__in=COUNTED))
            )
            .select_related("schedule__programme", "schedule__owner")
            .distinct()
            .order_by("end")
        )
        # An unsent past period stays due, but no further back than the last 3.
        periods = list(qs)
        past = [p for p in periods if p.deadline < as_of][-3:]
        out += past + [p for p in periods if p.deadline >= as_of]
    return sorted(out, key=lambda p: (p.end, p.schedule_id))


def unit_tasks(unit: Unit, programme: Programme) -> QuerySet[Task]:
    """The tasks the unit leads in the programme (what its report covers)."""
    return Task.objects.filter(lead=unit, programme=programme).select_related("group").order_by("code")


def last_items(unit: Unit, task_ids) -> dict:
    """The last submitted state of each task (from the latest sent or accepted report), by task id."""
    from .models import ReportItem

    out = {}
    for it in (
        ReportItem.objects.filter(task_id__in=task_ids, report__unit=unit, report__status__in=COUNTED)
        .select_related("report__period")
        .order_by("task_id", "-report__period__end")
    ):
        out.setdefault(it.task_id, it)
    return out


# -- completeness -------------------------------------------------------------------------------------------
def completeness_rate(expected: int | None, submitted: int | None) -> float | None:
    """Completeness = submitted / expected (0..1); None when nothing was expected. One definition."""
    return submitted / expected if expected else None


def timeliness_rate(expected: int | None, on_time: int | None) -> float | None:
    """Timeliness = on time / expected (0..1); None when nothing was expected. One definition."""
    return on_time / expected if expected else None


@dataclass
class PeriodCompleteness:
    """Completeness of one period: the contract's keys."""

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
    label: str = ""
    period_id: int | None = None

    def as_json(self) -> dict:
        d = asdict(self)
        for k in ("start", "end", "deadline"):
            d[k] = d[k].isoformat()
        d.pop("label")
        d.pop("period_id")
        return d


def _counts(schedule: Schedule, unit: Unit, periods: list[Period], as_of: date) -> dict[int, tuple[int, int]]:
    """{period_id: (on_time, late)} in one aggregate query."""
    rows = (
        ProgressReport.objects.filter(
            period__in=periods,
            status__in=COUNTED,
            submitted_on__lte=as_of,
            unit__in=expected_units(schedule, unit).values("pk"),
        )
        .values("period_id")
        .annotate(
            on_time=Count("pk", filter=Q(submitted_on__lte=F("period__deadline"))),
            late=Count("pk", filter=Q(submitted_on__gt=F("period__deadline"))),
        )
    )
    return {r["period_id"]: (r["on_time"], r["late"]) for r in rows}


def _row(p: Period, expected: int, on_time: int, late: int) -> PeriodCompleteness:
    missing = max(expected - on_time - late, 0)
    return PeriodCompleteness(
        period=p.code,
        start=p.start,
        end=p.end,
        deadline=p.deadline,
        expected=expected,
        on_time=on_time,
        late=late,
        missing=missing,
        completeness=completeness_rate(expected, on_time + late) or 0.0,
        timeliness=timeliness_rate(expected, on_time) or 0.0,
        label=p.label,
        period_id=p.pk,
    )


def completeness(
    unit: Unit, programme: Programme | None, as_of: date, scope: Scope | None = None
) -> list[PeriodCompleteness]:
    """One row per period ended on or before `as_of`, newest first, for the unit's subtree."""
    if scope is not None and not scope.covers(unit):
        return []
    out = []
    for s in schedules_for(programme):
        if not s.owner.path.startswith(unit.path) and not unit.path.startswith(s.owner.path):
            continue
        expected = expected_units(s, unit).count()
        if not expected:
            continue
        periods = list(Period.objects.filter(schedule=s, end__lte=as_of).order_by("-end"))
        counts = _counts(s, unit, periods, as_of)
        out += [_row(p, expected, *counts.get(p.pk, (0, 0))) for p in periods]
    out.sort(key=lambda r: (r.end, r.period), reverse=True)
    return out


def current_period(schedule: Schedule, as_of: date) -> Period | None:
    """The schedule's current period for chasing: the latest period that has ended by `as_of` (its reports
    are due now or overdue)."""
    return Period.objects.filter(schedule=schedule, end__lt=as_of).order_by("-end").first()


def current_completeness(unit: Unit, programme: Programme | None, as_of: date) -> list[PeriodCompleteness]:
    """For each schedule, completeness of its current period (the latest period ended before `as_of`,
    counting the reports sent so far — its deadline may not have passed yet)."""
    out = []
    for s in schedules_for(programme):
        p = current_period(s, as_of)
        expected = expected_units(s, unit).count() if p else 0
        if p and expected:
            out.append(_row(p, expected, *_counts(s, unit, [p], as_of).get(p.pk, (0, 0))))
    return out


def missing_units(unit: Unit, programme: Programme | None, as_of: date) -> list[tuple[Period, list[Unit]]]:
    """For each schedule's current period, the units of the subtree that have not sent their report."""
    out = []
    for s in schedules_for(programme):
        p = current_period(s, as_of)
        if p is None:
            continue
        sent = ProgressReport.objects.filter(period=p, status__in=COUNTED, submitted_on__lte=as_of).values(
            "unit_id"
        )
        units = list(expected_units(s, unit).exclude(pk__in=sent).order_by("name_sort"))
        if units or expected_units(s, unit).exists():
            out.append((p, units))
    return out


CELL_LABELS = {
    "on_time": "Đúng hạn",
    "late": "Muộn",
    "missing": "Chưa gửi",
    "open": "Chưa đến hạn",
    "": "—",
}


class GridCell(NamedTuple):
    """One cell: status "on_time", "late", "missing", "open" (deadline not passed yet) or "" (not due)."""

    status: str
    label: str


class GridRow(NamedTuple):
    unit: Unit
    cells: list[GridCell]


@dataclass
class Grid:
    """Units × periods, one cell each."""

    periods: list[Period]
    rows: list[GridRow]


def recent_periods(programme: Programme | None, as_of: date, per_schedule: int = 6) -> list[Period]:
    """The periods the grid shows by default: the last few started by `as_of` of each schedule."""
    out: list[Period] = []
    for s in schedules_for(programme):
        out += list(
            Period.objects.filter(schedule=s, start__lte=as_of)
            .select_related("schedule")
            .order_by("-end")[:per_schedule]
        )
    out.sort(key=lambda p: (p.schedule.period_type, p.end))
    return out


def completeness_grid(
    unit: Unit,
    programme: Programme | None,
    periods: list[Period] | None = None,
    as_of: date | None = None,
    scope: Scope | None = None,
) -> Grid:
    """The units of the unit's subtree that must report × the given periods (default: the recent ones).
    Submissions after `as_of` are not counted; a period whose deadline has not passed shows "open"."""
    if scope is not None and not scope.covers_subtree(unit):
        return Grid(periods=[], rows=[])
    if periods is None:
        periods = recent_periods(programme, as_of or date.today())
    by_schedule: dict[int, set[int]] = {}
    units: dict[int, Unit] = {}
    for s in {p.schedule for p in periods}:
        us = list(expected_units(s, unit))
        by_schedule[s.pk] = {u.pk for u in us}
        units.update({u.pk: u for u in us})
    reports = {
        (r["unit_id"], r["period_id"]): r
        for r in ProgressReport.objects.filter(period__in=periods, unit_id__in=units, status__in=COUNTED)
        .filter(**({"submitted_on__lte": as_of} if as_of else {}))
        .values("unit_id", "period_id", "submitted_on", "period__deadline")
    }
    rows = []
    for u in sorted(units.values(), key=lambda u: (u.kind, u.name_sort)):
        cells = []
        for p in periods:
            if u.pk not in by_schedule.get(p.schedule_id, ()):
                code = ""
            elif r := reports.get((u.pk, p.pk)):
                code = "on_time" if r["submitted_on"] <= r["period__deadline"] else "late"
            elif as_of is not None and p.deadline >= as_of:
                code = "open"
            else:
                code = "missing"
            cells.append(GridCell(code, CELL_LABELS[code]))
        rows.append(GridRow(u, cells))
    return Grid(periods=periods, rows=rows)


def timeliness_by_unit(
    unit: Unit, programme: Programme | None, start: date, end: date
) -> dict[int, tuple[int, int]]:
    """For each unit of the subtree that must report: (expected reports, reports on time) over the periods
    whose cut-off falls in [start, end]. One aggregate query per schedule."""
    out: dict[int, list[int]] = {}
    for s in schedules_for(programme):
        periods = Period.objects.filter(schedule=s, end__gte=start, end__lte=end)
        n = periods.count()
        if not n:
            continue
        ids = list(expected_units(s, unit).values_list("pk", flat=True))
        for uid in ids:
            out.setdefault(uid, [0, 0])[0] += n
        rows = (
            ProgressReport.objects.filter(
                period__in=periods,
                unit_id__in=ids,
                status__in=COUNTED,
                submitted_on__lte=F("period__deadline"),
            )
            .values("unit_id")
            .annotate(n=Count("pk"))
        )
        for r in rows:
            out[r["unit_id"]][1] += r["n"]
    return {k: (v[0], v[1]) for k, v in out.items()}


# -- review and obstacles -----------------------------------------------------------------------------------------
def reports_for_review(
    scope: Scope, status: str | None = ProgressReport.Status.SUBMITTED
) -> QuerySet[ProgressReport]:
    """Reports the office reviews: units in its managed subtree."""
    qs = ProgressReport.objects.filter(unit__in=scope.managed_units().values("pk")).exclude(
        status=ProgressReport.Status.DRAFT
    )
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("period__schedule", "unit", "submitted_by").order_by("-submitted_at", "-pk")


def visible_obstacles(scope: Scope) -> QuerySet[Obstacle]:
    """Obstacles raised by or addressed to a unit in scope."""
    return Obstacle.objects.filter(scope.unit_q("raised_by__") | scope.unit_q("addressed_to__"))


def open_obstacles(
    unit: Unit, programme: Programme | None = None, as_of: date | None = None, scope: Scope | None = None
) -> QuerySet[Obstacle]:
    """Obstacles and proposals raised in the unit's subtree and not yet resolved (as of a date: raised by
    then and not answered as resolved by then), oldest first."""
    qs = Obstacle.objects.filter(raised_by__path__startswith=unit.path)
    if scope is not None:
        qs = qs.filter(pk__in=visible_obstacles(scope).values("pk"))
    if programme is not None:
        qs = qs.filter(programme=programme)
    if as_of is not None:
        qs = qs.filter(raised_on__lte=as_of).exclude(status=Obstacle.Status.RESOLVED, responded_on__lte=as_of)
    else:
        qs = qs.exclude(status=Obstacle.Status.RESOLVED)
    return qs.select_related("raised_by", "addressed_to", "task").order_by("raised_on", "pk")


def late_reasons(task_ids, as_of: date) -> dict[int, str]:
    """Why each task is late, as the lead unit said it by D: an obstacle on the task still open at D, else the
    obstacles (or the reason for an extension asked) written in its latest report item sent by D that gives one.
    Two queries, whatever the number of tasks; tasks with no reason given are absent."""
    from .models import ReportItem

    ids = list(task_ids) or [0]
    out: dict[int, str] = {}
    items = (
        ReportItem.objects.filter(
            task_id__in=ids, report__status__in=COUNTED, report__submitted_on__lte=as_of
        )
        .filter(~Q(obstacles="") | ~Q(extension_reason=""))
        .order_by("task_id", "-report__period__end", "-id")
        .values_list("task_id", "obstacles", "extension_reason")
    )
    for task_id, obstacles, extension_reason in items:
        out.setdefault(task_id, (obstacles or extension_reason).strip())
    open_ = (
        Obstacle.objects.filter(task_id__in=ids, raised_on__lte=as_of)
        .exclude(status=Obstacle.Status.RESOLVED, responded_on__lte=as_of)
        .order_by("task_id", "-raised_on", "-id")
        .values_list("task_id", "text")
    )
    first: dict[int, str] = {}
    for task_id, text in open_:
        first.setdefault(task_id, text.strip())
    out.update(first)
    return out
