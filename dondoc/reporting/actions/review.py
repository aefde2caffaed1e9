"""The office's review of a sent report: accept (its figures reach the tasks) or return with a comment."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dondoc.audit.actions import record
from dondoc.tasks import actions as task_actions
from dondoc.units.models import Membership
from dondoc.vn import clean

from .. import clock
from ..errors import ReportingError
from ..models import ProgressReport, ReportItem
from .notifications import notify, people_of

STATE = ReportItem.State
STATUS = ProgressReport.Status


def _reported_start(item: ReportItem, report: ProgressReport) -> date:
    return min(report.period.end, report.submitted_on or report.period.end)


def accept_report(
    report: ProgressReport, *, actor, on: date | None = None, approve_extensions: set[int] | None = None
) -> ProgressReport:
    """The office accepts a submitted report (duyệt). "Hoàn thành" sets the task's completion date (the date
    reported, else the acceptance date); "đang thực hiện" records the first progress; an approved extension
    request changes the deadline in force (the original is kept). `approve_extensions`: item ids approved
    (None approves every request)."""
    on = on or timezone.localdate(clock.now())
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update(of=("self",))
            .select_related("period__schedule", "unit")
            .get(pk=report.pk)
        )
        if report.status != STATUS.SUBMITTED:
            raise ReportingError("Chỉ duyệt được báo cáo đã gửi và đang chờ duyệt.")
        for it in report.items.select_related("task"):
            task = it.task
            if it.state == STATE.DONE:
                if task.done is None:
                    task_actions.complete_task(
                        task, it.completed_on or on, actor=actor, note=f"Theo báo cáo {report.period.label}"
                    )
            else:
                if it.state == STATE.IN_PROGRESS:
                    task_actions.mark_started(task, _reported_start(it, report), actor=actor)
                if it.percent != task.progress and task.done is None:
                    task_actions.update_task(task, actor=actor, action="progress", progress=it.percent)
            if it.extension_until and (approve_extensions is None or it.pk in approve_extensions):
                if not task.recurring:
                    task_actions.extend_deadline(
                        task, it.extension_until, it.extension_reason, granted_on=on, actor=actor
                    )
                it.extension_approved = True
                it.save(update_fields=["extension_approved"])
            elif it.extension_until:
                it.extension_approved = False
                it.save(update_fields=["extension_approved"])
        report.status = STATUS.ACCEPTED
        report.reviewed_at = clock.now()
        report.reviewed_by = actor if getattr(actor, "pk", None) else None
        report.version += 1
        report.save()
        record(
            actor=actor,
            action="accept",
            obj=report,
            unit=report.unit,
            changes={"status": [STATUS.SUBMITTED, STATUS.ACCEPTED]},
        )
        notify(
            people_of(report.unit, [Membership.Role.REPORTER, Membership.Role.LEADER]),
            f"Báo cáo {report.period.label} của {report.unit.name} đã được duyệt.",
            reverse("reporting:due"),
        )
    return report


def return_report(report: ProgressReport, *, actor, comment: str) -> ProgressReport:
    """The office returns a submitted report with a comment (trả lại); the reporter completes and resubmits."""
    comment = clean(comment)
    if not comment:
        raise ReportingError("Cần ghi ý kiến khi trả lại báo cáo.")
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update(of=("self",))
            .select_related("period", "unit")
            .get(pk=report.pk)
        )
        if report.status != STATUS.SUBMITTED:
            raise ReportingError("Chỉ trả lại được báo cáo đã gửi và đang chờ duyệt.")
        report.status = STATUS.RETURNED
        report.review_comment = comment
        report.reviewed_at = clock.now()
        report.reviewed_by = actor if getattr(actor, "pk", None) else None
        report.idempotency_key = ""
        report.version += 1
        report.save()
        record(
            actor=actor,
            action="return",
            obj=report,
            unit=report.unit,
            changes={"status": [STATUS.SUBMITTED, STATUS.RETURNED]},
            note=comment,
        )
        notify(
            people_of(report.unit, [Membership.Role.REPORTER]),
            f"Báo cáo {report.period.label} bị trả lại: {comment}",
            reverse("reporting:due") + f"?period={report.period_id}",
        )
    return report
