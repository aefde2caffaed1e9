"""The exports page: make a report (Word, PDF, Excel), the list of generated files, the office's settings."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dondoc.committees import selectors as committee_selectors
from dondoc.units.models import Unit
from dondoc.units.scope import Scope

from . import actions, brief, pdf
from .content import settings_for
from .forms import GenerateForm, SettingsForm
from .models import GeneratedFile, ReportSettings


def _office_scope(request) -> Scope:
    scope = Scope.for_user(request.user)
    if not scope.is_office:
        raise Http404(_("Không tìm thấy trang."))
    return scope


def _managed_unit(scope: Scope, code: str | None) -> Unit:
    unit = Unit.objects.filter(code=(code or "").strip().upper()).first()
    if unit is None or not scope.manages(unit):
        raise Http404(_("Không tìm thấy đơn vị."))
    return unit


def _files(scope: Scope):
    return (
        GeneratedFile.objects.filter(scope.unit_q("unit__"))
        .select_related("unit", "programme", "created_by")
        .order_by("-created_at", "-id")
    )


def _settings_unit(scope: Scope, code: str | None) -> Unit | None:
    if code:
        return _managed_unit(scope, code)
    if scope.office_paths:
        return Unit.objects.filter(path=sorted(scope.office_paths, key=len)[0]).first()
    return scope.default_unit()


@login_required
def export_list(request, generate_form=None, settings_form=None, settings_unit=None):
    """Báo cáo, kết xuất: the form to make a report, the files made so far, the office's settings."""
    scope = _office_scope(request)
    available = pdf.available()
    unit = settings_unit or _settings_unit(scope, request.GET.get("unit"))
    if settings_form is None and unit is not None:
        # One query: the unit's own settings, else the nearest ancestor's (or defaults) as a starting point.
        found = settings_for(unit)
        if found.pk and found.unit_id == unit.pk:
            settings_form = SettingsForm(instance=found)
        else:
            settings_form = SettingsForm(initial={f: getattr(found, f) for f in actions.SETTINGS_FIELDS})
    page = Paginator(_files(scope), settings.DONDOC_PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "form": generate_form or GenerateForm(scope=scope, pdf_available=available),
        "settings_form": settings_form,
        "settings_unit": unit,
        "page": page,
        "pdf_available": available,
    }
    return render(request, "exports/list.html", ctx)


@login_required
@require_POST
def generate(request):
    """Make a report now (small) or queue it (large), then show the list."""
    scope = _office_scope(request)
    _managed_unit(scope, request.POST.get("unit"))  # outside the scope: 404, nothing made
    available = pdf.available()
    form = GenerateForm(request.POST, scope=scope, pdf_available=available)
    if not form.is_valid():
        return export_list(request, generate_form=form)
    data = form.cleaned_data
    try:
        gf = actions.generate_report(
            actor=request.user,
            scope=scope,
            kind=data["kind"],
            fmt=data["fmt"],
            unit=data["unit"],
            programme=data["programme"],
            as_of=data["as_of"],
            period=data["period"],
        )
    except ValueError as exc:
        form.add_error(None, str(exc))
        return export_list(request, generate_form=form)
    if gf.status == GeneratedFile.Status.DONE:
        messages.success(
            request,
            _("Đã tạo tệp: %(gf)s — %(gf2)s.")
            % {"gf": gf.get_kind_display(), "gf2": gf.get_format_display()},
        )
    elif gf.status == GeneratedFile.Status.FAILED:
        messages.error(request, _("Không tạo được tệp: %(error)s") % {"error": gf.error})
    else:
        messages.info(request, "Báo cáo lớn đang được tạo ở chế độ nền; trang này cập nhật tiến độ.")
    return redirect("exports:list")


@login_required
@require_POST
def save_settings(request):
    """The office saves how its documents are headed and signed."""
    scope = _office_scope(request)
    unit = _managed_unit(scope, request.POST.get("settings_unit"))
    rs = ReportSettings.objects.filter(unit=unit).first()
    form = SettingsForm(request.POST, instance=rs)
    if not form.is_valid():
        return export_list(request, settings_form=form, settings_unit=unit)
    try:
        actions.save_report_settings(unit, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return export_list(request, settings_form=form, settings_unit=unit)
    messages.success(request, _("Đã lưu thiết lập văn bản của %(name)s.") % {"name": unit.name})
    return redirect(reverse("exports:list") + f"?unit={unit.code}")


def _get_file(request, pk: int) -> GeneratedFile:
    scope = _office_scope(request)
    gf = _files(scope).filter(pk=pk).first()
    if gf is None:
        raise Http404(_("Không tìm thấy tệp."))
    return gf


@login_required
def file_row(request, pk: int):
    """One row of the list (htmx polls it while the file is being built)."""
    return render(request, "exports/_row.html", {"f": _get_file(request, pk)})


@login_required
def download(request, pk: int):
    gf = _get_file(request, pk)
    if gf.status != GeneratedFile.Status.DONE or not gf.file:
        raise Http404(_("Tệp chưa sẵn sàng."))
    try:
        handle = gf.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp không còn trên máy chủ.")) from None
    name = actions.filename(gf.kind, gf.format, gf.unit, gf.programme, gf.as_of)  # storage may add a suffix
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
def meeting_brief(request, pk: int):
    """The brief for a committee meeting (exports/brief.py), DOCX or ?format=pdf, for those who read the meeting:
    the committee unit's office and leaders (404 for anyone else, as the meeting page)."""
    scope = Scope.for_user(request.user)
    meeting = committee_selectors.get_meeting(scope, pk)
    fmt = "pdf" if request.GET.get("format") == "pdf" else "docx"
    try:
        data = brief.render(meeting, fmt, scope=scope)
    except pdf.PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("committees:meeting", pk=meeting.pk)
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=brief.filename(meeting, fmt))
