"""The demo's reporting cycle: weekly and monthly schedules for DEMO, several past periods of reports (on
time, late, missing, returned), obstacles with answers. Reports agree with the tasks' recorded dates: an
item says "hoàn thành" only if the task was done by the period's cut-off, "đang thực hiện" if started.

Written through the reporting actions, each at the moment it happened (reporting.clock.at): the reports are
sent, reviewed and answered as a unit and the office would have done, with their audit trail."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from dondoc.reporting import actions, clock
from dondoc.reporting.models import Obstacle, Period, ProgressReport, ReportItem

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
RETURN_COMMENT = "Đề nghị bổ sung minh chứng cho các nhiệm vụ đã hoàn thành."


def _at(d, hour: int = 9):
    return timezone.make_aware(datetime.combine(d, time(hour, 30)))


def _items(tasks, end) -> list[actions.ItemInput]:
    """What the unit says of its tasks at the period's cut-off, as the tasks' recorded dates have it."""
    out = []
    for t in tasks:
        if t.done and t.done <= end:
            state, pct, done_on = ReportItem.State.DONE, 100, t.done
        elif t.started and t.started <= end:
            state, pct, done_on = ReportItem.State.IN_PROGRESS, t.progress or 50, None
        else:
            state, pct, done_on = ReportItem.State.NOT_STARTED, 0, None
        out.append(
            actions.ItemInput(
                task_id=t.pk,
                state=state,
                percent=pct,
                completed_on=done_on,
                output_note=(t.output or "Đã hoàn thành; văn bản kèm theo.") if state == "done" else "",
                done_this_period="Tiếp tục triển khai theo kế hoạch." if state != "not_started" else "",
            )
        )
    return out


def load(ctx) -> None:
    today = ctx.today
    rng = ctx.rng
    root = ctx.root
    office = ctx.users["vanphong"]
    reporter = ctx.users["baocao"]
    weekly = actions.create_schedule(
        programme=ctx.programme,
        name="Báo cáo tuần",
        period_type="weekly",
        owner=root,
        unit_kinds="department",
        deadline_offset=1,
        starts_on=today - timedelta(weeks=6),
        actor=office,
        up_to=today,
    )
    monthly = actions.create_schedule(
        programme=ctx.programme,
        name="Báo cáo tháng",
        period_type="monthly",
        owner=root,
        unit_kinds="department,commune",
        deadline_offset=3,
        starts_on=today - timedelta(days=150),
        actor=office,
        up_to=today,
    )
    tasks_by_unit: dict[int, list] = {}
    for t in ctx.tasks:
        tasks_by_unit.setdefault(t.lead_id, []).append(t)
    skhcn = ctx.units["SKHCN"]
    obstacles = list(OBSTACLES)
    answers: list[tuple[Obstacle, str, object]] = []
    for s in (weekly, monthly):
        units = list(s.reporting_units().order_by("pk"))
        periods = list(Period.objects.filter(schedule=s, deadline__lt=today).order_by("end"))
        for i, p in enumerate(periods):
            latest = i == len(periods) - 1
            for u in units:
                roll = rng.random()
                tasks = tasks_by_unit.get(u.pk, [])[:6]
                if roll < 0.15 or not tasks:
                    continue  # missing (a unit that leads no task has nothing to report)
                late = roll > 0.8
                on = (
                    p.deadline + timedelta(days=rng.randint(1, 6))
                    if late
                    else p.end + timedelta(days=rng.randint(0, 1))
                )
                on = min(on, today)
                items = _items(tasks, p.end)
                raised = None
                if s == monthly and obstacles and i == len(periods) - 3:
                    raised = obstacles.pop(0)
                    kind, text, _ = raised
                    setattr(items[0], "obstacles" if kind == "obstacle" else "proposals", text)
                with clock.at(_at(on)):
                    report = actions.save_and_submit(
                        actions.report_for(p, u), items, actor=reporter if u == skhcn else None, version=0
                    )
                if raised and raised[2]:
                    ob = Obstacle.objects.get(source_item__report=report, kind=raised[0])
                    answers.append((ob, raised[2], on + timedelta(days=7)))
                if latest:
                    continue  # waiting for review
                with clock.at(_at(on + timedelta(days=1), 15)):
                    if 0.15 <= roll < 0.2 or (u == skhcn and s == monthly and i == len(periods) - 2):
                        actions.return_report(report, actor=office, comment=RETURN_COMMENT)
                    else:
                        actions.accept_report(report, actor=office, on=on + timedelta(days=1))
    for ob, answer, on in answers:
        actions.respond_obstacle(ob, status=Obstacle.Status.RESOLVED, response=answer, actor=office, on=on)
    # The bell of each demo user starts with what matters today, not with every past notification.
    for user in ctx.users.values():
        actions.mark_read(user)
    pending = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count()
    actions.notify([office], f"Có {pending} báo cáo đang chờ duyệt.", "/bao-cao/duyet/")
    actions.notify(
        [reporter],
        "Báo cáo tháng của Sở Khoa học và Công nghệ bị trả lại: đề nghị bổ sung minh chứng.",
        "/bao-cao/",
    )
