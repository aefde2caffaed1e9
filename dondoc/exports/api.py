"""API of the exports app: make a report or export, follow its progress, list the files in scope."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from dondoc.tasks.models import Programme
from dondoc.tasks.status import today
from dondoc.units.scope import Scope

from . import actions, periods
from .models import GeneratedFile

router = Router(tags=["exports"])  # ASCII for generated clients; described in dondoc/api/api.py


class FileOut(Schema):
    id: int
    kind: str
    format: str
    unit: str
    programme: str
    as_of: date
    period: str
    status: str
    progress: int
    created_by: str | None
    created_at: datetime
    error: str
    download_url: str | None


class GenerateIn(Schema):
    kind: str = GeneratedFile.Kind.PERIODIC
    format: str = GeneratedFile.Format.DOCX
    unit: str
    programme: str
    as_of: date | None = None
    period: str = periods.QUARTER


class Error(Schema):
    detail: str


def _out(gf: GeneratedFile) -> dict:
    return {
        "id": gf.pk,
        "kind": gf.kind,
        "format": gf.format,
        "unit": gf.unit.code,
        "programme": gf.programme.code,
        "as_of": gf.as_of,
        "period": gf.period,
        "status": gf.status,
        "progress": gf.progress,
        "created_by": gf.created_by.username if gf.created_by_id else None,
        "created_at": gf.created_at,
        "error": gf.error,
        "download_url": reverse("exports:download", args=[gf.pk]) if gf.status == gf.Status.DONE else None,
    }


def _files(scope: Scope):
    if not scope.is_office:
        return GeneratedFile.objects.none()
    return GeneratedFile.objects.filter(scope.unit_q("unit__")).select_related(
        "unit", "programme", "created_by"
    )


@router.get("/exports", response=list[FileOut], operation_id="list_exports")
def list_files(request):
    """The 100 newest files generated in the caller's scope."""
    return [_out(gf) for gf in _files(Scope.for_user(request.user)).order_by("-created_at", "-id")[:100]]


@router.get("/exports/{file_id}", response={200: FileOut, 404: Error}, operation_id="get_export")
def file_status(request, file_id: int):
    """One file: its status and progress, and where to download it when done."""
    gf = _files(Scope.for_user(request.user)).filter(pk=file_id).first()
    if gf is None:
        raise Http404
    return _out(gf)


@router.post("/exports", response={201: FileOut, 400: Error, 404: Error}, operation_id="create_export")
def create_file(request, payload: GenerateIn):
    """Make a report (docx, pdf) or export (xlsx) for a unit the caller's office manages (404 otherwise)."""
    scope = Scope.for_user(request.user)
    unit = scope.get_unit(payload.unit)
    if not scope.manages(unit):
        raise Http404
    programme = Programme.objects.filter(code=payload.programme.strip().upper()).first()
    if programme is None:
        raise Http404
    if payload.period not in periods.PREVIOUS_LABEL:
        raise ValueError(_("Kỳ báo cáo không hợp lệ; dùng thang, quy, 6thang hoặc nam."))
    gf = actions.generate_report(
        actor=request.user,
        scope=scope,
        kind=payload.kind,
        fmt=payload.format,
        unit=unit,
        programme=programme,
        as_of=payload.as_of or today(),
        period=payload.period,
    )
    return Status(201, _out(gf))
