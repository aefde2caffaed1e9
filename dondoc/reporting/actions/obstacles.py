"""Obstacles and proposals (khó khăn, vướng mắc; kiến nghị, đề xuất): raised, answered."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dondoc.audit.actions import record
from dondoc.tasks.models import Task
from dondoc.units.models import Membership, Unit
from dondoc.vn import clean

from ..errors import ReportingError
from ..models import Obstacle
from .notifications import notify, people_of


def raise_obstacle(
    *,
    programme,
    kind: str,
    text: str,
    raised_by: Unit,
    actor,
    addressed_to: Unit | None = None,
    task: Task | None = None,
    group=None,
    on: date | None = None,
) -> Obstacle:
    """Record an obstacle or a proposal (raised by the office or a unit)."""
    text = clean(text)
    if not text:
        raise ReportingError("Cần ghi nội dung khó khăn, kiến nghị.")
    if kind not in Obstacle.Kind.values:
        raise ReportingError("Loại không hợp lệ.")
    with transaction.atomic():
        ob = Obstacle.objects.create(
            programme=programme,
            kind=kind,
            text=text,
            raised_by=raised_by,
            addressed_to=addressed_to,
            task=task,
            group=group or (task.group if task else None),
            raised_on=on or timezone.localdate(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        record(actor=actor, action="create", obj=ob, unit=raised_by, note=text)
    return ob


def respond_obstacle(ob: Obstacle, *, status: str, response: str, actor, on: date | None = None) -> Obstacle:
    """Answer an obstacle or proposal and set its status (mới, đang xử lý, đã xử lý)."""
    if status not in Obstacle.Status.values:
        raise ReportingError("Trạng thái không hợp lệ.")
    response = clean(response)
    if status == Obstacle.Status.RESOLVED and not response:
        raise ReportingError("Cần ghi nội dung trả lời khi đánh dấu đã xử lý.")
    with transaction.atomic():
        before = {"status": ob.status, "response": ob.response}
        ob.status, ob.response = status, response
        ob.responded_on = (on or timezone.localdate()) if response else None
        ob.responded_by = actor if getattr(actor, "pk", None) else None
        ob.save()
        record(
            actor=actor,
            action="respond",
            obj=ob,
            unit=ob.raised_by,
            changes={k: [before[k], getattr(ob, k)] for k in before if before[k] != getattr(ob, k)},
        )
        notify(
            people_of(ob.raised_by, [Membership.Role.REPORTER, Membership.Role.LEADER]),
            f"Đã trả lời {ob.get_kind_display().lower()}: {ob.text[:120]}",
            reverse("reporting:obstacles"),
        )
    return ob
