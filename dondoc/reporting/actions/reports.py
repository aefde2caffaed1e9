"""The unit's progress report: drafts with a version, evidence, sending (once, whatever the retries), and the
notes of partner units."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dondoc import uploads
from dondoc.audit.actions import record
from dondoc.tasks.models import Task
from dondoc.units.models import Unit
from dondoc.vn import clean

from .. import clock
from ..errors import CONFLICT_MESSAGE, ReportingError, VersionConflict
from ..models import Contribution, Evidence, Obstacle, Period, ProgressReport, ReportItem
from .notifications import notify, office_people

STATE = ReportItem.State
STATUS = ProgressReport.Status

EVIDENCE_KINDS = {"pdf", "docx", "xlsx", "png", "jpeg"}


def check_evidence_file(f) -> None:
    """Refuse a file over the evidence size limit, or not a PDF, DOCX, XLSX, PNG or JPG by its content; the message
    names the file (dondoc.uploads)."""
    name = os.path.basename(getattr(f, "name", "") or "tệp")
    if f.size > settings.DONDOC_EVIDENCE_MAX_BYTES:
        raise ReportingError(
            f"Tệp “{name}” quá lớn ({f.size / 1048576:.1f} MB); giới hạn "
            f"{settings.DONDOC_EVIDENCE_MAX_BYTES / 1048576:.0f} MB.".replace(".", ",")
        )
    f.seek(0)
    data = f.read()
    f.seek(0)
    try:
        uploads.check(data, name, kinds=EVIDENCE_KINDS, max_bytes=settings.DONDOC_EVIDENCE_MAX_BYTES)
    except uploads.UploadRefused as exc:
        raise ReportingError(str(exc)) from None


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
    moment = clock.now()
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
