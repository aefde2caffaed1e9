"""Snapshots of the status counts at past days: the points of a dashboard's trend and comparison.

A trend is a dozen past month-ends; counting each over 150.000 tasks again on every page view is the one cost
of the national dashboard that does not shrink with indexes. The counts of a unit's subtree at a day that is
over depend only on the tasks, so they are kept (StatusSnapshot) and read back, on two conditions:

- only days at least two days old are kept (today − 2 and before), so that no write still in flight across a
  midnight can be missed;
- every task change states the earliest day it can alter (`since`): a completion on 12/3 alters the counts from
  12/3 on; a new task, a deleted one or a change of lead alters every day. The action that writes calls
  invalidate(), which drops the snapshots of that day and later, and bumps the programme's `counts_epoch` in
  the same transaction. A reader that counted while such a change committed sees the epoch moved and does not
  store what it counted. Changes dated today or later touch nothing.

The figures are exactly those of status.count_series; the tests check them after random sequences of changes.
`refresh` (the `refresh_snapshots` command, nightly from cron) fills the month-ends of every unit at once.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F

from . import status
from .models import Programme, StatusSnapshot, Task

VERSION = 1  # of the counting rules; rows of another version are never read
MIN_AGE_DAYS = 2


def latest_day() -> date:
    """The most recent day that may be kept."""
    return status.today() - timedelta(days=MIN_AGE_DAYS)


_batch = threading.local()
ALL = "all"


@contextmanager
def batched():
    """Within it, invalidations are gathered and applied once when it ends (an import of thousands of changed
    rows drops the kept counts once, not once per row). Use it inside the transaction of the changes."""
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
    """Drop the snapshots a change can alter: those of `since` and later (`since` None: every day) for these
    programmes (None: all programmes). Call it inside the transaction of the change. Returns the rows dropped."""
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
    progs.update(counts_epoch=F("counts_epoch") + 1)
    rows = StatusSnapshot.objects.all()
    if programme_ids is not None:
        rows = rows.filter(programme_id__in=programme_ids)
    if since is not None:
        rows = rows.filter(day__gte=since)
    return rows.delete()[0]


def earliest(*days: date | None) -> date | None:
    """The earliest of the given days (ignoring empty ones); None when there are none."""
    found = [d for d in days if d is not None]
    return min(found) if found else None


def _epoch(programme_id: int) -> int:
    return Programme.objects.filter(pk=programme_id).values_list("counts_epoch", flat=True).first() or 0


def _store(programme_id: int, epoch: int, rows: list[StatusSnapshot]) -> bool:
    """Store the counted rows unless a change reaching back committed while they were counted."""
    if not rows:
        return False
    with transaction.atomic():
        current = (
            Programme.objects.select_for_update()
            .filter(pk=programme_id)
            .values_list("counts_epoch", flat=True)
        )
        if list(current) != [epoch]:
            return False
        StatusSnapshot.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return True


def _row(unit_id: int, programme_id: int, day: date, c: status.Counts) -> StatusSnapshot:
    return StatusSnapshot(unit_id=unit_id, programme_id=programme_id, day=day, version=VERSION, **c.as_dict())


def _counts(s: StatusSnapshot) -> status.Counts:
    return status.Counts(**{f: getattr(s, f) for f in status.FIELDS})


def subtree_series(unit, programme: Programme, dates: list[date]) -> dict[date, status.Counts]:
    """The counts of every task of `programme` led within `unit`'s subtree, as of each date: kept days are read
    back, the others counted in one count_series and kept when old enough. Two or three queries."""
    from .selectors import tasks_for_unit

    dates = sorted(set(dates))
    last = latest_day()
    kept = [d for d in dates if d <= last]
    found: dict[date, status.Counts] = {}
    if kept:
        for s in StatusSnapshot.objects.filter(unit=unit, programme=programme, version=VERSION, day__in=kept):
            found[s.day] = _counts(s)
    missing = [d for d in dates if d not in found]
    if missing:
        epoch = _epoch(programme.pk)
        # The unit's place in the tree as it is now, read after the epoch: a move that commits later bumps it.
        unit = type(unit).objects.get(pk=unit.pk)
        live = status.count_series(tasks_for_unit(unit).filter(programme=programme), missing)
        _store(programme.pk, epoch, [_row(unit.pk, programme.pk, d, live[d]) for d in missing if d <= last])
        found.update(live)
    return {d: found[d] for d in dates}


def month_ends(before: date, months: int) -> list[date]:
    """The last days of the `months` months that ended on or before `before`."""
    out = []
    d = before + timedelta(days=1)
    d = d.replace(day=1) - timedelta(days=1)  # the last month-end on or before `before`
    while len(out) < months:
        out.append(d)
        d = d.replace(day=1) - timedelta(days=1)
    return sorted(out)


def refresh(programme: Programme, days: list[date]) -> int:
    """Keep the snapshots of every unit (with tasks in its subtree) at these days: per day, the counts by lead
    in one GROUP BY, summed up the unit tree. Returns the rows written."""
    from dondoc.units.models import Unit

    last = latest_day()
    days = sorted({d for d in days if d <= last})
    if not days:
        return 0
    epoch = _epoch(programme.pk)
    paths = dict(Unit.objects.values_list("pk", "path"))
    tasks = Task.objects.filter(programme=programme)
    rows = []
    for day in days:
        by_unit: dict[int, status.Counts] = defaultdict(status.Counts)
        for lead_id, c in status.count_by(tasks, "lead_id", day).items():
            for ancestor in (int(x) for x in paths[lead_id].strip("/").split("/")):
                by_unit[ancestor] = by_unit[ancestor] + c
        rows += [_row(u, programme.pk, day, c) for u, c in by_unit.items()]
    with transaction.atomic():
        StatusSnapshot.objects.filter(programme=programme, day__in=days).delete()
        stored = _store(programme.pk, epoch, rows)
    return len(rows) if stored else 0
