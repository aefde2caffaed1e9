"""What a report says, independent of its layout: numbered sections, paragraphs and tables.

Every figure comes from the status engine (dondoc.tasks.selectors.summary, status.count_by, status.with_status)
for the same scope and date as the dashboard: nothing is recounted here. Indicators and obstacles come from
their apps when those are installed; their sections are left out otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dondoc.tasks import selectors, status
from dondoc.tasks.models import Programme, Task
from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import format_date, format_int, format_percent

from . import periods
from .models import GeneratedFile, ReportSettings

log = logging.getLogger("dondoc.exports")

Kind = GeneratedFile.Kind

# The figures table: (key of summary --json, label). The DOCX test reads this table back.
FIGURES: list[tuple[str, str]] = [
    ("total", "Tổng số nhiệm vụ"),
    ("done", "Đã hoàn thành"),
    ("on_time", "Hoàn thành đúng hạn"),
    ("late", "Hoàn thành quá hạn"),
    ("open", "Chưa hoàn thành"),
    ("in_term", "Chưa hoàn thành, trong hạn"),
    ("overdue", "Chưa hoàn thành, quá hạn"),
    ("started", "Đang thực hiện"),
    ("not_started", "Chưa thực hiện"),
    ("recurring", "Nhiệm vụ thường xuyên"),
]
FIGURES_HEADER = ["Chỉ số", "Số nhiệm vụ", "Tỷ lệ"]
COMPARE_KEYS = ["total", "done", "on_time", "late", "open", "in_term", "overdue", "recurring"]


@dataclass
class Para:
    text: str
    style: str = "body"  # body | heading | subheading | plain | note


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths_cm: list[float]
    name: str = ""
    numeric: set[int] = field(default_factory=set)  # columns aligned right


@dataclass
class Report:
    """A document's content: its kind code (BC báo cáo, CV công văn), subject, addressees and body blocks."""

    kind: str
    doc_kind: str
    subject: str
    unit: Unit
    programme: Programme
    as_of: date
    settings: ReportSettings
    blocks: list = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    def heading(self, text: str) -> None:
        self.blocks.append(Para(text, "heading"))

    def sub(self, text: str) -> None:
        self.blocks.append(Para(text, "subheading"))

    def para(self, text: str) -> None:
        self.blocks.append(Para(text))


def settings_for(unit: Unit) -> ReportSettings:
    """The settings of the unit, else of its nearest ancestor that has some, else defaults from its name."""
    ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    found = {rs.unit_id: rs for rs in ReportSettings.objects.filter(unit_id__in=ids)}
    for uid in reversed(ids):
        if uid in found:
            return found[uid]
    return ReportSettings(
        unit=unit,
        layout=ReportSettings.Layout.STATE,
        issuing_body=unit.name,
        number_code=unit.code,
        place="",
        signer_authority="",
        signer_title="THỦ TRƯỞNG CƠ QUAN",
        recipients="Như trên\nLưu: VT",
    )


def signed(n: int) -> str:
    return f"+{format_int(n)}" if n > 0 else ("0" if n == 0 else f"-{format_int(-n)}")


def share(fraction: float | None) -> str:
    """A share from the status engine (Counts.rate), printed as 99,3%."""
    return format_percent(fraction * 100, 1) if fraction is not None else "—"


def _due_text(t: Task) -> str:
    if t.status == status.RECURRING:
        return "Thường xuyên"
    text = format_date(t.due_now)
    if t.due and t.due_now != t.due:
        text += " (đã gia hạn)"
    return text


def _result_text(t: Task, as_of: date) -> str:
    if t.status in (status.ON_TIME, status.LATE):
        out = f"Hoàn thành ngày {format_date(t.done)}"
        return f"{out}: {t.output}" if t.output else out
    if t.started and t.started <= as_of:
        return f"Đang thực hiện ({t.progress}%)" if t.progress else "Đang thực hiện"
    return "Chưa thực hiện"


# Longer lists are cut in the document (the Excel export has them all).
MAX_TASK_ROWS = 500


def _more(total: int, shown: int) -> str:
    return (
        f"(Liệt kê {format_int(shown)}/{format_int(total)} nhiệm vụ; danh mục đầy đủ xem tệp Excel "
        "kết xuất cùng kỳ.)"
    )


TASK_HEADER = ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng", "Kết quả"]
TASK_WIDTHS = [1.1, 5.4, 2.8, 2.6, 2.0, 2.6]


def _task_rows(tasks, as_of: date) -> list[list[str]]:
    return [
        [
            str(i),
            f"{t.code}. {t.title}",
            t.lead.name,
            _due_text(t),
            status.STATUS_SHORT[t.status],
            _result_text(t, as_of),
        ]
        for i, t in enumerate(tasks, start=1)
    ]


def compare_table(then: status.Counts, now: status.Counts, then_date: date, now_date: date) -> Table:
    """The figures at two dates side by side with the change (a report against the previous period, a meeting
    brief against the previous meeting)."""
    pd, cd, dd = then.as_dict(), now.as_dict(), (now - then).as_dict()
    labels = dict(FIGURES)
    return Table(
        ["Chỉ số", f"Đến {format_date(then_date)}", f"Đến {format_date(now_date)}", "Tăng, giảm"],
        [[labels[k], format_int(pd[k]), format_int(cd[k]), signed(dd[k])] for k in COMPARE_KEYS],
        [6.0, 3.3, 3.3, 2.4],
        name="compare",
        numeric={1, 2, 3},
    )


def change_text(then: status.Counts, now: status.Counts) -> str:
    """ "số nhiệm vụ hoàn thành tăng 12, số nhiệm vụ quá hạn giảm 3" """
    diff = now - then
    return (
        f"số nhiệm vụ hoàn thành {'tăng' if diff.done >= 0 else 'giảm'} {format_int(abs(diff.done))}, số nhiệm vụ "
        f"quá hạn {'tăng' if diff.overdue >= 0 else 'giảm'} {format_int(abs(diff.overdue))}"
    )


def _figures_table(counts: status.Counts) -> Table:
    c = counts.as_dict()
    rows = [[label, format_int(c[key]), share(counts.rate(key))] for key, label in FIGURES]
    return Table(FIGURES_HEADER, rows, [8.0, 3.5, 3.5], name="figures", numeric={1, 2})


class _Ctx:
    def __init__(self, unit, programme, as_of, scope, period_kind, progress):
        self.unit, self.programme, self.as_of, self.scope = unit, programme, as_of, scope
        self.period = periods.period_of(period_kind, as_of)
        self.progress = progress or (lambda pct: None)
        self.tasks = selectors.tasks_for_unit(unit, scope=scope).filter(programme=programme)

    def summary(self, as_of: date | None = None):
        return selectors.summary(
            self.unit, programme=self.programme, as_of=as_of or self.as_of, scope=self.scope
        )

    def with_status(self):
        return status.with_status(self.tasks, self.as_of).select_related("lead", "group")


def build(
    kind: str,
    unit: Unit,
    programme: Programme,
    as_of: date,
    *,
    scope: Scope | None = None,
    period: str = periods.QUARTER,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """The content of a report of this kind for the unit's subtree, one programme, as of a date."""
    ctx = _Ctx(unit, programme, as_of, scope, period, progress)
    rs = settings_for(unit)
    builder = {
        Kind.PERIODIC: _periodic,
        Kind.OVERDUE: _overdue,
        Kind.REMINDER: _reminder,
        Kind.INDICATORS: _indicators_report,
    }[kind]
    report = builder(ctx, rs)
    ctx.progress(90)
    return report


def _intro(ctx: _Ctx, rs: ReportSettings, what: str) -> str:
    return (
        f"Thực hiện {ctx.programme.name}, {rs.sender_name} báo cáo {what} "
        f"(số liệu tính đến ngày {format_date(ctx.as_of)}) như sau:"
    )


def _periodic(ctx: _Ctx, rs: ReportSettings) -> Report:
    summary = ctx.summary()
    report = Report(
        Kind.PERIODIC,
        "BC",
        f"Kết quả thực hiện {ctx.programme.name} {ctx.period.label}",
        ctx.unit,
        ctx.programme,
        ctx.as_of,
        rs,
        addressees=rs.addressee_lines,
        figures=summary.as_json(),
    )
    report.para(_intro(ctx, rs, f"tình hình, kết quả thực hiện {ctx.period.label}"))
    n = 0

    n += 1
    report.heading(f"{n}. Kết quả chung")
    report.para(summary.sentence)
    c = summary.counts
    if c.open:
        report.para(
            f"Trong {format_int(c.open)} nhiệm vụ chưa hoàn thành, có {format_int(c.started)} nhiệm vụ đang "
            f"thực hiện và {format_int(c.not_started)} nhiệm vụ chưa thực hiện."
        )
    report.blocks.append(_figures_table(c))
    ctx.progress(15)

    # The change since the previous period, from the same engine at the previous period's end.
    previous = ctx.period.previous
    prev = ctx.summary(previous.end).counts
    n += 1
    label = periods.PREVIOUS_LABEL[ctx.period.kind]
    report.heading(f"{n}. So với {label}")
    report.para(
        f"So với {label} (số liệu tính đến ngày {format_date(previous.end)}), {change_text(prev, c)}."
    )
    report.blocks.append(compare_table(prev, c, previous.end, ctx.as_of))
    ctx.progress(25)

    # Per task group: the group's figures and its tasks.
    n += 1
    report.heading(f"{n}. Kết quả thực hiện theo nhóm nhiệm vụ")
    by_group = status.count_by(ctx.tasks, "group_id", ctx.as_of)
    groups = list(ctx.programme.groups.order_by("number"))
    sections = [(g.pk, f"Nhóm {g.number}: {g.name}") for g in groups if g.pk in by_group]
    if None in by_group:
        sections.append((None, "Nhiệm vụ khác"))
    for i, (gid, title) in enumerate(sections, start=1):
        counts = by_group[gid]
        report.sub(f"{n}.{i}. {title}")
        report.para(counts.sentence)
        # One query per group, at most MAX_TASK_ROWS rows: a national report stays a readable document.
        tasks = list(ctx.with_status().filter(group_id=gid).order_by("code")[:MAX_TASK_ROWS])
        report.blocks.append(
            Table(TASK_HEADER, _task_rows(tasks, ctx.as_of), TASK_WIDTHS, name="group", numeric={0})
        )
        if counts.total > len(tasks):
            report.blocks.append(Para(_more(counts.total, len(tasks)), "note"))
        ctx.progress(25 + int(45 * i / max(len(sections), 1)))
    if not sections:
        report.para("Chưa có nhiệm vụ nào trong phạm vi báo cáo.")

    # Indicators, when the indicators app is installed.
    rows = indicator_rows(ctx)
    if rows:
        n += 1
        report.heading(f"{n}. Kết quả thực hiện các chỉ tiêu")
        report.blocks.append(_indicator_table(rows))

    # Obstacles and proposals, when the reporting app is installed.
    obstacles = obstacle_lines(ctx)
    if obstacles is not None:
        n += 1
        report.heading(f"{n}. Khó khăn, vướng mắc và kiến nghị, đề xuất")
        report.blocks.extend(obstacles)
    ctx.progress(75)

    # What falls due next.
    nxt = ctx.period.next
    n += 1
    report.heading(f"{n}. Nhiệm vụ đến hạn trong {periods.NEXT_LABEL[ctx.period.kind]}")
    due_next = list(
        status.filter_status(ctx.with_status(), "open", ctx.as_of)
        .filter(due_now__gt=ctx.as_of, due_now__lte=nxt.end)
        .order_by("due_now", "code")
    )
    report.para(
        f"Từ ngày {format_date(ctx.as_of + timedelta(days=1))} đến ngày {format_date(nxt.end)} có "
        f"{format_int(len(due_next))} nhiệm vụ đến hạn cần tập trung hoàn thành."
    )
    if due_next:
        report.blocks.append(Table(TASK_HEADER, _task_rows(due_next, ctx.as_of), TASK_WIDTHS, name="next"))
    _closing(report, rs)
    return report


def _closing(report: Report, rs: ReportSettings) -> None:
    """ "Ban Thường vụ Tỉnh ủy Quảng Ngãi kính báo cáo Văn phòng Trung ương Đảng." (the reference's last line)."""
    to = (rs.addressee_lines or rs.recipient_lines or [""])[0]
    if to and not to.lower().startswith(("như trên", "lưu")):
        report.para(f"{rs.sender_name} kính báo cáo {to}.")


OVERDUE_HEADER = ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Số ngày quá hạn"]
OVERDUE_WIDTHS = [1.1, 7.1, 3.3, 2.6, 2.4]


def _overdue_tasks(ctx: _Ctx) -> list[Task]:
    return list(
        status.filter_status(ctx.with_status(), "overdue", ctx.as_of).order_by("lead__name_sort", "code")
    )


def _overdue_rows(tasks: list[Task], as_of: date) -> list[list[str]]:
    return [
        [str(i), f"{t.code}. {t.title}", t.lead.name, _due_text(t), format_int((as_of - t.due_now).days)]
        for i, t in enumerate(tasks, start=1)
    ]


def _by_lead(ctx: _Ctx) -> list[tuple[Unit, int]]:
    """(lead unit, overdue count) from the engine's GROUP BY, in Vietnamese name order."""
    counts = {k: c.overdue for k, c in status.count_by(ctx.tasks, "lead_id", ctx.as_of).items() if c.overdue}
    units = Unit.objects.filter(pk__in=counts).order_by("name_sort")
    return [(u, counts[u.pk]) for u in units]


def _overdue(ctx: _Ctx, rs: ReportSettings) -> Report:
    summary = ctx.summary()
    report = Report(
        Kind.OVERDUE,
        "BC",
        f"Danh mục nhiệm vụ quá hạn thực hiện {ctx.programme.name}",
        ctx.unit,
        ctx.programme,
        ctx.as_of,
        rs,
        addressees=rs.addressee_lines,
        figures=summary.as_json(),
    )
    report.para(_intro(ctx, rs, "danh mục các nhiệm vụ đã quá thời hạn mà chưa hoàn thành"))
    report.heading("1. Tình hình chung")
    report.para(summary.sentence)
    report.blocks.append(_figures_table(summary.counts))
    tasks = _overdue_tasks(ctx)
    ctx.progress(50)
    leads = _by_lead(ctx)
    report.heading("2. Số nhiệm vụ quá hạn theo cơ quan chủ trì")
    if leads:
        report.blocks.append(
            Table(
                ["TT", "Cơ quan chủ trì", "Số nhiệm vụ quá hạn"],
                [[str(i), u.name, format_int(k)] for i, (u, k) in enumerate(leads, start=1)],
                [1.0, 10.5, 5.0],
                name="leads",
                numeric={0, 2},
            )
        )
    else:
        report.para("Không có nhiệm vụ nào quá hạn.")
    report.heading("3. Danh mục nhiệm vụ quá hạn")
    if tasks:
        report.blocks.append(
            Table(
                OVERDUE_HEADER, _overdue_rows(tasks, ctx.as_of), OVERDUE_WIDTHS, name="overdue", numeric={4}
            )
        )
        if summary.counts.overdue > len(tasks):
            report.blocks.append(Para(_more(summary.counts.overdue, len(tasks)), "note"))
    else:
        report.para("Không có nhiệm vụ nào quá hạn.")
    _closing(report, rs)
    return report


def _reminder(ctx: _Ctx, rs: ReportSettings) -> Report:
    summary = ctx.summary()
    tasks = _overdue_tasks(ctx)
    leads = _by_lead(ctx)
    ctx.progress(50)
    addressees = (
        [u.name for u, _ in leads]
        if 0 < len(leads) <= 8
        else ["Các cơ quan, đơn vị có tên tại danh mục kèm theo"]
    )
    report = Report(
        Kind.REMINDER,
        "CV",
        f"V/v đôn đốc thực hiện các nhiệm vụ quá hạn theo {ctx.programme.name}",
        ctx.unit,
        ctx.programme,
        ctx.as_of,
        rs,
        addressees=addressees,
        figures=summary.as_json(),
    )
    c = summary.counts
    report.para(
        f"Thực hiện {ctx.programme.name}, tính đến ngày {format_date(ctx.as_of)}: {summary.sentence[:1].lower()}"
        f"{summary.sentence[1:]}"
    )
    report.para(
        f"Hiện còn {format_int(c.overdue)} nhiệm vụ đã quá thời hạn mà chưa hoàn thành, thuộc trách nhiệm chủ trì "
        f"của {format_int(len(leads))} cơ quan, đơn vị (danh mục kèm theo)."
    )
    report.para(
        f"Để bảo đảm tiến độ chung, {rs.sender_name} đề nghị các cơ quan, đơn vị khẩn trương tập "
        f"trung chỉ đạo hoàn thành các nhiệm vụ được giao; báo cáo kết quả, nêu rõ nguyên nhân chậm và thời gian "
        f"hoàn thành trước ngày {format_date(ctx.as_of + timedelta(days=7))}."
    )
    if tasks:
        report.sub("Danh mục nhiệm vụ quá hạn")
        report.blocks.append(
            Table(
                OVERDUE_HEADER, _overdue_rows(tasks, ctx.as_of), OVERDUE_WIDTHS, name="overdue", numeric={4}
            )
        )
        if summary.counts.overdue > len(tasks):
            report.blocks.append(Para(_more(summary.counts.overdue, len(tasks)), "note"))
    return report


def _indicators_report(ctx: _Ctx, rs: ReportSettings) -> Report:
    summary = ctx.summary()
    report = Report(
        Kind.INDICATORS,
        "BC",
        f"Kết quả thực hiện các chỉ tiêu theo {ctx.programme.name} {ctx.period.label}",
        ctx.unit,
        ctx.programme,
        ctx.as_of,
        rs,
        addressees=rs.addressee_lines,
        figures=summary.as_json(),
    )
    report.para(_intro(ctx, rs, f"kết quả thực hiện các chỉ tiêu {ctx.period.label}"))
    rows = indicator_rows(ctx)
    if rows:
        report.blocks.append(_indicator_table(rows))
        reached = sum(1 for r in rows if r[-1] == "Đạt")
        report.para(f"Có {format_int(reached)}/{format_int(len(rows))} chỉ tiêu đạt mục tiêu.")
    else:
        report.para("Chưa có số liệu chỉ tiêu trong phạm vi báo cáo.")
    return report


# ---- optional apps --------------------------------------------------------------------------------------


def _get(obj, *names, default=None):
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _num(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    try:
        from dondoc.vn import format_decimal

        return format_decimal(value, 2, strip=True)
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


VERDICTS = {
    "vuot": "Đạt",
    "dat": "Đạt",
    "chua_dat": "Chưa đạt",
    "": "Chưa có số liệu",
    "na": "Chưa có mục tiêu",
}


def indicator_rows(ctx) -> list[list[str]] | None:
    """[name, unit of measure, target, value, đạt/chưa đạt] from dondoc.indicators' achievement table (the
    same rows its pages show), or None when that app is absent."""
    try:
        from dondoc.indicators import selectors as ind

        rows = ind.achievement_table(ctx.unit, ctx.programme, year=ctx.as_of.year, scope=ctx.scope)
    except (ImportError, AttributeError, TypeError) as exc:
        log.debug("indicators unavailable: %s", exc)
        return None
    out = []
    for r in rows or []:
        indicator = _get(r, "indicator")
        name = _get(indicator, "name", default="") or str(indicator)
        measure = _get(r, "measure", default="") or ""
        verdict = VERDICTS.get(_get(r, "status", default=""), _get(r, "status_label", default="") or "")
        out.append([str(name), str(measure), _num(_get(r, "target")), _num(_get(r, "value")), verdict])
    return out


def _indicator_table(rows: list[list[str]]) -> Table:
    return Table(
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "Đánh giá"],
        [[str(i), *r] for i, r in enumerate(rows, start=1)],
        [1.0, 6.5, 2.0, 2.3, 2.3, 2.4],
        name="indicators",
    )


def obstacle_lines(ctx) -> list[Para] | None:
    """The open obstacles, then the proposals, from dondoc.reporting, or None when that app is absent."""
    try:
        from dondoc.reporting import selectors as rep

        items = list(
            rep.open_obstacles(ctx.unit, programme=ctx.programme, as_of=ctx.as_of, scope=ctx.scope)[:200]
        )
    except (ImportError, AttributeError, TypeError) as exc:
        log.debug("obstacles unavailable: %s", exc)
        return None
    out: list[Para] = []
    for kind, title in (("obstacle", "a) Khó khăn, vướng mắc"), ("proposal", "b) Kiến nghị, đề xuất")):
        lines = [o for o in items if _get(o, "kind", default="obstacle") == kind]
        out.append(Para(title, "subheading"))
        if not lines:
            out.append(
                Para(
                    "Không có." if kind == "proposal" else "Chưa có khó khăn, vướng mắc nào chưa được xử lý."
                )
            )
        for o in lines:
            who = _get(_get(o, "raised_by"), "name", default="")
            out.append(Para(f"- {_get(o, 'text', default=str(o))}" + (f" ({who})." if who else "")))
    return out
