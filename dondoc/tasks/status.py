"""The status engine: task status as of a date D (tính đến ngày D). One definition, used everywhere.

Rules (shared/domain.md):
- recurring (thường xuyên): no deadline; its own bucket whatever its progress;
- completed on time: done <= D and done <= due in force at D;  completed late: done <= D and done > due;
- open within deadline: not completed by D and D <= due;        open overdue: not completed by D and D > due;
- started (đang thực hiện) vs not started (chưa thực hiện) splits the open tasks.
The due date in force at D is the latest extension granted on or before D, else the original.

Everything here is a database expression: counts are one aggregate query, whatever the number of tasks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from dondoc.vn import format_int

from .models import DeadlineExtension, Task

ON_TIME = "on_time"
LATE = "late"
IN_TERM = "in_term"
OVERDUE = "overdue"
RECURRING = "recurring"

# Labels and colours as the users know them: green done, amber open within deadline, red overdue, grey recurring.
STATUS_LABELS = {
    ON_TIME: "Hoàn thành đúng hạn",
    LATE: "Hoàn thành quá hạn",
    IN_TERM: "Chưa hoàn thành — trong hạn",
    OVERDUE: "Chưa hoàn thành — quá hạn",
    RECURRING: "Thường xuyên",
}
STATUS_SHORT = {
    ON_TIME: "Đúng hạn",
    LATE: "Hoàn thành quá hạn",
    IN_TERM: "Trong hạn",
    OVERDUE: "Quá hạn",
    RECURRING: "Thường xuyên",
}
STATUS_COLOURS = {ON_TIME: "green", LATE: "green", IN_TERM: "amber", OVERDUE: "red", RECURRING: "grey"}
# Filter values offered on the catalogue page: the five statuses plus the two sums users ask for.
STATUS_FILTERS = {
    "done": "Đã hoàn thành",
    ON_TIME: STATUS_LABELS[ON_TIME],
    LATE: STATUS_LABELS[LATE],
    "open": "Chưa hoàn thành",
    IN_TERM: STATUS_LABELS[IN_TERM],
    OVERDUE: STATUS_LABELS[OVERDUE],
    "not_started": "Chưa thực hiện",
    RECURRING: STATUS_LABELS[RECURRING],
}


def today() -> date:
    """Vietnam's today (Asia/Ho_Chi_Minh), whatever the server's clock zone."""
    return timezone.localdate()


def due_in_force(as_of: date, *, extended: bool | None = None):
    """The deadline in force at `as_of`: the latest extension granted by then, else the original `due`.
    `extended`: the caller kept only tasks never extended (False) or only extended ones (True)."""
    if extended is False:
        return F("due")
    latest = (
        DeadlineExtension.objects.filter(task=OuterRef("pk"), granted_on__lte=as_of)
        .order_by("-granted_on", "-id")
        .values("new_due")[:1]
    )
    in_force = Coalesce(Subquery(latest, output_field=DateField()), F("due"))
    if extended:
        return in_force
    return Case(When(extended=True, then=in_force), default=F("due"), output_field=DateField())


def _q(as_of: date) -> dict[str, Q]:
    """The conditions of each bucket, over a queryset annotated with `due_now`."""
    recurring = Q(recurring=True) | Q(due_now__isnull=True)
    done = ~recurring & Q(done__lte=as_of)
    open_ = ~recurring & (Q(done__isnull=True) | Q(done__gt=as_of))
    started = Q(started__lte=as_of)
    return {
        "recurring": recurring,
        "done": done,
        "on_time": done & Q(done__lte=F("due_now")),
        "late": done & Q(done__gt=F("due_now")),
        "open": open_,
        "in_term": open_ & Q(due_now__gte=as_of),
        "overdue": open_ & Q(due_now__lt=as_of),
        "started": open_ & started,
        "not_started": open_ & ~started,
    }


def with_status(
    qs: QuerySet[Task], as_of: date | None = None, *, extended: bool | None = None
) -> QuerySet[Task]:
    """Annotate each task with `due_now` (deadline in force) and `status` (one of the five codes) as of D.
    `extended`: the caller kept only tasks never extended (False: the deadline in force is their own) or only
    extended ones (True)."""
    as_of = as_of or today()
    qs = qs.annotate(due_now=due_in_force(as_of, extended=extended))
    q = _q(as_of)
    return qs.annotate(
        status=Case(
            When(q["recurring"], then=Value(RECURRING)),
            When(q["on_time"], then=Value(ON_TIME)),
            When(q["late"], then=Value(LATE)),
            When(q["in_term"], then=Value(IN_TERM)),
            default=Value(OVERDUE),
            output_field=CharField(),
        ),
    )


def filter_status(qs: QuerySet[Task], status: str, as_of: date | None = None) -> QuerySet[Task]:
    """Keep the tasks in one bucket as of D (`status` is a key of STATUS_FILTERS)."""
    as_of = as_of or today()
    if "due_now" not in qs.query.annotations:
        qs = qs.annotate(due_now=due_in_force(as_of))
    qs = qs.filter(_q(as_of)[status])
    if status == OVERDUE:
        # An extension only ever moves a deadline later (extend_deadline refuses anything else), so the
        # deadline in force is never before the original: an overdue task's original deadline is before D.
        # Said plainly to the database, it reads the (programme, due) index instead of every task.
        qs = qs.filter(due__lt=as_of)
    return qs


def filter_due_by(qs: QuerySet[Task], due_by: date, as_of: date | None = None) -> QuerySet[Task]:
    """Keep the tasks whose deadline in force is on or before `due_by` (never recurring ones)."""
    as_of = as_of or today()
    if "due_now" not in qs.query.annotations:
        qs = qs.annotate(due_now=due_in_force(as_of))
    # The same reasoning: the original deadline is never after the deadline in force.
    return qs.filter(recurring=False, due__lte=due_by, due_now__lte=due_by)


def first_by_deadline(
    qs: QuerySet[Task], bucket: str, as_of: date | None = None, limit: int = 10, until: date | None = None
) -> list[Task]:
    """The first `limit` tasks of one bucket (e.g. OVERDUE, IN_TERM) as of D, by deadline in force then code,
    each annotated like with_status(); `until`: only deadlines in force on or before that day.

    Three short reads instead of one over every matching task: the tasks never extended, whose deadline in
    force is their own `due`, walked in the order of the (programme, due) index and stopped after `limit`; the
    few extended ones with their deadline in force; then the candidates of both, ordered by the database."""
    as_of = as_of or today()

    def narrowed(part: QuerySet[Task]) -> QuerySet[Task]:
        part = filter_status(part, bucket, as_of)
        if until is not None:
            # The original deadline is never after the one in force (extensions only move it later).
            part = part.filter(due__lte=until, due_now__lte=until)
        return part

    plain = narrowed(with_status(qs.filter(extended=False), as_of, extended=False)).order_by("due", "code")
    ids = list(plain.values_list("pk", flat=True)[:limit])
    # The extended ones: their deadlines in force, read from the narrow partial index alone; those that can be
    # among the first `limit` (ties on the last deadline included) join the candidates.
    extended = narrowed(with_status(qs.filter(extended=True), as_of, extended=True))
    dues = sorted(extended.order_by().values_list("due_now", "id"))
    if dues:
        last = dues[min(limit, len(dues)) - 1][0]
        ids += [pk for due, pk in dues if due <= last]
    # One last read orders the few candidates as the database orders codes (always run: a fixed number of
    # queries whatever the data; no task has id 0).
    return list(with_status(qs.filter(pk__in=ids or [0]), as_of).order_by("due_now", "code")[:limit])


FIELDS = (
    "total",
    "done",
    "on_time",
    "late",
    "open",
    "in_term",
    "overdue",
    "started",
    "not_started",
    "recurring",
)


@dataclass(frozen=True)
class Counts:
    """The status counts of a set of tasks as of a date. total = done + open + recurring."""

    total: int = 0
    done: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    in_term: int = 0
    overdue: int = 0
    started: int = 0
    not_started: int = 0
    recurring: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f: getattr(self, f) + getattr(other, f) for f in FIELDS})

    def __sub__(self, other: Counts) -> Counts:
        return Counts(**{f: getattr(self, f) - getattr(other, f) for f in FIELDS})

    @staticmethod
    def summed(parts) -> Counts:
        """The counts of a set split into disjoint parts (sub-units, groups): the sum of the parts."""
        return sum(parts, Counts())

    @property
    def sentence(self) -> str:
        return summary_sentence(self)

    def rate(self, part: str, whole: str = "total") -> float | None:
        """A share (0..1) of one count in another, None when the whole is zero."""
        denominator = getattr(self, whole)
        return getattr(self, part) / denominator if denominator else None

    @property
    def overdue_share(self) -> float | None:
        """Share of the tasks with a deadline (done or open, not recurring) that are overdue as of D."""
        with_deadline = self.total - self.recurring
        return self.overdue / with_deadline if with_deadline else None

    @property
    def on_time_rate(self) -> float | None:
        """Share of tasks due by D (done or overdue, not recurring) completed on time."""
        due = self.done + self.overdue
        return self.on_time / due if due else None


def summary_sentence(c: Counts) -> str:
    """The standard sentence, exactly as shared/domain.md gives it, numbers in Vietnamese format."""
    n = format_int
    text = (
        f"Trong tổng số {n(c.total)} nhiệm vụ, có {n(c.done)} nhiệm vụ hoàn thành "
        f"({n(c.on_time)} đúng hạn, {n(c.late)} quá hạn), {n(c.open)} nhiệm vụ chưa hoàn thành "
        f"({n(c.in_term)} trong hạn, {n(c.overdue)} quá hạn)"
    )
    if c.recurring:
        text += f" và {n(c.recurring)} nhiệm vụ thường xuyên"
    return text + "."


# Counts are one SQL statement over the tasks of a queryset (its filters as the ORM built them) crossed with
# the as-of dates asked for. The deadline in force for each (task, date) is joined from the extensions: the
# latest granted on or before that date. A join (parallel-safe, one pass over the extensions) rather than a
# subquery per task: at national scale ~3x faster on PostgreSQL, with the same figures (bench/RESULTS.md).
_EXT = DeadlineExtension._meta.db_table


def _bucket_sql() -> list[tuple[str, str]]:
    """(field, SQL condition) of each count over x.* (a task with x.d, the as-of date, and x.due_now, the
    deadline in force then). The same rules as _q() (the ORM form used for lists); the hypothesis test checks
    both against a plain-Python oracle."""
    due = "x.due_now"
    rec = "(x.recurring OR x.due IS NULL)"
    done = f"(NOT {rec} AND x.done IS NOT NULL AND x.done <= x.d)"
    open_ = f"(NOT {rec} AND (x.done IS NULL OR x.done > x.d))"
    started = "(x.started IS NOT NULL AND x.started <= x.d)"
    # Only the independent counts are summed; done, open and not_started follow from them (fewer CASEs per row).
    return [
        ("total", "COUNT(*)"),
        ("on_time", f"{done} AND x.done <= {due}"),
        ("late", f"{done} AND x.done > {due}"),
        ("in_term", f"{open_} AND {due} >= x.d"),
        ("overdue", f"{open_} AND {due} < x.d"),
        ("started", f"{open_} AND {started}"),
        ("recurring", rec),
    ]


def _child_units_sql(unit, vendor: str) -> tuple[str, list]:
    """SQL of (id, seg) for every unit of `unit`'s subtree: seg is the id of the direct child of `unit` whose
    subtree holds it, 0 for `unit` itself. Computed once per unit (not once per task) behind an optimisation
    fence, so the database joins tasks to a ready-made table instead of cutting a path string for each task."""
    from django.db.models import IntegerField
    from django.db.models.functions import Cast, StrIndex, Substr

    from dondoc.units.models import Unit

    rest = Substr(F("path"), len(unit.path) + 1)
    units = (
        Unit.objects.filter(path__startswith=unit.path)
        .annotate(
            seg=Case(
                When(path=unit.path, then=Value(0)),
                default=Cast(Substr(rest, 1, StrIndex(rest, Value("/")) - 1), IntegerField()),
                output_field=IntegerField(),
            )
        )
        .order_by()
        .values("id", "seg")
    )
    sql, params = units.query.sql_with_params()
    fence = " OFFSET 0" if vendor == "postgresql" else " LIMIT -1 OFFSET 0"
    return sql + fence, list(params)


def _aggregate(
    qs: QuerySet[Task],
    dates: list[date],
    due_by: date | None,
    keys: str | tuple[str, ...] | None,
    under=None,
) -> list[tuple]:
    """Rows (as-of date, [keys...,] the ten counts): one statement, grouped by date (and the key columns).
    `under`: a unit; only tasks led within its subtree count, and the first key is "child": the direct child of
    that unit whose subtree leads the task (0 for the unit's own tasks).

    Tasks never extended (nearly all) take their own deadline; the extended ones join the extension in force
    at each date: the latest granted on or before it (a join, one pass over the extensions, rather than a
    subquery per task)."""
    keys = (keys,) if isinstance(keys, str) else tuple(keys or ())
    vendor = connections[qs.db].vendor
    base = qs.order_by()
    if under is not None:
        units_sql, units_params = _child_units_sql(under, vendor)
    dates_sql = " UNION ALL ".join(["SELECT %s AS d"] * len(dates))

    def part(extended: bool) -> tuple[str, list]:
        inner_sql, inner_params = (
            base.filter(extended=extended)
            .values(
                "id", "recurring", "due", "done", "started", "lead_id", *(k for k in keys if k != "lead_id")
            )
            .query.sql_with_params()
        )
        params = list(inner_params)
        if under is not None:
            inner_sql = (
                f"SELECT x0.*, u.seg AS child FROM ({inner_sql}) x0 JOIN ({units_sql}) u ON u.id = x0.lead_id"
            )
            params += units_params
        if not extended:
            return (
                f"SELECT x1.*, dd.d, x1.due AS due_now FROM ({inner_sql}) x1 CROSS JOIN ({dates_sql}) dd",
                [
                    *params,
                    *dates,
                ],
            )
        # The extensions in force are looked up for the tasks counted only (a few when they are a correction).
        tasks_sql, tasks_params = base.filter(extended=True).values("id").query.sql_with_params()
        sql = (
            f"SELECT x1.*, dd.d, COALESCE(cur.new_due, x1.due) AS due_now FROM ({inner_sql}) x1 "
            f"CROSS JOIN ({dates_sql}) dd "
            f"LEFT JOIN (SELECT dd2.d AS d, e.task_id, e.new_due FROM {_EXT} e JOIN ({dates_sql}) dd2 "
            f"ON e.granted_on <= dd2.d WHERE e.task_id IN ({tasks_sql}) AND NOT EXISTS (SELECT 1 FROM {_EXT} e2 "
            f"WHERE e2.task_id = e.task_id AND e2.granted_on <= dd2.d AND (e2.granted_on > e.granted_on "
            f"OR (e2.granted_on = e.granted_on AND e2.id > e.id)))) cur ON cur.task_id = x1.id AND cur.d = dd.d"
        )
        return sql, [*params, *dates, *dates, *tasks_params]

    plain_sql, plain_params = part(False)
    ext_sql, ext_params = part(True)
    if under is not None:
        keys = ("child", *keys)
    select = ", ".join(
        cond if cond == "COUNT(*)" else f"COUNT(*) FILTER (WHERE {cond})" for _, cond in _bucket_sql()
    )
    group = ", ".join(["x.d", *(f"x.{key}" for key in keys)])
    sql = f"SELECT {group}, {select} FROM ({plain_sql} UNION ALL {ext_sql}) x"
    params = [*plain_params, *ext_params]
    if due_by is not None:
        sql += " WHERE NOT (x.recurring OR x.due IS NULL) AND x.due_now <= %s"
        params.append(due_by)
    sql += f" GROUP BY {group}"
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _counts(values) -> Counts:
    n = {name: int(v or 0) for (name, _), v in zip(_bucket_sql(), values, strict=True)}
    done, open_ = n["on_time"] + n["late"], n["in_term"] + n["overdue"]
    return Counts(done=done, open=open_, not_started=open_ - n["started"], **n)


def count(qs: QuerySet[Task], as_of: date | None = None, due_by: date | None = None) -> Counts:
    """The status counts of `qs` as of D, in one aggregate query."""
    as_of = as_of or today()
    rows = _aggregate(qs, [as_of], due_by, None)
    return _counts(rows[0][1:]) if rows else Counts()


def _grid(column: str, dates: list[date], strict: bool, vendor: str) -> tuple[str, list]:
    """SQL for min{j : column <= d_j} (strict: column < d_j) over the sorted dates; k = len(dates) when there is
    none or the column is empty. So "done by d_j" ⟺ done <= d_j ⟺ the grid index of done <= j.
    PostgreSQL finds it by binary search (width_bucket counts the bounds <= the value: the dates themselves
    when strict, the day after each otherwise); elsewhere a CASE walks the dates."""
    k = len(dates)
    if vendor == "postgresql":
        bounds = list(dates) if strict else [d + timedelta(days=1) for d in dates]
        return f"COALESCE(width_bucket({column}, %s::date[]), {k})", [bounds]
    op = "<" if strict else "<="
    whens = " ".join(f"WHEN {column} {op} %s THEN {j}" for j in range(k))
    return f"CASE WHEN {column} IS NULL THEN {k} {whens} ELSE {k} END", list(dates)


def _tally(groups, k: int) -> list[Counts]:
    """Counts per date index from placement rows (rec, on_time, gd, gs, gdue, jf, jt, n): n tasks (or deadline
    segments) with these grid indices, whose deadline is the one in force for the dates jf <= j < jt.

    Each count is n over an interval of date indices (done from gd on, open before gd, overdue from gdue on while
    open, started from gs on while open), so the rows are added as interval ends (difference arrays) and summed
    once at the end: a few operations per row, whatever the number of dates."""
    size = k + 1
    total, recurring, on_time_, late, open_, overdue, started = ([0] * size for _ in range(7))
    for rec, on_time, gd, gs, gdue, jf, jt, n in groups:
        jf = int(jf)
        jt = int(jt) if jt < k else k
        if jf >= jt:
            continue
        total[jf] += n
        total[jt] -= n
        if rec:
            recurring[jf] += n
            recurring[jt] -= n
            continue
        lo = gd if gd > jf else jf
        if lo < jt:
            done = on_time_ if on_time else late
            done[lo] += n
            done[jt] -= n
        end = gd if gd < jt else jt
        if jf < end:
            open_[jf] += n
            open_[end] -= n
            lo = gdue if gdue > jf else jf
            if lo < end:
                overdue[lo] += n
                overdue[end] -= n
            lo = gs if gs > jf else jf
            if lo < end:
                started[lo] += n
                started[end] -= n
    out = []
    run = [0] * 7
    for j in range(k):
        for i, diff in enumerate((total, recurring, on_time_, late, open_, overdue, started)):
            run[i] += diff[j]
        t, r, ot, lt, op, od, st = run
        out.append(
            Counts(
                total=t,
                done=ot + lt,
                on_time=ot,
                late=lt,
                open=op,
                in_term=op - od,
                overdue=od,
                started=st,
                not_started=op - st,
                recurring=r,
            )
        )
    return out


def count_series(qs: QuerySet[Task], dates: list[date], due_by: date | None = None) -> dict[date, Counts]:
    """The counts of `qs` as of each date (a trend, a comparison), in two statements whatever the number of dates.

    Each task is cut into deadline segments: the original deadline is in force until the first extension is
    granted, each extension until the next one (the latest granted on or before D wins; same-day grants in the
    order they were made). Every date of a segment (done, started, its deadline, when it starts and ends) is
    placed on the grid of the requested dates in SQL, and the database returns how many segments share each
    placement (a few thousand rows at most). Counting per date is then a sum over those rows with exactly the
    rules above. Tasks never extended (nearly all) are one segment each, read from the covering index; the few
    extended ones are cut by a window over their extensions. The hypothesis tests check every date against
    count()."""
    dates = sorted(set(dates))
    if not dates:
        return {}
    if due_by is not None:  # rare (a due-by subset of a trend): the exact per-date statement
        found = {_as_date(row[0]): _counts(row[1:]) for row in _aggregate(qs, dates, due_by, ())}
        return {d: found.get(d, Counts()) for d in dates}
    k = len(dates)
    vendor = connections[qs.db].vendor
    columns = ["id", "recurring", "due", "done", "started"]
    base = qs.order_by()

    def placements(segments_sql: str) -> tuple[str, list]:
        g_done, p_done = _grid("s.done", dates, False, vendor)
        g_started, p_started = _grid("s.started", dates, False, vendor)
        g_due, p_due = _grid("s.sdue", dates, True, vendor)
        sql = (
            "SELECT rec, on_time, gd, gs, gdue, jf, jt, COUNT(*) FROM ("
            "SELECT CASE WHEN s.recurring OR s.due IS NULL THEN 1 ELSE 0 END AS rec, "
            "CASE WHEN s.done IS NOT NULL AND s.done <= s.sdue THEN 1 ELSE 0 END AS on_time, "
            f"{g_done} AS gd, {g_started} AS gs, {g_due} AS gdue, s.jf, s.jt FROM ({segments_sql}) s) g "
            "GROUP BY rec, on_time, gd, gs, gdue, jf, jt"
        )
        return sql, [*p_done, *p_started, *p_due]

    plain_sql, plain_params = base.filter(extended=False).values(*columns).query.sql_with_params()
    sql1, p1 = placements(
        f"SELECT x.recurring, x.due, x.done, x.started, x.due AS sdue, 0 AS jf, {k} AS jt FROM ({plain_sql}) x"
    )
    ext_sql, ext_params = base.filter(extended=True).values(*columns).query.sql_with_params()
    g_first, p_first = _grid("w.granted_on", dates, False, vendor)
    g_next, p_next = _grid("w.next_on", dates, False, vendor)
    windows = (
        "SELECT e0.task_id, e0.new_due, e0.granted_on, "
        "LEAD(e0.granted_on) OVER (PARTITION BY e0.task_id ORDER BY e0.granted_on, e0.id) AS next_on, "
        "ROW_NUMBER() OVER (PARTITION BY e0.task_id ORDER BY e0.granted_on, e0.id) AS rn "
        f"FROM {_EXT} e0 WHERE e0.task_id IN (SELECT id FROM xe)"
    )
    sql2, p2 = placements(
        f"SELECT x.recurring, x.due, x.done, x.started, x.due AS sdue, 0 AS jf, {g_first} AS jt "
        "FROM xe x LEFT JOIN w ON w.task_id = x.id AND w.rn = 1 "
        "UNION ALL "
        f"SELECT x.recurring, x.due, x.done, x.started, w.new_due AS sdue, {g_first} AS jf, {g_next} AS jt "
        "FROM xe x JOIN w ON w.task_id = x.id"
    )
    sql2 = f"WITH xe AS ({ext_sql}), w AS ({windows}) " + sql2
    rows = []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql1, [*p1, *plain_params])
        rows += cursor.fetchall()
        cursor.execute(sql2, [*ext_params, *p2, *p_first, *p_first, *p_next])
        rows += cursor.fetchall()
    return dict(zip(dates, _tally(rows, k), strict=True))


def count_by(
    qs: QuerySet[Task], key: str | tuple[str, ...], as_of: date | None = None, due_by: date | None = None
) -> dict[object, Counts]:
    """Counts grouped by one column or annotation of `qs` (e.g. "lead_id", "group_id"), in one GROUP BY query.
    With a tuple of keys (e.g. ("lead_id", "group_id")) the counts are keyed by tuples of their values."""
    as_of = as_of or today()
    if isinstance(key, str):
        return {row[1]: _counts(row[2:]) for row in _aggregate(qs, [as_of], due_by, key)}
    n = len(key)
    return {tuple(row[1 : 1 + n]): _counts(row[1 + n :]) for row in _aggregate(qs, [as_of], due_by, key)}


def count_by_child(
    qs: QuerySet[Task], unit, as_of: date | None = None, *, also: tuple[str, ...] = ()
) -> dict[object, Counts]:
    """Counts of the tasks of `qs` led within `unit`'s subtree, by the direct child of `unit` whose subtree leads
    each (its id; 0 for the unit's own tasks) — and, with `also` (e.g. ("group_id",)), by those columns too, keyed
    by tuples (child, *also). One GROUP BY query; `qs` need not be narrowed to the subtree already."""
    as_of = as_of or today()
    rows = _aggregate(qs, [as_of], None, also, under=unit)
    if not also:
        return {row[1]: _counts(row[2:]) for row in rows}
    n = 1 + len(also)
    return {tuple(row[1 : 1 + n]): _counts(row[1 + n :]) for row in rows}


def count_by_at(qs: QuerySet[Task], key: tuple[str, ...], dates: list[date]) -> dict[tuple, Counts]:
    """Counts grouped by columns of `qs` as of each date, in one statement: {(date, *values of key): Counts}."""
    dates = sorted(set(dates))
    if not dates:
        return {}
    n = len(key)
    return {
        (_as_date(row[0]), *row[1 : 1 + n]): _counts(row[1 + n :]) for row in _aggregate(qs, dates, None, key)
    }


def count_by_child_at(
    qs: QuerySet[Task], unit, dates: list[date], *, also: tuple[str, ...] = ()
) -> dict[tuple, Counts]:
    """count_by_child as of each date, in one statement: {(date, child, *also values): Counts}."""
    dates = sorted(set(dates))
    if not dates:
        return {}
    n = 1 + len(also)
    return {
        (_as_date(row[0]), *row[1 : 1 + n]): _counts(row[1 + n :])
        for row in _aggregate(qs, dates, None, also, under=unit)
    }
