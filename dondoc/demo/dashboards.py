"""The dashboards' part of the demo: two saved views, the ranking weights and a published portal page."""

from __future__ import annotations

from dondoc.dashboards import actions
from dondoc.dashboards.selectors import Params
from dondoc.portal.actions import publish
from dondoc.tasks.models import Task


def load(ctx) -> None:
    office, leader = ctx.users["vanphong"], ctx.users["lanhdao"]
    groups = list(ctx.programme.groups.filter(number=5))
    actions.save_view(
        leader,
        "Nhóm 5 — Chuyển đổi số trong hệ thống chính trị",
        Params(unit=ctx.root, programme=ctx.programme, groups=groups, as_of=ctx.today),
        pinned=True,
        shared_with_unit=True,
    )
    parent = Task.objects.filter(programme=ctx.programme, code="366.5.CX").first()
    if parent is not None:
        actions.save_view(
            office,
            "Dự án trọng điểm: chuyển đổi số cấp xã",
            Params(
                unit=ctx.root,
                programme=ctx.programme,
                parent_task=parent,
                as_of=ctx.today,
                panels=["summary", "units", "overdue", "upcoming", "trend"],
            ),
            pinned=True,
        )
    actions.set_weights(ctx.root, ctx.programme, on_time=50, overdue=30, timeliness=20, actor=office)
    publish(
        ctx.programme,
        ctx.root,
        actor=office,
        title="Tình hình thực hiện Nghị quyết số 57-NQ/TW",
        intro="Số liệu tổng hợp về việc thực hiện Kế hoạch số 366-KH/TU của Ban Thường vụ Tỉnh ủy.",
    )
