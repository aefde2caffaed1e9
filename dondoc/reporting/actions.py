"""Writes of the reporting cycle. Each action owns its transaction, its history record and its notifications."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dondoc.audit.actions import record
from dondoc.tasks import actions as task_actions
from dondoc.tasks.models import Task
from dondoc.units.models import Membership, Unit
from dondoc.vn import clean, format_date

from . import periods as P
from .models import (
    Contribution,
    Evidence,
    Notification,
    Obstacle,
    Period,
    ProgressReport,
    ReportItem,
    Schedule,
    WorkdayOverride,
)

log = logging.getLogger("dondoc.reporting")

STATE = ReportItem.State
STATUS = ProgressReport.Status


class ReportingError(ValueError):
    """A write refused for a reason the user can act on (message in Vietnamese)."""


class VersionConflict(ReportingError):
    """Someone else saved the report since this form was opened."""


CONFLICT_MESSAGE = (
    "Báo cáo đã được người khác cập nhật trong lúc bạn đang soạn. Chưa ghi thay đổi nào của bạn; "
    "hãy tải lại trang để xem nội dung mới nhất rồi nhập lại."
)

ALLOWED_EXTENSIONS = {".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg"}


def now():
    """The current moment (one place, so tests can set the clock)."""
    return timezone.now()


def _sniff_ok(ext: str, head: bytes) -> bool:
    """The file's first bytes agree with its extension (a renamed executable is refused)."""
    if ext == ".pdf":
        return head.startswith(b"%PDF-")
    if ext in (".docx", ".xlsx"):
        return head.startswith(b"PK\x03\x04")
    if ext == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    return False


def check_evidence_file(f) -> None:
    """Refuse a file over the size limit or of a type not accepted; the message names the file."""
    name = os.path.basename(getattr(f, "name", "") or "tệp")
    limit = settings.DONDOC_EVIDENCE_MAX_BYTES
    if f.size > limit:
        raise ReportingError(
            f"Tệp “{name}” quá lớn ({f.size / 1048576:.1f} MB); giới hạn {limit / 1048576:.0f} MB.".replace(
                ".", ","
            )
        )
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise ReportingError(f"Tệp “{name}” không được chấp nhận: chỉ nhận PDF, DOCX, XLSX, PNG, JPG.")
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    if not _sniff_ok(ext, head):
        raise ReportingError(f"Tệp “{name}” không đúng định dạng {ext[1:].upper()} như tên tệp ghi.")


# -- periods ------------------------------------------------------------------------------------------------
def ensure_periods(schedule: Schedule, up_to: date) -> int:
    """Create the schedule's periods from its start to the one containing `up_to`. Idempotent; returns how
    many were created."""
    overrides = WorkdayOverride.as_map()
    specs = P.periods_between(schedule.period_type, schedule.starts_on, up_to)
    existing = set(Period.objects.filter(schedule=schedule).values_list("code", flat=True))
    new = [
        Period(
            schedule=schedule,
            code=s.code,
            start=s.start,
            end=s.end,
            deadline=P.deadline_for(s.end, schedule.deadline_offset, overrides),
        )
        for s in specs
        if s.code not in existing
    ]
    Period.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def ensure_all_periods(up_to: date) -> int:
    return sum(ensure_periods(s, up_to) for s in Schedule.objects.filter(active=True))


def lock_period(period: Period, *, reason: str, actor=None) -> None:
    """Close a period: no more submissions (e.g. the figures have been sent up)."""
    with transaction.atomic():
        Period.objects.filter(pk=period.pk).update(locked=True, locked_reason=clean(reason))
        period.locked, period.locked_reason = True, clean(reason)
        record(actor=actor, action="lock", obj=period, unit=period.schedule.owner, note=reason)


# -- notifications --------------------------------------------------------------------------------------------
def notify(users, text: str, url: str = "") -> int:
    """In-app notifications for these people."""
    rows = [Notification(user=u, text=text[:500], url=url) for u in {u.pk: u for u in users}.values()]
    Notification.objects.bulk_create(rows)
    return len(rows)


def mark_read(user, ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def people_of(unit: Unit, roles) -> list:
    from dondoc.units.models import User

    return list(
        User.objects.filter(memberships__unit=unit, memberships__role__in=roles, is_active=True).distinct()
    )


def office_people(unit: Unit) -> list:
    """Office staff whose scope reaches this unit (office roles on it or above it)."""
    from dondoc.units.models import User

    ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    return list(
        User.objects.filter(
            memberships__unit_id__in=ids, memberships__role=Membership.Role.OFFICE, is_active=True
        ).distinct()
    )


# -- reports --------------------------------------------------------------------------------------------------
def report_for(period: Period, unit: Unit) -> ProgressReport:
    """The unit's report for this period; an unsaved empty draft (version 0) when none exists yet."""
    report = ProgressReport.objects.filter(period=period, unit=unit).select_related("period").first()
    return report or ProgressReport(period=period, unit=unit, version=0)


@dataclass
class ItemInput:
    """What the reporter says about one task (from the form or the API)."""

    task_id: int
    state: str = STATE.NOT_STARTED
    percent: int = 0
    completed_on: date | None = None
    done_this_period: str = ""
    output_note: str = ""
    obstacles: str = ""
    proposals: str = ""
    extension_until: date | None = None
    extension_reason: str = ""
    links: tuple[str, ...] = ()
    files: tuple[Any, ...] = ()


ITEM_FIELDS = (
    "state",
    "percent",
    "completed_on",
    "done_this_period",
    "output_note",
    "obstacles",
    "proposals",
    "extension_until",
    "extension_reason",
)


def _check_items(report: ProgressReport, items: list[ItemInput]) -> dict[int, Task]:
    """Every task must be led by the report's unit (else 404, as if absent); inputs must be sane."""
    ids = {i.task_id for i in items}
    tasks = {
        t.pk: t
        for t in Task.objects.filter(
            pk__in=ids, lead=report.unit, programme_id=report.period.schedule.programme_id
        )
    }
    if len(tasks) != len(ids):
        raise Http404("Không tìm thấy nhiệm vụ.")
    for i in items:
        t = tasks[i.task_id]
        if i.state not in STATE.values:
            raise ReportingError(f"Nhiệm vụ {t.code}: tình trạng không hợp lệ.")
        if not 0 <= int(i.percent) <= 100:
            raise ReportingError(f"Nhiệm vụ {t.code}: tiến độ phải từ 0 đến 100%.")
        if i.extension_until and not clean(i.extension_reason):
            raise ReportingError(f"Nhiệm vụ {t.code}: cần ghi lý do đề nghị gia hạn.")
        if i.extension_until and t.recurring:
            raise ReportingError(f"Nhiệm vụ {t.code} là nhiệm vụ thường xuyên, không gia hạn.")
        for f in i.files:
            check_evidence_file(f)
    return tasks


def _check_editable(report: ProgressReport) -> None:
    if report.status in (STATUS.SUBMITTED, STATUS.ACCEPTED):
        raise ReportingError("Báo cáo đã gửi; không sửa được nữa (trừ khi cơ quan thường trực trả lại).")
    if report.period.locked:
        raise ReportingError(
            f"Kỳ báo cáo {report.period.label} đã khóa: {report.period.locked_reason or 'không nhận báo cáo nữa'}."
        )


def _take_version(report: ProgressReport, version: int, **also) -> int:
    """Claim the next version of the report (creating it when new): the one the form was opened with must still
    be the latest, else VersionConflict and nothing is written. Returns the version before."""
    if report.pk is None:
        if version != 0:
            raise VersionConflict(CONFLICT_MESSAGE)
        report.version = 1
        for name, value in also.items():
            setattr(report, name, value)
        report.save()
        return 0
    changed = ProgressReport.objects.filter(
        pk=report.pk, version=version, status__in=[STATUS.DRAFT, STATUS.RETURNED]
    ).update(version=version + 1, updated_at=timezone.now())
    if not changed:
        raise VersionConflict(CONFLICT_MESSAGE)
    report.version = version + 1
    return version


def _write_items(
    report: ProgressReport, items: list[ItemInput], tasks: dict[int, Task], *, actor, new: bool
) -> tuple[list[ReportItem], dict[str, str]]:
    """Write what the reporter said about each task: new items in one insert, changed ones in one update, links
    as evidence, files stored. Returns every item of the report (each with `evidence_names`) and the change
    summary."""
    existing = {} if new else {it.task_id: it for it in report.items.prefetch_related("evidence")}
    for it in existing.values():
        it.evidence_names = [ev.url or ev.name for ev in it.evidence.all()]
    to_create, to_update, changes = [], [], {}
    for i in items:
        item = existing.get(i.task_id)
        if item is None:
            item = ReportItem(report=report, task=tasks[i.task_id])
            item.evidence_names = []
            to_create.append(item)
            existing[i.task_id] = item
        else:
            item.task = tasks[i.task_id]
            to_update.append(item)
        for name in ITEM_FIELDS:
            value = getattr(i, name)
            if isinstance(value, str):
                value = clean(value)
            setattr(item, name, value)
        if item.state == STATE.DONE:
            item.percent = 100
            item.completed_on = item.completed_on or None
        else:
            item.completed_on = None
        changes[tasks[i.task_id].code] = item.get_state_display()
    ReportItem.objects.bulk_create(to_create)
    if to_update:
        ReportItem.objects.bulk_update(to_update, ITEM_FIELDS + ("percent",))
    links = []
    for i in items:
        item = existing[i.task_id]
        for url in i.links:
            if url:
                links.append(Evidence(item=item, url=url, name=url[:255], uploaded_by=actor))
                item.evidence_names.append(url)
        for f in i.files:
            ev = Evidence(item=item, name=os.path.basename(f.name)[:255], size=f.size, uploaded_by=actor)
            ev.file.save(os.path.basename(f.name), f, save=False)
            f.stored_as = ev.file.name  # to remove it again if the write is refused
            ev.save()
            item.evidence_names.append(ev.name)
    Evidence.objects.bulk_create(links)
    return list(existing.values()), changes


def save_draft(report: ProgressReport, items: list[ItemInput], *, actor, version: int) -> ProgressReport:
    """Save the report as a draft (lưu nháp). `version` is the one the form was opened with: if someone saved
    since, nothing is written and VersionConflict says so. Files are checked before anything is written."""
    _check_editable(report)
    tasks = _check_items(report, items)
    try:
        with transaction.atomic():
            new = report.pk is None
            before_version = _take_version(report, version)
            _, changes = _write_items(report, items, tasks, actor=actor, new=new)
            record(
                actor=actor,
                action="save_draft",
                obj=report,
                unit=report.unit,
                changes={"version": [before_version, report.version], "items": [None, changes]},
            )
    except IntegrityError:
        # Two first saves at once: the other one won.
        _drop_stored_files(items)
        raise VersionConflict(CONFLICT_MESSAGE) from None
    except BaseException:
        _drop_stored_files(items)
        raise
    return report


def _check_sendable(report: ProgressReport, items: list[ReportItem]) -> None:
    period = report.period
    if period.locked:
        raise ReportingError(
            f"Kỳ báo cáo {period.label} đã khóa, không nhận báo cáo: "
            f"{period.locked_reason or 'cơ quan thường trực đã chốt số liệu'}."
        )
    if report.status not in (STATUS.DRAFT, STATUS.RETURNED):
        raise ReportingError("Báo cáo này đã được gửi.")
    if not items:
        raise ReportingError("Báo cáo chưa có nội dung nhiệm vụ nào.")
    missing = sorted(
        it.task.code
        for it in items
        if it.state == STATE.DONE and not it.output_note and not it.evidence_names
    )
    if missing:
        raise ReportingError(
            "Nhiệm vụ báo cáo “hoàn thành” cần có sản phẩm đầu ra hoặc minh chứng: "
            + ", ".join(missing)
            + "."
        )


def _send(report: ProgressReport, items: list[ReportItem], *, actor, key: str, changes=None) -> None:
    """Mark the report sent (status, time, version), register its obstacles and proposals, record it and tell
    the office. Inside the caller's transaction, the report already locked or just created."""
    period = report.period
    moment = now()
    before = report.status
    report.status = STATUS.SUBMITTED
    report.submitted_at = moment
    report.submitted_on = timezone.localdate(moment)
    report.submitted_by = actor if getattr(actor, "pk", None) else None
    report.idempotency_key = key
    report.version += 1
    report.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_on",
            "submitted_by",
            "idempotency_key",
            "version",
            "updated_at",
        ]
    )
    for it in items:
        for kind, text in (
            (Obstacle.Kind.OBSTACLE, it.obstacles),
            (Obstacle.Kind.PROPOSAL, it.proposals),
        ):
            if text:
                Obstacle.objects.update_or_create(
                    source_item=it,
                    kind=kind,
                    defaults={
                        "programme_id": period.schedule.programme_id,
                        "text": text,
                        "task": it.task,
                        "group_id": it.task.group_id,
                        "raised_by": report.unit,
                        "addressed_to": period.schedule.owner,
                        "raised_on": report.submitted_on,
                        "created_by": report.submitted_by,
                    },
                )
    what = {"status": [before, report.status]}
    if changes is not None:
        what["items"] = [None, changes]
    record(actor=actor, action="submit", obj=report, unit=report.unit, changes=what)
    when = "đúng hạn" if report.on_time else "quá hạn"
    notify(
        office_people(report.unit),
        f"{report.unit.name} đã gửi báo cáo {period.label} ({when}).",
        reverse("reporting:review_report", args=[report.pk]),
    )
    report.sent_items = items


def _locked(report: ProgressReport) -> ProgressReport:
    """The report read again and locked for the rest of the transaction (two sends at once: one waits)."""
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("period__schedule", "unit")
        .get(pk=report.pk)
    )


def _already_sent(report: ProgressReport, key: str) -> bool:
    """A retried send (same Idempotency-Key) of a report already sent: answer it, write nothing."""
    return bool(key) and report.idempotency_key == key and report.status != STATUS.DRAFT


def submit_report(report: ProgressReport, *, actor, idempotency_key: str | None = None) -> ProgressReport:
    """Send the report to the office (gửi báo cáo). A retried submission with the same key reports once and
    answers the same. A locked period refuses it with the reason. "Hoàn thành" needs an output or evidence."""
    key = (idempotency_key or "").strip()[:100]
    if report.pk is None:
        raise ReportingError("Báo cáo chưa có nội dung: hãy nhập và lưu trước khi gửi.")
    with transaction.atomic():
        report = _locked(report)
        if _already_sent(report, key):
            return report
        items = list(report.items.select_related("task").prefetch_related("evidence"))
        for it in items:
            it.evidence_names = [ev.url or ev.name for ev in it.evidence.all()]
        _check_sendable(report, items)
        _send(report, items, actor=actor, key=key)
    return report


def save_and_submit(
    report: ProgressReport,
    items: list[ItemInput],
    *,
    actor,
    version: int,
    idempotency_key: str | None = None,
) -> ProgressReport:
    """Save the report's content and send it, in one transaction: what a phone or another system does in one
    request. The same rules as save_draft then submit_report, and all or nothing: a refused submission leaves
    the report as it was. A retried call with the same key answers the report already sent, writing nothing."""
    key = (idempotency_key or "").strip()[:100]
    if report.pk is not None and _already_sent(report, key):
        return report
    _check_editable(report)
    tasks = _check_items(report, items)
    try:
        with transaction.atomic():
            new = report.pk is None
            if not new:
                report = _locked(report)
                if _already_sent(report, key):
                    return report
                _check_editable(report)
            _take_version(report, version)
            written, changes = _write_items(report, items, tasks, actor=actor, new=new)
            _check_sendable(report, written)
            _send(report, written, actor=actor, key=key, changes=changes)
    except IntegrityError:
        # Two first submissions at once: the other one won. The same submission sent twice (same key) answers
        # what the first one sent; another one is told to reload.
        other = ProgressReport.objects.filter(period_id=report.period_id, unit_id=report.unit_id).first()
        if other is not None and _already_sent(other, key):
            return other
        raise VersionConflict(CONFLICT_MESSAGE) from None
    except BaseException:
        _drop_stored_files(items)
        raise
    return report


def _drop_stored_files(items: list[ItemInput]) -> None:
    """Evidence files stored during a write that was then refused: the rows are rolled back, so are the files."""
    for i in items:
        for f in i.files:
            name = getattr(f, "stored_as", None)
            if name:
                Evidence._meta.get_field("file").storage.delete(name)


def _reported_start(item: ReportItem, report: ProgressReport) -> date:
    return min(report.period.end, report.submitted_on or report.period.end)


def accept_report(
    report: ProgressReport, *, actor, on: date | None = None, approve_extensions: set[int] | None = None
) -> ProgressReport:
    """The office accepts a submitted report (duyệt). "Hoàn thành" sets the task's completion date (the date
    reported, else the acceptance date); "đang thực hiện" records the first progress; an approved extension
    request changes the deadline in force (the original is kept). `approve_extensions`: item ids approved
    (None approves every request)."""
    on = on or timezone.localdate(now())
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
        report.reviewed_at = timezone.now()
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
        report.reviewed_at = timezone.now()
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


# -- contributions and obstacles --------------------------------------------------------------------------------
def add_contribution(
    task: Task, unit: Unit, note: str, *, actor, period: Period | None = None
) -> Contribution:
    """A partner unit notes its part in a task."""
    note = clean(note)
    if not note:
        raise ReportingError("Cần ghi nội dung phối hợp.")
    if not task.partners.filter(pk=unit.pk).exists():
        raise Http404
    with transaction.atomic():
        c = Contribution.objects.create(task=task, unit=unit, note=note, author=actor, period=period)
        record(actor=actor, action="contribute", obj=task, unit=unit, note=note)
    return c


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


def set_workday(day: date, *, is_working: bool, note: str = "", actor=None) -> None:
    """The office declares a day off or a compensatory working day; future period deadlines follow it."""
    with transaction.atomic():
        ov, _ = WorkdayOverride.objects.update_or_create(
            date=day, defaults={"is_working": is_working, "note": note}
        )
        record(actor=actor, action="update", obj=ov, note=note)
        overrides = WorkdayOverride.as_map()
        for p in Period.objects.filter(end__gte=day - timedelta(days=60), end__lt=day).select_related(
            "schedule"
        ):
            new = P.deadline_for(p.end, p.schedule.deadline_offset, overrides)
            if new != p.deadline:
                Period.objects.filter(pk=p.pk).update(deadline=new)


# -- reminders (đôn đốc) ----------------------------------------------------------------------------------------
@dataclass
class PlannedReminder:
    kind: str
    recipient: Any
    item_key: str
    subject: str
    body: str
    url: str = ""


def plan_reminders(as_of: date, days: int = 3) -> list[PlannedReminder]:
    """What should be sent today: reporters whose report is due within `days` working days or missing,
    people of units whose tasks are due within `days` days or overdue, and a digest for each office."""
    from dondoc.tasks import status as task_status
    from dondoc.units.models import User

    from . import selectors
    from .models import Reminder

    K = Reminder.Kind
    overrides = WorkdayOverride.as_map()
    out: list[PlannedReminder] = []
    due_url = reverse("reporting:due")
    digest: dict[int, list[str]] = {}
    owners: dict[int, Unit] = {}
    for s in Schedule.objects.filter(active=True).select_related("owner", "programme"):
        # "Missing": the latest period whose deadline has passed.
        current = Period.objects.filter(schedule=s, deadline__lt=as_of).order_by("-end").first()
        candidates = list(
            Period.objects.filter(schedule=s, start__lte=as_of, deadline__gte=as_of, locked=False)
        )
        soon = [p for p in candidates if P.working_days_between(as_of, p.deadline, overrides) <= days]
        missing = [current] if current and not current.locked else []
        expected = list(s.reporting_units())
        owners[s.owner_id] = s.owner
        for kind, periods in ((K.REPORT_DUE, soon), (K.REPORT_MISSING, missing)):
            for p in periods:
                sent = set(
                    ProgressReport.objects.filter(period=p, status__in=selectors.COUNTED).values_list(
                        "unit_id", flat=True
                    )
                )
                late_units = [u for u in expected if u.pk not in sent]
                if kind == K.REPORT_MISSING and late_units:
                    digest.setdefault(s.owner_id, []).append(
                        f"- {s.name}, {p.label} (hạn {format_date(p.deadline)}): {len(late_units)} đơn vị chưa gửi: "
                        + ", ".join(u.name for u in late_units[:30])
                        + ("..." if len(late_units) > 30 else "")
                    )
                for u in late_units:
                    for person in people_of(u, [Membership.Role.REPORTER]):
                        if kind == K.REPORT_DUE:
                            subject = f"[dondoc] Báo cáo {p.label} hạn nộp {format_date(p.deadline)}"
                            body = (
                                f"Kính gửi {person.get_full_name()},\n\n{u.name} chưa gửi báo cáo {s.name} kỳ "
                                f"{p.label}. Hạn nộp: {format_date(p.deadline)}."
                            )
                        else:
                            subject = f"[dondoc] Quá hạn nộp báo cáo {p.label}"
                            body = (
                                f"Kính gửi {person.get_full_name()},\n\n{u.name} chưa gửi báo cáo {s.name} kỳ "
                                f"{p.label}; hạn nộp {format_date(p.deadline)} đã qua. Đề nghị gửi ngay."
                            )
                        out.append(
                            PlannedReminder(
                                kind, person, f"period:{p.pk}:unit:{u.pk}", subject, body, due_url
                            )
                        )
    # Tasks due soon or overdue, one reminder per unit and person.
    horizon = as_of + timedelta(days=days)
    tasks = (
        task_status.with_status(
            Task.objects.filter(programme__is_active=True, recurring=False, done__isnull=True), as_of
        )
        .filter(due_now__lte=horizon)
        .select_related("lead")
        .order_by("lead_id", "due_now", "code")
    )
    by_unit: dict[tuple[int, str], list[Task]] = {}
    for t in tasks:
        kind = K.TASK_OVERDUE if t.due_now < as_of else K.TASK_DUE
        by_unit.setdefault((t.lead_id, kind), []).append(t)
    members: dict[int, list] = {}
    for m in Membership.objects.filter(
        unit_id__in={k[0] for k in by_unit}, role__in=[Membership.Role.REPORTER, Membership.Role.LEADER]
    ).select_related("user"):
        if m.user.is_active:
            members.setdefault(m.unit_id, []).append(m.user)
    for (unit_id, kind), ts in by_unit.items():
        unit = ts[0].lead
        lines = "\n".join(f"- {t.code}: {t.title[:150]} (hạn {format_date(t.due_now)})" for t in ts)
        what = "quá hạn" if kind == K.TASK_OVERDUE else f"đến hạn trong {days} ngày tới"
        for person in {u.pk: u for u in members.get(unit_id, [])}.values():
            out.append(
                PlannedReminder(
                    kind,
                    person,
                    f"unit:{unit_id}",
                    f"[dondoc] {len(ts)} nhiệm vụ {what} — {unit.name}",
                    f"Kính gửi {person.get_full_name()},\n\n{unit.name} có {len(ts)} nhiệm vụ {what}:\n{lines}",
                    reverse("tasks:catalogue") + f"?unit={unit_id}",
                )
            )
        if kind == K.TASK_OVERDUE:
            for owner_id, owner in owners.items():
                if unit.path.startswith(owner.path):
                    digest.setdefault(owner_id, []).append(f"- {unit.name}: {len(ts)} nhiệm vụ quá hạn")
    for owner_id, lines in digest.items():
        owner = owners[owner_id]
        for person in User.objects.filter(
            memberships__unit=owner, memberships__role=Membership.Role.OFFICE, is_active=True
        ).distinct():
            out.append(
                PlannedReminder(
                    K.DIGEST,
                    person,
                    f"digest:{owner_id}",
                    f"[dondoc] Tổng hợp đôn đốc ngày {format_date(as_of)} — {owner.name}",
                    "Tình hình báo cáo và nhiệm vụ cần đôn đốc:\n" + "\n".join(lines),
                    reverse("reporting:grid"),
                )
            )
    return out


def send_reminders(as_of: date | None = None, *, days: int = 3, dry_run: bool = False) -> dict[str, int]:
    """Send today's reminders by e-mail (in the background) and in the app. A reminder already recorded
    for the same kind, person, item and day is not sent again. Also re-queues e-mails that failed earlier.
    Returns how many of each kind (and "retried")."""
    from .jobs import MAX_ATTEMPTS, enqueue_delivery
    from .models import Reminder

    as_of = as_of or timezone.localdate()
    if not dry_run:
        ensure_all_periods(as_of)
    counts = {k: 0 for k in Reminder.Kind.values}
    planned = plan_reminders(as_of, days)
    done = set(Reminder.objects.filter(day=as_of).values_list("kind", "recipient_id", "item_key"))
    for r in planned:
        key = (r.kind, r.recipient.pk, r.item_key)
        if key in done:
            continue
        done.add(key)
        counts[r.kind] += 1
        if dry_run:
            continue
        try:
            with transaction.atomic():
                row = Reminder.objects.create(
                    kind=r.kind,
                    recipient=r.recipient,
                    item_key=r.item_key,
                    day=as_of,
                    subject=r.subject[:255],
                    body=r.body,
                    url=r.url,
                )
                Notification.objects.create(
                    user=r.recipient, text=r.subject.removeprefix("[dondoc] ")[:500], url=r.url
                )
                enqueue_delivery(row.pk)
        except IntegrityError:  # another run recorded it meanwhile
            counts[r.kind] -= 1
    retry = Reminder.objects.filter(
        status__in=[Reminder.Status.PENDING, Reminder.Status.FAILED],
        attempts__gt=0,
        attempts__lt=MAX_ATTEMPTS,
    )
    counts["retried"] = retry.count()
    if not dry_run:
        for pk in retry.values_list("pk", flat=True):
            enqueue_delivery(pk)
    return counts
