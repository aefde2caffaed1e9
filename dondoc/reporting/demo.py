"""The demo's reporting cycle: weekly and monthly schedules for DEMO, several past periods of reports (on
time, late, missing, returned), obstacles with answers. Reports agree with the tasks' recorded dates: an
item says "hoàn thành" only if the task was done by the period's cut-off, "đang thực hiện" if started."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import actions
from .models import Notification, Obstacle, Period, ProgressReport, ReportItem, Schedule

OBSTACLES = [
    (
        "obstacle",
        "Thiếu kinh phí nâng cấp hạ tầng mạng cho cấp xã sau sắp xếp.",
        "Sở Tài chính đang tổng hợp, trình bổ sung dự toán trong quý tới.",
    ),
    (
        "proposal",
        "Đề nghị tổ chức tập huấn sử dụng hệ thống quản lý văn bản mới cho cán bộ cấp xã.",
        "Đã giao Sở Khoa học và Công nghệ tổ chức 2 lớp tập huấn.",
    ),
    ("obstacle", "Thiếu nhân lực chuyên trách công nghệ thông tin.", ""),
    ("proposal", "Đề nghị ban hành hướng dẫn thống nhất về số hóa hồ sơ, kết quả thủ tục hành chính.", ""),
]


def _aware(d):
    return timezone.make_aware(datetime.combine(d, time(9, 30)))


def load(ctx) -> None:
    today = ctx.today
    rng = ctx.rng
    root = ctx.root
    office = ctx.users["vanphong"]
    weekly = Schedule.objects.create(
        programme=ctx.programme,
        name="Báo cáo tuần",
        period_type="weekly",
        owner=root,
        unit_kinds="department",
        deadline_offset=1,
        starts_on=today - timedelta(weeks=6),
    )
    monthly = Schedule.objects.create(
        programme=ctx.programme,
        name="Báo cáo tháng",
        period_type="monthly",
        owner=root,
        unit_kinds="department,commune",
        deadline_offset=3,
        starts_on=today - timedelta(days=150),
    )
    for s in (weekly, monthly):
        actions.ensure_periods(s, today)
    tasks_by_unit: dict[int, list] = {}
    for t in ctx.tasks:
        tasks_by_unit.setdefault(t.lead_id, []).append(t)
    skhcn = ctx.units["SKHCN"]
    made_items: list[ReportItem] = []
    for s in (weekly, monthly):
        units = list(s.reporting_units().order_by("pk"))
        periods = list(Period.objects.filter(schedule=s, deadline__lt=today).order_by("end"))
        for i, p in enumerate(periods):
            latest = i == len(periods) - 1
            for u in units:
                roll = rng.random()
                if roll < 0.15:
                    continue  # missing
                late = roll > 0.8
                on = (
                    p.deadline + timedelta(days=rng.randint(1, 6))
                    if late
                    else p.end + timedelta(days=rng.randint(0, 1))
                )
                on = min(on, today)
                status = ProgressReport.Status.SUBMITTED if latest else ProgressReport.Status.ACCEPTED
                comment = ""
                if 0.15 <= roll < 0.2 or (u == skhcn and s == monthly and i == len(periods) - 2):
                    status, comment = (
                        ProgressReport.Status.RETURNED,
                        "Đề nghị bổ sung minh chứng cho các nhiệm vụ đã hoàn thành.",
                    )
                report = ProgressReport.objects.create(
                    period=p,
                    unit=u,
                    status=status,
                    version=2,
                    submitted_at=_aware(on),
                    submitted_on=on,
                    submitted_by=ctx.users["baocao"] if u == skhcn else None,
                    reviewed_at=_aware(on + timedelta(days=1))
                    if status != ProgressReport.Status.SUBMITTED
                    else None,
                    reviewed_by=office if status != ProgressReport.Status.SUBMITTED else None,
                    review_comment=comment,
                )
                items = []
                for t in tasks_by_unit.get(u.pk, [])[:6]:
                    if t.done and t.done <= p.end:
                        state, pct, done_on = ReportItem.State.DONE, 100, t.done
                    elif t.started and t.started <= p.end:
                        state, pct, done_on = ReportItem.State.IN_PROGRESS, t.progress or 50, None
                    else:
                        state, pct, done_on = ReportItem.State.NOT_STARTED, 0, None
                    items.append(
                        ReportItem(
                            report=report,
                            task=t,
                            state=state,
                            percent=pct,
                            completed_on=done_on,
                            output_note=t.output if state == ReportItem.State.DONE else "",
                            done_this_period="Tiếp tục triển khai theo kế hoạch."
                            if state != "not_started"
                            else "",
                        )
                    )
                made_items += ReportItem.objects.bulk_create(items)
    # Obstacles and proposals raised in reports, some answered.
    for (kind, text, answer), it in zip(
        OBSTACLES, [m for m in made_items if m.pk][:: max(1, len(made_items) // 5)], strict=False
    ):
        report = it.report
        Obstacle.objects.create(
            programme=ctx.programme,
            kind=kind,
            text=text,
            task=it.task,
            group_id=it.task.group_id,
            raised_by=report.unit,
            addressed_to=root,
            source_item=it,
            raised_on=report.submitted_on,
            status=Obstacle.Status.RESOLVED if answer else Obstacle.Status.NEW,
            response=answer,
            responded_on=report.submitted_on + timedelta(days=7) if answer else None,
            responded_by=office if answer else None,
        )
        setattr(it, "obstacles" if kind == "obstacle" else "proposals", text)
        it.save()
    pending = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count()
    Notification.objects.create(
        user=office, text=f"Có {pending} báo cáo đang chờ duyệt.", url="/bao-cao/duyet/"
    )
    Notification.objects.create(
        user=ctx.users["baocao"],
        text="Báo cáo tháng của Sở Khoa học và Công nghệ bị trả lại: đề nghị bổ sung minh chứng.",
        url="/bao-cao/",
    )
