"""Writes of the exports app: making a report or export file, and keeping an office's report settings.

Small reports are built at once; large ones (many tasks) are queued as a background task (django-tasks) whose
progress the list page shows. Every file records who asked for it, when, for which unit and date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dondoc.audit.actions import diff, record
from dondoc.tasks import selectors
from dondoc.tasks.models import Programme
from dondoc.units.models import Unit
from dondoc.units.scope import Scope

from . import content, pdf, periods
from .docx_report import build_docx
from .models import GeneratedFile, ReportSettings
from .xlsx import build_xlsx

log = logging.getLogger("dondoc.exports")

Kind, Format, Status = GeneratedFile.Kind, GeneratedFile.Format, GeneratedFile.Status

# Accepted on the command line and the API besides the Vietnamese codes.
KIND_ALIASES = {
    "periodic": Kind.PERIODIC,
    "so_ket": Kind.PERIODIC,
    "overdue": Kind.OVERDUE,
    "reminder": Kind.REMINDER,
    "indicators": Kind.INDICATORS,
    "catalogue": Kind.CATALOGUE,
}
FILE_STEMS = {
    Kind.PERIODIC: "bao-cao-dinh-ky",
    Kind.OVERDUE: "nhiem-vu-qua-han",
    Kind.REMINDER: "thong-bao-don-doc",
    Kind.INDICATORS: "bao-cao-chi-tieu",
    Kind.CATALOGUE: "danh-muc-nhiem-vu",
}


def sync_limit() -> int:
    """Reports over this many tasks are built in the background."""
    return getattr(settings, "DONDOC_EXPORT_SYNC_MAX_TASKS", 3000)


def parse_kind(value: str) -> str:
    v = (value or "").strip().lower().replace("-", "_")
    v = KIND_ALIASES.get(v, v)
    if v not in Kind.values:
        names = ", ".join([*Kind.values, *KIND_ALIASES])
        raise ValueError(
            _("Loại báo cáo '%(value)s' không hợp lệ; dùng một trong: %(names)s.")
            % {"value": value, "names": names}
        )
    return v


def parse_format(value: str) -> str:
    v = (value or "").strip().lower().lstrip(".")
    if v not in Format.values:
        raise ValueError(
            _("Định dạng '%(value)s' không hợp lệ; dùng docx, pdf hoặc xlsx.") % {"value": value}
        )
    return v


def check_request(kind: str, fmt: str) -> None:
    """Refuse what cannot be produced, in the users' words."""
    if kind == Kind.CATALOGUE and fmt != Format.XLSX:
        raise ValueError(_("Danh mục nhiệm vụ chỉ kết xuất ra Excel (.xlsx)."))
    if fmt == Format.PDF and not pdf.available():
        raise ValueError(_("PDF không khả dụng: máy chủ chưa cài LibreOffice. Hãy chọn Word (.docx)."))


def render(
    kind: str,
    fmt: str,
    unit: Unit,
    programme: Programme,
    as_of: date,
    *,
    period: str = periods.QUARTER,
    scope: Scope | None = None,
    progress: Callable[[int], None] | None = None,
    issued_on: date | None = None,
    out=None,
) -> bytes | None:
    """The bytes of the file: DOCX or PDF of a report, or the Excel workbook. `out` (a path or a binary file):
    the Excel workbook is written there in constant memory instead (None returned); other formats return their
    bytes whatever `out`.

    The workbook speaks the language active now (the requester's); an official document is always Vietnamese
    (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW), whatever the interface's language."""
    check_request(kind, fmt)
    if fmt == Format.XLSX:
        return build_xlsx(unit, programme, as_of, scope=scope, progress=progress, out=out)
    with translation.override("vi"):
        report = content.build(kind, unit, programme, as_of, scope=scope, period=period, progress=progress)
        data = build_docx(report, issued_on=issued_on)
    if fmt == Format.PDF:
        data = pdf.docx_to_pdf(data)
    return data


def filename(kind: str, fmt: str, unit: Unit, programme: Programme, as_of: date) -> str:
    return f"{FILE_STEMS[kind]}-{unit.code}-{programme.code}-{as_of:%Y%m%d}.{fmt}"


def generate_report(
    *,
    actor,
    scope: Scope,
    kind: str,
    fmt: str,
    unit: Unit,
    programme: Programme,
    as_of: date,
    period: str = periods.QUARTER,
    background: bool | None = None,
) -> GeneratedFile:
    """Make a report or export for a unit's subtree: at once when small, in the background when large.

    The caller has checked that the scope manages the unit (views answer 404 otherwise)."""
    kind, fmt = parse_kind(kind), parse_format(fmt)
    check_request(kind, fmt)
    if background is None:
        size = selectors.tasks_for_unit(unit, scope=scope).filter(programme=programme).count()
        background = size > sync_limit()
    with transaction.atomic():
        gf = GeneratedFile.objects.create(
            kind=kind,
            format=fmt,
            period=period,
            unit=unit,
            programme=programme,
            as_of=as_of,
            created_by=actor if getattr(actor, "pk", None) else None,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        record(actor=actor, action="create", obj=gf, unit=unit, note=f"{gf.get_kind_display()} ({fmt})")
        if background:
            from . import jobs

            transaction.on_commit(lambda: jobs.generate_file.enqueue(gf.pk))
    if not background:
        run_generation(gf.pk, scope=scope)
        gf.refresh_from_db()
    return gf


def run_generation(file_id: int, *, scope: Scope | None = None) -> None:
    """Build one queued file, recording progress; a failure is kept on the file, never half a file."""
    gf = GeneratedFile.objects.select_related("unit", "programme", "created_by").get(pk=file_id)
    if gf.status == Status.DONE:
        return
    if scope is None:
        scope = Scope.for_user(gf.created_by) if gf.created_by else Scope.everything()
    GeneratedFile.objects.filter(pk=gf.pk).update(status=Status.RUNNING, progress=5)
    last = [5]

    def progress(pct: int) -> None:
        if pct >= last[0] + 10:
            last[0] = pct
            GeneratedFile.objects.filter(pk=gf.pk).update(progress=min(pct, 99))

    import tempfile

    from django.core.files import File

    with tempfile.TemporaryFile() as spool:  # an Excel workbook is written here as it is built
        try:
            with translation.override(gf.language or settings.LANGUAGE_CODE):
                data = render(
                    gf.kind,
                    gf.format,
                    gf.unit,
                    gf.programme,
                    gf.as_of,
                    period=gf.period or periods.QUARTER,
                    scope=scope,
                    progress=progress,
                    out=spool,
                )
        except Exception as exc:  # the file records why; the list page shows it
            log.exception("export %s failed", gf.pk)
            GeneratedFile.objects.filter(pk=gf.pk).update(
                status=Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
            )
            return
        name = filename(gf.kind, gf.format, gf.unit, gf.programme, gf.as_of)
        if data is None:
            spool.seek(0)
            gf.file.save(name, File(spool), save=False)
        else:
            gf.file.save(name, ContentFile(data), save=False)
    GeneratedFile.objects.filter(pk=gf.pk).update(
        file=gf.file.name, status=Status.DONE, progress=100, finished_at=timezone.now(), error=""
    )


SETTINGS_FIELDS = (
    "layout",
    "parent_body",
    "issuing_body",
    "sender",
    "number_code",
    "place",
    "signer_authority",
    "signer_title",
    "signer_name",
    "addressees",
    "recipients",
)


def save_report_settings(unit: Unit, *, actor, **fields) -> ReportSettings:
    """The office sets, once, how its documents are headed and signed and who receives them."""
    with transaction.atomic():
        rs = ReportSettings.objects.select_for_update().filter(unit=unit).first()
        before = {f: getattr(rs, f) for f in SETTINGS_FIELDS} if rs else {}
        if rs is None:
            rs = ReportSettings(unit=unit)
        for name in SETTINGS_FIELDS:
            if name in fields:
                setattr(rs, name, fields[name])
        rs.updated_by = actor if getattr(actor, "pk", None) else None
        rs.full_clean(exclude=["unit", "updated_by"])
        rs.save()
        after = {f: getattr(rs, f) for f in SETTINGS_FIELDS}
        changes = diff(before, after)
        if changes:
            record(actor=actor, action="update" if before else "create", obj=rs, changes=changes, unit=unit)
    return rs
