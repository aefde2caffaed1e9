"""Early warning (cảnh báo sớm): the risk that an open task misses its deadline, from what is known as of a date D.

The rule is `score()`: a transparent sum of points, each with its reason in Vietnamese, capped at 100. Its inputs
for a task still open and within its deadline at D (tasks already overdue have missed it; recurring ones have
none):

| input | points | reason (example) |
|---|---|---|
| share of time used `t` (from the task's start to its deadline in force at D) against the percent complete of the latest report sent by D `p` | 70 × max(0, t − p) | đã dùng 80% thời gian, mới đạt 30% khối lượng |
| not started by D while t ≥ 25% | 10 | chưa bắt đầu thực hiện |
| the latest report no higher than the one before, t ≥ 25% | 10 | tiến độ không tăng so với kỳ trước (30%) |
| reports of the lead unit missing or returned, of the last 4 periods ended since the task started | 7 each | 2 kỳ chưa báo cáo (1 kỳ bị trả lại) |
| extensions already granted by D | 8 each, at most 2 | đã gia hạn 1 lần |
| obstacles and proposals on the task still open at D | 8 each, at most 3 | 2 khó khăn, kiến nghị chưa được giải quyết |
| the lead unit's past deadlines missed (at least 3 passed by D) | 20 × share missed | đơn vị chủ trì đã trễ 4/10 nhiệm vụ đến hạn |

A task is **at risk** (có nguy cơ chậm) from AT_RISK points, **high** (nguy cơ cao) from HIGH. Each term only grows
with less progress, more time used, more reports missing, more extensions, more obstacles and a worse record, so
the score does too (the hypothesis tests in tests/test_risk.py check these invariants); the back-test
(`backtest_risk`, docs/early-warning.md) measures how often it is right.

`assess()` gathers the inputs of many tasks at once: a fixed number of queries whatever the number of tasks
(tests pin it), never a walk through each task's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from dondoc.tasks import status
from dondoc.tasks.models import DeadlineExtension, Task
from dondoc.vn import format_int

from .models import Obstacle, Period, ProgressReport, ReportItem, Schedule

# The weights of the rule, in one place.
LAG_POINTS = 70
NOT_STARTED_POINTS = 10
STALLED_POINTS = 10
SLOW_FROM = 0.25  # the share of time used from which not starting, or not moving, counts
MISSED_POINTS = 7
MISSED_WINDOW = 4  # the last periods looked at
EXTENSION_POINTS = 8
EXTENSION_MAX = 2
OBSTACLE_POINTS = 8
OBSTACLE_MAX = 3
RECORD_POINTS = 20
RECORD_MIN_DUE = 3  # a lead unit's record counts once this many of its deadlines have passed
RECENT_DAYS = 120  # how far back a report's figure still counts as the task's progress
WITHIN_DAYS = 90  # the pages warn of deadlines in the next 90 days: what can still be caught up before them
AT_RISK = 40
HIGH = 60

LEVELS = {"high": "Nguy cơ cao", "medium": "Có nguy cơ", "low": "Thấp"}


@dataclass(frozen=True)
class RiskInputs:
    """What is known of one open task as of D. `progress` and `previous`: the percent complete of the latest
    and the one-before-latest report items sent by D (None: none). `missed`: of the last periods the lead unit
    had to report on since the task started, those with no report sent by D (`returned` of them were sent back).
    `lead_missed` / `lead_due`: the lead unit's tasks whose deadline passed by D, missed / all."""

    time_used: float
    progress: int | None = None
    previous: int | None = None
    started: bool = True
    missed: int = 0
    returned: int = 0
    extensions: int = 0
    obstacles: int = 0
    lead_missed: int = 0
    lead_due: int = 0


def shifted(d: date, days: int) -> date:
    """`d` moved by `days`, held within the calendar (an API caller may ask as of 01/01/0001)."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def score(i: RiskInputs) -> tuple[int, list[str]]:
    """THE RULE: the risk score (0..100) of an open task and its reasons in Vietnamese, strongest first.
    See the module's docstring for the table of points."""
    t = min(max(i.time_used, 0.0), 1.0)
    p = min(max((i.progress or 0) / 100, 0.0), 1.0)
    parts: list[tuple[float, str]] = []
    lag = LAG_POINTS * max(0.0, t - p)
    if lag >= 1:
        done = f"mới đạt {_pct(p)} khối lượng" if i.progress is not None else "chưa có báo cáo tiến độ"
        parts.append((lag, f"đã dùng {_pct(t)} thời gian, {done}"))
    if not i.started and t >= SLOW_FROM:
        parts.append((NOT_STARTED_POINTS, "chưa bắt đầu thực hiện"))
    if (
        i.previous is not None
        and (i.progress or 0) <= i.previous
        and (i.progress or 0) < 100
        and t >= SLOW_FROM
    ):
        parts.append((STALLED_POINTS, f"tiến độ không tăng so với kỳ trước ({i.previous}%)"))
    if i.missed > 0:
        text = f"{i.missed} kỳ chưa báo cáo"
        if i.returned:
            text += f" ({i.returned} kỳ bị trả lại)"
        parts.append((MISSED_POINTS * min(i.missed, MISSED_WINDOW), text))
    if i.extensions > 0:
        parts.append((EXTENSION_POINTS * min(i.extensions, EXTENSION_MAX), f"đã gia hạn {i.extensions} lần"))
    if i.obstacles > 0:
        parts.append(
            (
                OBSTACLE_POINTS * min(i.obstacles, OBSTACLE_MAX),
                f"{i.obstacles} khó khăn, kiến nghị chưa được giải quyết",
            )
        )
    if i.lead_due >= RECORD_MIN_DUE and i.lead_missed > 0:
        parts.append(
            (
                RECORD_POINTS * i.lead_missed / i.lead_due,
                f"đơn vị chủ trì đã trễ {format_int(i.lead_missed)}/{format_int(i.lead_due)} nhiệm vụ đến hạn",
            )
        )
    total = min(100, int(sum(points for points, _ in parts)))
    parts.sort(key=lambda x: -x[0])
    return total, [reason for points, reason in parts if points >= 1]


def level_of(points: int) -> str:
    return "high" if points >= HIGH else "medium" if points >= AT_RISK else "low"


@dataclass
class Risk:
    """One task's risk as of D: its score, level, reasons and the inputs they came from."""

    task: Task
    score: int
    reasons: list[str]
    inputs: RiskInputs

    @property
    def level(self) -> str:
        return level_of(self.score)

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    @property
    def at_risk(self) -> bool:
        return self.score >= AT_RISK

    @property
    def reason_text(self) -> str:
        """The reasons as one sentence fragment: "đã dùng 80% thời gian, mới đạt 30% khối lượng; 2 kỳ chưa báo cáo"."""
        return "; ".join(self.reasons)


def window_start(task: Task, as_of: date) -> date:
    """The day the task's time starts: the date of the document that assigned it when known, else the earlier of
    the day it entered the catalogue and its first progress (if by D); never after D."""
    source = getattr(task, "source_issued", None)
    if source:
        return min(source, as_of)
    days = [timezone.localdate(task.created_at)]
    if task.started and task.started <= as_of:
        days.append(task.started)
    return min(min(days), as_of)


def time_used(start: date, due: date, as_of: date) -> float:
    """The share (0..1) of the time from `start` to the deadline `due` that has passed at `as_of`."""
    if due <= start:
        return 1.0 if as_of >= due else 0.0
    return min(max((as_of - start).days / (due - start).days, 0.0), 1.0)


def _last_items(ids, as_of: date) -> dict[int, list[int]]:
    """{task id: [latest percent, the one before]} from report items sent by D. One query (a window)."""
    rows = (
        ReportItem.objects.filter(
            task_id__in=ids,
            report__status__in=(ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED),
            report__submitted_on__lte=as_of,
            # Reports of the last RECENT_DAYS only: an older figure says little of where the task stands now,
            # and the window then sorts a few weeks of items per task, not a year of them.
            report__period__end__gte=shifted(as_of, -RECENT_DAYS),
        )
        .annotate(
            rn=Window(
                RowNumber(),
                partition_by=[F("task_id")],
                order_by=[F("report__period__end").desc(), F("id").desc()],
            )
        )
        .filter(rn__lte=2)
        .order_by()
        .values_list("task_id", "rn", "percent")
    )
    out: dict[int, list[int]] = {}
    for task_id, _rn, percent in sorted(rows):
        out.setdefault(task_id, []).append(percent)
    return out


def _missed_reports(tasks: list[Task], starts: dict[int, date], as_of: date) -> dict[int, tuple[int, int]]:
    """{task id: (periods missed, of which returned)} over the last MISSED_WINDOW periods (of the schedules
    expecting the task's lead unit) whose deadline passed by D and which ended on or after the task's start.
    Three queries: the periods, the schedules' listed units, the reports."""
    programmes = {t.programme_id for t in tasks} or {0}
    schedules = {
        s.pk: s
        for s in Schedule.objects.filter(programme_id__in=programmes, active=True).select_related("owner")
    }
    sids = list(schedules) or [0]
    # The last MISSED_WINDOW periods of each schedule whose deadline passed by D: a task's last periods since it
    # started are those of them that ended on or after its start (the later periods, so the same ones).
    by_schedule: dict[int, list[tuple[int, date]]] = {}
    for pid, sid, end in (
        Period.objects.filter(schedule_id__in=sids, deadline__lt=as_of)
        .order_by("schedule_id", "-end")
        .values_list("pk", "schedule_id", "end")
    ):
        if len(by_schedule.setdefault(sid, [])) < MISSED_WINDOW:
            by_schedule[sid].append((pid, end))
    period_ids = [pid for ps in by_schedule.values() for pid, _ in ps] or [0]
    listed: dict[int, set[int]] = {}
    for sid, uid in Schedule.units.through.objects.filter(schedule_id__in=sids).values_list(
        "schedule_id", "unit_id"
    ):
        listed.setdefault(sid, set()).add(uid)
    leads = {t.lead_id for t in tasks} or {0}
    sent = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)
    reports = {}
    for pid, uid, st, sent_on, reviewed in ProgressReport.objects.filter(
        period_id__in=period_ids, unit_id__in=leads
    ).values_list("period_id", "unit_id", "status", "submitted_on", "reviewed_at"):
        if sent_on is None or sent_on > as_of:
            continue  # not sent by D: missing
        if st == ProgressReport.Status.RETURNED:
            # Returned by D: counts as missing until sent again; returned later: it stood sent at D.
            st = st if reviewed and timezone.localdate(reviewed) <= as_of else sent[0]
        reports[(pid, uid)] = st
    out = {}
    for t in tasks:
        missed = returned = 0
        for sid, ps in by_schedule.items():
            if not schedules[sid].expects(t.lead, listed.get(sid, set())):
                continue
            for pid, end in ps:
                if end < starts[t.pk]:
                    break  # ended before the task started (and so did every older one)
                st = reports.get((pid, t.lead_id))
                if st in sent:
                    continue
                missed += 1
                returned += st == ProgressReport.Status.RETURNED
        out[t.pk] = (missed, returned)
    return out


def assess(qs: QuerySet[Task], as_of: date | None = None, *, due_by: date | None = None) -> list[Risk]:
    """The risk of every task of `qs` still open and within its deadline at D, highest first (then by deadline
    and code); `due_by`: only those whose deadline in force falls on or before that day (the pages look
    WITHIN_DAYS ahead). A fixed number of queries, whatever the number of tasks."""
    as_of = as_of or status.today()
    open_ = status.filter_status(status.with_status(qs, as_of), status.IN_TERM, as_of)
    if due_by is not None:
        open_ = open_.filter(due_now__lte=due_by)
    tasks = list(
        open_.select_related("lead")
        .annotate(source_issued=F("source__issued_on"))
        .defer("search_text", "note", "output")
        .order_by("due_now", "code")
    )
    # Every query runs even for no tasks (no task has id 0): a fixed number of queries whatever the data.
    ids = [t.pk for t in tasks] or [0]
    starts = {t.pk: window_start(t, as_of) for t in tasks}
    items = _last_items(ids, as_of)
    missed = _missed_reports(tasks, starts, as_of)
    extensions = dict(
        DeadlineExtension.objects.filter(task_id__in=ids, granted_on__lte=as_of)
        .values("task_id")
        .annotate(n=Count("pk"))
        .values_list("task_id", "n")
    )
    obstacles = dict(
        Obstacle.objects.filter(task_id__in=ids, raised_on__lte=as_of)
        .exclude(status=Obstacle.Status.RESOLVED, responded_on__lte=as_of)
        .values("task_id")
        .annotate(n=Count("pk"))
        .values_list("task_id", "n")
    )
    records = status.count_by(
        Task.objects.filter(
            lead_id__in={t.lead_id for t in tasks} or {0},
            programme_id__in={t.programme_id for t in tasks} or {0},
            due__lt=as_of,
        ),
        "lead_id",
        as_of,
    )
    out = []
    for t in tasks:
        last = items.get(t.pk, [])
        rec = records.get(t.lead_id, status.Counts())
        lead_missed = rec.late + rec.overdue
        m, r = missed[t.pk]
        inputs = RiskInputs(
            time_used=time_used(starts[t.pk], t.due_now, as_of),
            progress=last[0] if last else None,
            previous=last[1] if len(last) > 1 else None,
            started=bool(t.started and t.started <= as_of),
            missed=m,
            returned=r,
            extensions=extensions.get(t.pk, 0),
            obstacles=obstacles.get(t.pk, 0),
            lead_missed=lead_missed,
            lead_due=rec.on_time + lead_missed,
        )
        points, reasons = score(inputs)
        out.append(Risk(t, points, reasons, inputs))
    out.sort(key=lambda r: -r.score)  # stable: ties stay by deadline, then code
    return out


def at_risk(qs: QuerySet[Task], as_of: date | None = None, *, within: int | None = WITHIN_DAYS) -> list[Risk]:
    """The tasks of `qs` at risk of missing their deadline as of D (score ≥ AT_RISK), highest first; `within`:
    only deadlines in the next so many days (None: every open task). What the dashboard, the unit page, the
    reminders, the API and the meeting brief show."""
    as_of = as_of or status.today()
    due_by = shifted(as_of, within) if within is not None else None
    return [r for r in assess(qs, as_of, due_by=due_by) if r.at_risk]


@dataclass(frozen=True)
class Backtest:
    """How the warning did as of a past date D: of the tasks open and within their deadline at D whose deadline
    in force at D had passed by `until`, those it flagged (score ≥ threshold) and those that were in fact late at
    that deadline (not completed by it)."""

    as_of: date
    until: date
    threshold: int
    judged: int
    flagged: int
    late: int
    hits: int  # flagged and late

    @property
    def false_alarms(self) -> int:
        return self.flagged - self.hits

    @property
    def missed(self) -> int:
        """Late tasks it did not flag."""
        return self.late - self.hits

    @property
    def precision(self) -> float | None:
        return self.hits / self.flagged if self.flagged else None

    @property
    def recall(self) -> float | None:
        return self.hits / self.late if self.late else None

    @property
    def base_rate(self) -> float | None:
        """The share of the judged tasks that were late: what flagging at random would reach in precision."""
        return self.late / self.judged if self.judged else None

    def as_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "until": self.until.isoformat(),
            "threshold": self.threshold,
            "judged": self.judged,
            "flagged": self.flagged,
            "late": self.late,
            "hits": self.hits,
            "false_alarms": self.false_alarms,
            "missed": self.missed,
            "precision": self.precision,
            "recall": self.recall,
            "base_rate": self.base_rate,
        }


def was_late(task: Task) -> bool:
    """In fact late at the deadline in force at D (`task.due_now`): not completed by it."""
    return task.done is None or task.done > task.due_now


def backtest(
    qs: QuerySet[Task],
    as_of: date,
    until: date | None = None,
    thresholds: tuple[int, ...] = (AT_RISK,),
    within: int | None = None,
) -> list[Backtest]:
    """The back-test of the warning as of a past date D, for each threshold: the risks computed from what was
    known at D (assess() reads nothing dated after D), judged against what happened by `until` (default today);
    `within`: only the tasks whose deadline in force fell within so many days of D (as the pages show them)."""
    until = until or status.today()
    due_by = min(until, shifted(as_of, within)) if within is not None else until
    judged = assess(qs, as_of, due_by=due_by)
    late = [was_late(r.task) for r in judged]
    out = []
    for threshold in thresholds:
        flagged = [r.score >= threshold for r in judged]
        out.append(
            Backtest(
                as_of=as_of,
                until=until,
                threshold=threshold,
                judged=len(judged),
                flagged=sum(flagged),
                late=sum(late),
                hits=sum(f and x for f, x in zip(flagged, late, strict=True)),
            )
        )
    return out


__all__ = [
    "Backtest",
    "backtest",
    "AT_RISK",
    "HIGH",
    "Risk",
    "RiskInputs",
    "assess",
    "at_risk",
    "level_of",
    "score",
    "time_used",
    "window_start",
]
