"""The meeting brief (báo cáo phục vụ phiên họp): what the working group reports when the committee meets, as of
the meeting's date and since the previous meeting — written by the system instead of by hand.

Sections: 1. the summary sentence and its change since the previous meeting; 2. the tasks completed since then;
3. the tasks now overdue, with their lead and the reason given; 4. the tasks at risk of missing their deadline
(reporting/risk.py); 5. the conclusions of the previous meeting and where each stands; 6. the obstacles and
proposals still unanswered; 7. the indicators off target. Every figure comes from the module that defines it
(tasks.status, reporting.risk, reporting.selectors, indicators.selectors); the document is laid out by
docx_report.build_docx in the committee's official layout (layouts.py, shared/formats.md).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from dondoc.committees.models import DirectiveLink, Meeting
from dondoc.reporting import risk
from dondoc.reporting import selectors as reporting_selectors
from dondoc.tasks import selectors, status
from dondoc.tasks.models import Programme, Task
from dondoc.units.scope import Scope
from dondoc.vn import format_date, format_int

from . import docx_report, pdf
from .content import (
    Para,
    Report,
    Table,
    change_text,
    compare_table,
    indicator_rows,
    obstacle_lines,
    settings_for,
)

MAX_ROWS = 100  # per list: a brief is read at the table, the catalogue has the rest
KIND = "brief"


@dataclass
class _Ctx:
    """What the optional sections of content.py read (unit, programme, as_of, scope)."""

    unit: object
    programme: Programme
    as_of: date
    scope: Scope | None


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting before: the one recorded as such, else the committee's latest meeting held before this one."""
    if meeting.previous_id:
        return meeting.previous
    return (
        Meeting.objects.filter(committee=meeting.committee, held_on__lt=meeting.held_on)
        .order_by("-held_on", "-number")
        .first()
    )


def programme_of(meeting: Meeting) -> Programme | None:
    return meeting.committee.programme or Programme.objects.filter(is_active=True).order_by("code").first()


def _cut(report: Report, total: int, shown: int) -> None:
    if total > shown:
        report.blocks.append(
            Para(
                f"(Liệt kê {format_int(shown)}/{format_int(total)} nhiệm vụ; danh sách đầy đủ xem trên hệ thống.)",
                "note",
            )
        )


def _title(t: Task) -> str:
    return f"{t.code}. {t.title}"


def build(meeting: Meeting, *, scope: Scope | None = None) -> Report:
    """The content of the brief for `meeting`, for the committee's unit and its subtree, one programme."""
    committee = meeting.committee
    unit = committee.unit
    programme = programme_of(meeting)
    as_of = meeting.held_on
    before = previous_meeting(meeting)
    since = before.held_on if before else None
    rs = copy.copy(settings_for(unit))
    # An internal document of the committee: it goes to the members, and to the office's archive as set.
    keep = [line for line in rs.recipient_lines if line.lower().startswith("lưu")]
    rs.recipients = "\n".join(["Các thành viên Ban Chỉ đạo", *(keep or ["Lưu: VT"])])
    tasks = selectors.tasks_for_unit(unit, scope=scope)
    if programme is not None:
        tasks = tasks.filter(programme=programme)
    listed = status.with_status(tasks, as_of).select_related("lead")
    summary = selectors.summary(unit, programme=programme, as_of=as_of, scope=scope)
    c = summary.counts
    what = programme.name if programme else "các chương trình"
    report = Report(
        KIND,
        "BC",
        f"Tình hình thực hiện nhiệm vụ phục vụ Phiên họp thứ {meeting.number} của {committee.name}",
        unit,
        programme,
        as_of,
        rs,
        addressees=[committee.name],
        figures=summary.as_json(),
    )
    report.para(
        f"Phục vụ Phiên họp thứ {meeting.number} của {committee.name} (ngày {format_date(as_of)}), "
        f"{rs.sender_name} báo cáo tình hình thực hiện {what} tính đến ngày {format_date(as_of)}"
        + (f", so với phiên họp trước (ngày {format_date(since)})" if since else "")
        + " như sau:"
    )

    report.heading("1. Tình hình chung")
    report.para(summary.sentence)
    if since:
        then = selectors.summary(unit, programme=programme, as_of=since, scope=scope).counts
        report.para(f"So với phiên họp trước (tính đến ngày {format_date(since)}), {change_text(then, c)}.")
        report.blocks.append(compare_table(then, c, since, as_of))

    report.heading("2. Nhiệm vụ đã hoàn thành" + (f" từ ngày {format_date(since)}" if since else ""))
    done = status.filter_status(listed, "done", as_of)
    if since:
        done = done.filter(done__gt=since)
    done_total = done.count()
    done_rows = list(done.order_by("done", "code")[:MAX_ROWS])
    report.para(f"Có {format_int(done_total)} nhiệm vụ hoàn thành.")
    if done_rows:
        report.blocks.append(
            Table(
                ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Ngày hoàn thành"],
                [
                    [
                        str(i),
                        _title(t),
                        t.lead.name,
                        format_date(t.due_now),
                        format_date(t.done) + (" (quá hạn)" if t.status == status.LATE else ""),
                    ]
                    for i, t in enumerate(done_rows, start=1)
                ],
                [1.0, 7.5, 3.5, 2.3, 2.2],
                name="done",
            )
        )
        _cut(report, done_total, len(done_rows))

    report.heading("3. Nhiệm vụ quá hạn và nguyên nhân")
    overdue = list(status.filter_status(listed, status.OVERDUE, as_of).order_by("due_now", "code")[:MAX_ROWS])
    reasons = reporting_selectors.late_reasons([t.pk for t in overdue], as_of)
    report.para(f"Có {format_int(c.overdue)} nhiệm vụ đã quá thời hạn mà chưa hoàn thành.")
    if overdue:
        report.blocks.append(
            Table(
                ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Quá hạn (ngày)", "Nguyên nhân"],
                [
                    [
                        str(i),
                        _title(t),
                        t.lead.name,
                        format_date(t.due_now),
                        format_int((as_of - t.due_now).days),
                        reasons.get(t.pk, "Chưa báo cáo nguyên nhân"),
                    ]
                    for i, t in enumerate(overdue, start=1)
                ],
                [1.0, 5.2, 2.8, 2.2, 1.8, 3.5],
                name="overdue",
                numeric={4},
            )
        )
        _cut(report, c.overdue, len(overdue))

    report.heading("4. Nhiệm vụ có nguy cơ chậm")
    risks = risk.at_risk(tasks, as_of)
    report.para(
        f"Có {format_int(len(risks))} nhiệm vụ còn trong hạn, thời hạn trong {risk.WITHIN_DAYS} ngày tới, có nguy "
        f"cơ không hoàn thành đúng hạn (điểm nguy cơ từ {risk.AT_RISK}/100 trở lên)."
    )
    if risks:
        report.blocks.append(
            Table(
                ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Điểm", "Lý do"],
                [
                    [
                        str(i),
                        _title(r.task),
                        r.task.lead.name,
                        format_date(r.task.due_now),
                        str(r.score),
                        r.reason_text[:1].upper() + r.reason_text[1:],
                    ]
                    for i, r in enumerate(risks[:MAX_ROWS], start=1)
                ],
                [1.0, 5.0, 2.8, 2.2, 1.3, 4.2],
                name="risks",
                numeric={4},
            )
        )
        _cut(report, len(risks), min(len(risks), MAX_ROWS))

    report.heading("5. Kết luận của phiên họp trước và tình hình thực hiện")
    if before is None:
        report.para("Đây là phiên họp đầu tiên của Ban Chỉ đạo trên hệ thống.")
    else:
        links = list(
            DirectiveLink.objects.filter(meeting=before)
            .select_related("task__lead")
            .order_by("position", "id")
        )
        standing = {
            t.pk: t
            for t in status.with_status(Task.objects.filter(pk__in=[x.task_id for x in links] or [0]), as_of)
        }
        report.para(
            f"Phiên họp thứ {before.number} (ngày {format_date(before.held_on)}) giao {format_int(len(links))} "
            "nhiệm vụ; tình hình thực hiện từng ý kiến chỉ đạo:"
        )
        if links:
            report.blocks.append(
                Table(
                    ["TT", "Ý kiến chỉ đạo", "Chủ trì", "Thời hạn", "Tình hình"],
                    [
                        [
                            str(i),
                            f"{x.sentence} ({x.task.code})",
                            x.task.lead.name,
                            "Thường xuyên"
                            if standing[x.task_id].recurring
                            else format_date(standing[x.task_id].due_now),
                            _standing(standing[x.task_id], as_of),
                        ]
                        for i, x in enumerate(links, start=1)
                    ],
                    [1.0, 7.0, 3.0, 2.2, 3.3],
                    name="conclusions",
                )
            )

    ctx = _Ctx(unit, programme, as_of, scope)
    report.heading("6. Khó khăn, vướng mắc, kiến nghị, đề xuất chưa được giải quyết")
    report.blocks.extend(obstacle_lines(ctx) or [Para("Không có.")])

    report.heading("7. Chỉ tiêu chưa đạt mục tiêu")
    off = [r for r in (indicator_rows(ctx) or []) if r[-1] == "Chưa đạt"]
    if off:
        report.blocks.append(
            Table(
                ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả"],
                [[str(i), *r[:4]] for i, r in enumerate(off, start=1)],
                [1.0, 8.0, 2.5, 2.5, 2.5],
                name="indicators_off",
            )
        )
    else:
        report.para("Không có chỉ tiêu nào chưa đạt mục tiêu (trong các chỉ tiêu đã có số liệu).")
    report.para(f"{rs.sender_name} kính trình Ban Chỉ đạo xem xét, cho ý kiến chỉ đạo.")
    return report


def _standing(t: Task, as_of: date) -> str:
    """Where a task stands at D, in the words of the status engine."""
    label = status.STATUS_SHORT[t.status]
    if t.status in (status.ON_TIME, status.LATE):
        return f"Hoàn thành ngày {format_date(t.done)}" + (" (quá hạn)" if t.status == status.LATE else "")
    if t.status == status.OVERDUE:
        return f"{label}, chưa hoàn thành"
    return f"{label}, đang thực hiện" if t.started and t.started <= as_of else f"{label}, chưa thực hiện"


FORMATS = ("docx", "pdf")


def render(meeting: Meeting, fmt: str = "docx", *, scope: Scope | None = None) -> bytes:
    """The brief as a DOCX file in the committee unit's official layout, or as PDF (LibreOffice)."""
    data = docx_report.build_docx(build(meeting, scope=scope), issued_on=meeting.held_on)
    return pdf.docx_to_pdf(data) if fmt == "pdf" else data


def filename(meeting: Meeting, fmt: str = "docx") -> str:
    return f"bao-cao-phien-hop-{meeting.number}-{meeting.committee.unit.code}-{meeting.held_on:%Y%m%d}.{fmt}"
