"""Kept counts: the status counts of every unit's subtree, by programme and task group, at kept days.

A national summary, its 34-province breakdown or a dashboard as of a date D would otherwise count every task
again on each request (a scan that grows with the data). Instead:

- `refresh` (the `refresh_snapshots` command, nightly from cron) keeps some days (KeptDay: month-ends, mid-months
  and the most recent day old enough): for each, the counts of every unit's subtree by programme and task group
  (StatusSnapshot), summed up the unit tree from one count by (lead, group). Only days at least two days old are
  kept, so that no change still in flight across a midnight can be missed.
- Every action that changes a task (its dates, deadline, lead, group, programme; a new or deleted task) keeps
  those rows exact in its own transaction (`kept_exact`): it counts the tasks it touches with the one rule
  (dondoc.tasks.status) at the kept days the change can alter, before and after the write, and adds the
  difference to the rows of the lead's unit and every unit above it. Nothing is recounted.
- The counts as of any date D are read from the kept day K nearest to D plus a bounded correction: the tasks
  whose status can differ between K and D (a start, a completion, a deadline passing or an extension between
  them), counted with the same rule at D and at K; count(D) = kept(K) + rule(those, D) − rule(those, K). Every
  other task has the same status at both dates, so it cancels out. No kept day at all: a plain count.

So every figure comes from status._aggregate's one definition; the hypothesis tests check the kept counts (and
the answers as of any date) against a fresh count after random sequences of actions. Moving a unit, or a batch
of changes (an import, a province package) drops the kept days the change reaches instead (`invalidate`); the
next nightly refresh keeps them again, and reads count plainly meanwhile.
"""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta

from django.db import connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from dondoc.tabular import bulk

from . import status
from .models import DeadlineExtension, KeptDay, Programme, StatusSnapshot, Task

VERSION = 2  # of the counting rules and of the rows' shape; rows of another version are never read
MIN_AGE_DAYS = 2
RECENT_DAYS = 7  # the recent daily kept days pruning leaves (besides month-ends and mid-months)
# A change touching more tasks than this drops the kept days it reaches rather than counting them twice.
EXACT_LIMIT = 2000


def latest_day() -> date:
    """The most recent day that may be kept."""
    return status.today() - timedelta(days=MIN_AGE_DAYS)


# -- batches and drops ------------------------------------------------------------------------------------------
_batch = threading.local()
ALL = "all"


@contextmanager
def batched():
    """Within it, changes do not keep the counts exact one by one: the kept days they reach are dropped once when
    it ends (an import of thousands of changed rows). Use it inside the transaction of the changes."""
    if getattr(_batch, "pending", None) is not None:  # already gathering
        yield
        return
    _batch.pending = {}
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    by_since: dict[date | None, list[int]] = defaultdict(list)
    for key, since in pending.items():
        if key == ALL:
            invalidate(None, since)
        else:
            by_since[since].append(key)
    for since, programme_ids in by_since.items():
        invalidate(programme_ids, since)


def _gather(pending: dict, programme_ids, since: date | None) -> None:
    def merge(key) -> None:
        if key in pending and (pending[key] is None or since is None):
            pending[key] = None
        else:
            pending[key] = since if key not in pending else min(pending[key], since)

    if programme_ids is None:
        merge(ALL)
    else:
        for pk in programme_ids:
            merge(pk)


def invalidate(programme_ids, since: date | None) -> int:
    """Drop the kept days a change can alter: `since` and later (`since` None: every day) for these programmes
    (None: all programmes). Call it inside the transaction of the change. Returns the kept days dropped."""
    if since is not None and since >= status.today():
        # Nothing kept is that recent, nor can be before the change commits: days are kept from two days on,
        # which leaves a change a whole day to commit (one dated yesterday may commit after midnight, so it
        # does drop and bump).
        return 0
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        _gather(pending, programme_ids, since)
        return 0
    progs = (
        Programme.objects.all() if programme_ids is None else Programme.objects.filter(pk__in=programme_ids)
    )
    progs.update(counts_epoch=F("counts_epoch") + 1)  # also locks the programmes against a refresh
    days = KeptDay.objects.all()
    rows = StatusSnapshot.objects.all()
    if programme_ids is not None:
        days = days.filter(programme_id__in=programme_ids)
        rows = rows.filter(programme_id__in=programme_ids)
    if since is not None:
        days = days.filter(day__gte=since)
        rows = rows.filter(day__gte=since)
    rows.delete()
    return days.delete()[0]


def earliest(*days: date | None) -> date | None:
    """The earliest of the given days (ignoring empty ones); None when there are none."""
    found = [d for d in days if d is not None]
    return min(found) if found else None


# -- keeping the counts exact as tasks change ----------------------------------------------------------------------
class _Exact:
    def __init__(self, days: dict[int, list[date]]):
        self.days = days  # kept days the change can alter, by programme
        self.ids: set[int] = set()
        self.before: dict[tuple, status.Counts] = {}

    @property
    def all_days(self) -> list[date]:
        return sorted({d for days in self.days.values() for d in days})

    def counted(self, ids) -> dict[tuple, status.Counts]:
        """The rule's counts of these tasks at the kept days, by (day, programme, lead, group)."""
        if not ids:
            return {}
        rows = status.count_by_at(
            Task.objects.filter(pk__in=sorted(ids)), ("programme_id", "lead_id", "group_id"), self.all_days
        )
        return {k: c for k, c in rows.items() if k[0] in self.days.get(k[1], ())}

    def track(self, ids) -> None:
        """Tasks about to change (counted now, as they stand)."""
        ids = set(ids) - self.ids
        self.ids |= ids
        self.before.update(self.counted(ids))

    def created(self, ids) -> None:
        """Tasks created within: they counted nowhere before."""
        self.ids |= set(ids)


class _Nothing:
    def track(self, ids) -> None:
        pass

    def created(self, ids) -> None:
        pass


@contextmanager
def kept_exact(programme_ids, since: date | None, ids=()):
    """Keep the kept counts exact across the writes made within: the tasks `ids` (and those passed to track() or
    created() within) are counted with the rule at the kept days from `since` on (None: every kept day) before
    and after, and the difference is added to the rows of their lead's unit and every unit above it. Use it
    inside the transaction of the change, with every programme the tasks belong to before or after."""
    programme_ids = sorted({pk for pk in programme_ids if pk is not None})
    pending = getattr(_batch, "pending", None)
    if (since is not None and since >= status.today()) or not programme_ids or pending is not None:
        if pending is not None:
            _gather(pending, programme_ids, since)  # dropped once when the batch ends
        yield _Nothing()
        return
    # The programmes' rows locked (and their epoch moved) before the kept days are read: a refresh keeping a
    # day waits for this change to commit, or this change sees the day it kept.
    Programme.objects.filter(pk__in=programme_ids).update(counts_epoch=F("counts_epoch") + 1)
    days_qs = KeptDay.objects.filter(programme_id__in=programme_ids, version=VERSION)
    if since is not None:
        days_qs = days_qs.filter(day__gte=since)
    days: dict[int, list[date]] = defaultdict(list)
    for programme_id, day in days_qs.values_list("programme_id", "day"):
        days[programme_id].append(day)
    if not days:
        yield _Nothing()
        return
    if len(ids) > EXACT_LIMIT:
        invalidate(programme_ids, since)
        yield _Nothing()
        return
    exact = _Exact(dict(days))
    exact.track(ids)
    yield exact
    if len(exact.ids) > EXACT_LIMIT:
        invalidate(programme_ids, since)
        return
    _add(exact.before, exact.counted(exact.ids))


def _add(before: dict[tuple, status.Counts], after: dict[tuple, status.Counts]) -> None:
    """Add after − before to the kept rows of each lead's unit and all units above it (one upsert)."""
    from dondoc.units.models import Unit

    leads = {k[2] for k in (*before, *after)}
    if not leads:
        return
    paths = dict(Unit.objects.filter(pk__in=leads).values_list("pk", "path"))
    deltas: dict[tuple, status.Counts] = defaultdict(status.Counts)
    for sign, part in ((1, after), (-1, before)):
        for (day, programme_id, lead_id, group_id), c in part.items():
            for unit_id in _ancestors(paths[lead_id]):
                key = (unit_id, programme_id, group_id or 0, day)
                deltas[key] = deltas[key] + c if sign > 0 else deltas[key] - c
    changed = [(k, c) for k, c in deltas.items() if c != status.Counts()]
    if not changed:
        return
    table = StatusSnapshot._meta.db_table
    fields = status.FIELDS
    row = "(" + ", ".join(["%s"] * (6 + len(fields))) + ")"
    sql = (
        f"INSERT INTO {table} (unit_id, programme_id, group_key, day, version, computed_at, {', '.join(fields)}) "
        f"VALUES {', '.join([row] * len(changed))} "
        "ON CONFLICT (unit_id, programme_id, group_key, day, version) DO UPDATE SET "
        + ", ".join(f"{f} = {table}.{f} + excluded.{f}" for f in fields)
        + ", computed_at = excluded.computed_at"
    )
    now = timezone.now()
    params = []
    for (unit_id, programme_id, group_key, day), c in changed:
        params += [unit_id, programme_id, group_key, day, VERSION, now, *(getattr(c, f) for f in fields)]
    with connections[StatusSnapshot.objects.db].cursor() as cur:
        cur.execute(sql, params)


def _ancestors(path: str) -> list[int]:
    """The ids of a unit and of every unit above it, from its path ("/1/5/77/")."""
    return [int(x) for x in path.strip("/").split("/")]


# -- keeping days ---------------------------------------------------------------------------------------------------
def month_ends(before: date, months: int) -> list[date]:
    """The last days of the `months` months that ended on or before `before`."""
    out = []
    d = before + timedelta(days=1)
    d = d.replace(day=1) - timedelta(days=1)  # the last month-end on or before `before`
    while len(out) < months:
        out.append(d)
        d = d.replace(day=1) - timedelta(days=1)
    return sorted(out)


def days_to_keep(before: date, months: int) -> list[date]:
    """What the nightly job keeps: the month-ends, the 1st and the 15th of the last `months` months, and
    `before` itself (the most recent day old enough). As of any date within them the nearest kept day is at
    most about a week away, so the correction counts only the tasks that changed within that week. The 1st is
    kept because most deadlines fall on a month-end: they all turn overdue on the 1st, and a date early in a
    month then reads from the 1st without counting that wave again."""
    ends = month_ends(before, months)
    firsts = [e + timedelta(days=1) for e in ends]
    mids = [e.replace(day=15) for e in ends] + [before.replace(day=15)]
    return sorted({d for d in (*ends, *firsts, *mids, before) if d <= before})


def kept_days(programme: Programme) -> list[date]:
    return sorted(KeptDay.objects.filter(programme=programme, version=VERSION).values_list("day", flat=True))


def refresh(programme: Programme, days: list[date], *, again: bool = False) -> int:
    """Keep these days for every unit of the programme: per day, the counts by (lead, group) in one GROUP BY,
    summed up the unit tree, in one transaction holding the programme (a change reaching back waits for it).
    Days already kept are left as they are (the actions keep them exact) unless `again`. Returns the rows
    written."""
    from dondoc.units.models import Unit

    last = latest_day()
    days = sorted({d for d in days if d <= last})
    if not again:
        have = set(kept_days(programme))
        days = [d for d in days if d not in have]
    if not days:
        return 0
    paths = dict(Unit.objects.values_list("pk", "path"))
    tasks = Task.objects.filter(programme=programme)
    written = 0
    for day in days:
        with transaction.atomic():
            Programme.objects.filter(pk=programme.pk).update(counts_epoch=F("counts_epoch") + 1)
            by_unit: dict[tuple[int, int], status.Counts] = defaultdict(status.Counts)
            for (lead_id, group_id), c in status.count_by(tasks, ("lead_id", "group_id"), day).items():
                for unit_id in _ancestors(paths[lead_id]):
                    key = (unit_id, group_id or 0)
                    by_unit[key] = by_unit[key] + c
            StatusSnapshot.objects.filter(programme=programme, day=day).delete()
            now = timezone.now()
            rows = [
                StatusSnapshot(
                    unit_id=u,
                    programme_id=programme.pk,
                    group_key=g,
                    day=day,
                    version=VERSION,
                    computed_at=now,
                    **c.as_dict(),
                )
                for (u, g), c in by_unit.items()
            ]
            ids = bulk.allocate_ids(StatusSnapshot, len(rows))
            if ids is not None:
                for r, pk in zip(rows, ids, strict=True):
                    r.pk = pk
            bulk.insert(StatusSnapshot, rows)
            KeptDay.objects.get_or_create(programme=programme, day=day, version=VERSION)
        written += len(rows)
    return written


def prune(programme: Programme, keep: list[date]) -> int:
    """Forget the kept days not in `keep`, except the recent daily ones. Returns the days forgotten."""
    recent = latest_day() - timedelta(days=RECENT_DAYS)
    old = KeptDay.objects.filter(programme=programme, day__lt=recent).exclude(day__in=keep)
    gone = list(old.values_list("day", flat=True))
    if gone:
        with transaction.atomic():
            StatusSnapshot.objects.filter(programme=programme, day__in=gone).delete()
            KeptDay.objects.filter(programme=programme, day__in=gone).delete()
    return len(gone)


# -- reading: kept day + bounded correction --------------------------------------------------------------------
def _nearest(kept: list[date], d: date) -> date:
    i = bisect.bisect_left(kept, d)
    if i < len(kept) and kept[i] == d:
        return d
    candidates = [kept[j] for j in (i - 1, i) if 0 <= j < len(kept)]
    return min(candidates, key=lambda k: (abs((k - d).days), k))


def _window(windows: list[tuple[date, date]]) -> Q:
    """The tasks whose status can differ between the dates lo < hi of some window: started or completed in
    (lo, hi], or with a deadline in force passing within it (an original or extended deadline in [lo, hi), an
    extension granted in (lo, hi]). The status of any other task is the same at both dates: it changes only at
    those days. The extended tasks concerned are read first (a few ids), so that the database reads every part
    from an index instead of every extended task."""
    ext_q = Q(pk__in=[])
    q = Q(pk__in=[])
    for lo, hi in windows:
        ext_q |= Q(granted_on__gt=lo, granted_on__lte=hi) | Q(new_due__gte=lo, new_due__lt=hi)
        q |= Q(started__gt=lo, started__lte=hi) | Q(done__gt=lo, done__lte=hi) | Q(due__gte=lo, due__lt=hi)
    ext = sorted(set(DeadlineExtension.objects.filter(ext_q).values_list("task_id", flat=True)))
    return q | Q(pk__in=ext) if ext else q


def breakdown(unit, programme: Programme, dates: list[date], *, children: bool = True):
    """The counts of every task of `programme` led within `unit`'s subtree as of each date, by (direct child of
    `unit` whose subtree leads it — 0 for the unit's own tasks —, group id or None): {date: {(child, group):
    Counts}}, only pairs with tasks. With children=False the first key is always 0 (the whole subtree).
    None when the programme has no kept day (count plainly). Four queries at most, whatever the data."""
    kept = kept_days(programme)
    if not kept:
        return None
    dates = sorted(set(dates))
    nearest = {d: _nearest(kept, d) for d in dates}
    snap: dict[date, dict[tuple, status.Counts]] = defaultdict(dict)
    whole: dict[date, dict[int, status.Counts]] = defaultdict(dict)
    rows = StatusSnapshot.objects.filter(programme=programme, version=VERSION, day__in=set(nearest.values()))
    if children:
        # By unit id (the leading column of the unique index): the unit and its direct children only, never the
        # whole day's rows.
        from dondoc.units.models import Unit

        rows = rows.filter(unit_id__in=Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit)).values("pk"))
    else:
        rows = rows.filter(unit=unit)
    for unit_id, group_key, day, *values in rows.values_list("unit_id", "group_key", "day", *status.FIELDS):
        c = status.Counts(*values)
        if unit_id == unit.pk:
            whole[day][group_key] = c
        else:
            snap[day][(unit_id, group_key)] = c
    # The unit's own tasks: its subtree less its children's.
    for day, groups in whole.items():
        for group_key, c in groups.items():
            own = c - status.Counts.summed(v for (_, g), v in snap[day].items() if g == group_key)
            snap[day][(0, group_key)] = own
    windows = sorted({(min(d, k), max(d, k)) for d, k in nearest.items() if d != k})
    correction: dict[tuple, status.Counts] = {}
    if windows:
        at = sorted({x for w in windows for x in w})
        tasks = Task.objects.filter(programme=programme).filter(_window(windows))
        if children:
            correction = status.count_by_child_at(tasks, unit, at, also=("group_id",))
        else:
            live = status.count_by_child_at(tasks, unit, at, also=("group_id",))
            for (d, _child, group_id), c in live.items():
                key = (d, 0, group_id)
                correction[key] = correction.get(key, status.Counts()) + c
    out = {}
    for d in dates:
        k = nearest[d]
        figures: dict[tuple, status.Counts] = defaultdict(status.Counts)
        for (child, group_key), c in snap[k].items():
            figures[(child if children else 0, group_key or None)] += c
        if d != k:
            for (day, child, group_id), c in correction.items():
                if day == d:
                    figures[(child, group_id)] += c
                elif day == k:
                    figures[(child, group_id)] -= c
        out[d] = {key: c for key, c in figures.items() if c.total}
    return out


def subtree_series(unit, programme: Programme, dates: list[date]) -> dict[date, status.Counts]:
    """The counts of every task of `programme` led within `unit`'s subtree, as of each date: from the kept
    counts (breakdown) or, without kept days, one count_series."""
    from .selectors import tasks_for_unit

    found = breakdown(unit, programme, dates, children=False)
    if found is None:
        return status.count_series(tasks_for_unit(unit).filter(programme=programme), dates)
    return {d: status.Counts.summed(found[d].values()) for d in sorted(set(dates))}


def by_child(unit, programme: Programme, as_of: date) -> dict[object, status.Counts] | None:
    """status.count_by_child's figures (by direct child, 0 for the unit's own) from the kept counts; None without
    kept days."""
    found = breakdown(unit, programme, [as_of])
    if found is None:
        return None
    parts: dict[object, list] = defaultdict(list)
    for (child, _group), c in found[as_of].items():
        parts[child].append(c)
    return {child: status.Counts.summed(v) for child, v in parts.items()}
