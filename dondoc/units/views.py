"""The user's own profile: roles, personal API tokens."""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dondoc.audit import selectors as audit_selectors
from dondoc.audit.actions import ACTION_LABELS

from . import actions, second_factor
from .forms import HistoryFilterForm, OtpCodeForm, PasswordChangeForm
from .models import ApiToken, SignInEvent
from .scope import Scope

TOKEN_DAYS = [30, 90, 180, 365]


@login_required
def profile(request):
    from django_otp import user_has_device

    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    scope = Scope.for_user(request.user)
    memberships = request.user.memberships.select_related("unit")
    return render(
        request,
        "units/profile.html",
        {
            "tokens": tokens,
            "memberships": memberships,
            "scope": scope,
            "new_token": request.session.pop("new_token", None),
            "sign_ins": SignInEvent.objects.filter(user=request.user)[:20],
            "has_otp": user_has_device(request.user, confirmed=True),
            "otp_required": second_factor.required_for(request.user),
            "token_days": [d for d in TOKEN_DAYS if d <= settings.DONDOC_API_TOKEN_MAX_DAYS],
            "default_days": settings.DONDOC_API_TOKEN_DAYS,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def token_create(request):
    try:
        days = int(request.POST.get("days") or settings.DONDOC_API_TOKEN_DAYS)
        raw = actions.issue_token(
            request.user, name=request.POST.get("name", "")[:100], actor=request.user, days=days
        )
    except ValueError as exc:
        messages.error(
            request, str(exc) if "ngày" in str(exc) else _("Thời hạn của mã truy cập không hợp lệ.")
        )
        return redirect("units:profile")
    request.session["new_token"] = raw
    messages.success(request, _("Đã tạo mã truy cập. Hãy sao chép ngay: mã chỉ hiện một lần."))
    return redirect("units:profile")


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, pk=pk, revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    actions.revoke_token(token, actor=request.user)
    messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("units:profile")


@login_required
def history(request, code: str):
    """Nhật ký thay đổi of a unit and its subtree: filterable, paginated, exported to Excel."""
    scope = Scope.for_user(request.user)
    unit = scope.get_unit(code)
    if not scope.covers_subtree(unit):  # a reporter reads its own pages, not the unit's trail
        raise Http404
    form = HistoryFilterForm(request.GET or None)
    entries = audit_selectors.for_subtree(unit.path, form.filters())
    if request.GET.get("xuat") == "xlsx" and (not form.is_bound or form.is_valid()):
        return _history_workbook(unit, entries)
    page = Paginator(entries, settings.DONDOC_PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "units/history.html",
        {
            "unit": unit,
            "form": form,
            "page": page,
            "history": page.object_list,
            "action_labels": ACTION_LABELS,
            "show_object": True,
            "query": query.urlencode(),
        },
    )


def _history_workbook(unit, entries) -> HttpResponse:
    from openpyxl import Workbook

    from dondoc.tabular.writing import streamed_row

    limit = settings.DONDOC_EXPORT_MAX_ROWS
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Nhật ký thay đổi"))
    ws.append(streamed_row(ws, audit_selectors.EXPORT_HEADER))
    for n, row in enumerate(audit_selectors.export_rows(entries[: limit + 1])):
        if n == limit:
            ws.append(
                streamed_row(
                    ws,
                    [
                        _("Chỉ xuất %(limit)s bản ghi đầu; hãy thu hẹp bộ lọc để xuất phần còn lại.")
                        % {"limit": limit}
                    ],
                )
            )
            break
        ws.append(streamed_row(ws, row))
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{unit.code.lower()}.xlsx"'
    return response


# -- the second factor and the password ------------------------------------------------------------------------
def _next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else default


@login_required
def otp_verify(request):
    """After the password: the code of the user's authenticator app."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if request.user.is_verified() or device is None:
        return redirect(_next(request))
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_totp(device, form.cleaned_data["code"])
        except ValueError as exc:
            actions.record_sign_in(SignInEvent.Outcome.OTP_FAILURE, user=request.user)
            form.add_error("code", str(exc))
        else:
            otp_login(request, device)
            actions.record_sign_in(SignInEvent.Outcome.OTP_SUCCESS, user=request.user)
            return redirect(_next(request))
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next(request)})


@login_required
def otp_setup(request):
    """Turn on the second factor: scan the QR code with an authenticator app, type the code it shows."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = actions.confirm_totp(request.user, form.cleaned_data["code"])
        except ValueError as exc:
            form.add_error("code", str(exc))
        else:
            otp_login(request, device)
            request.session.pop(second_factor.SESSION_KEY, None)
            messages.success(
                request, _("Đã bật xác thực hai lớp. Từ nay mỗi lần đăng nhập cần thêm mã của ứng dụng.")
            )
            return redirect(_next(request, reverse("units:profile")))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-id").first()
    if device is None or request.method == "GET":
        device = actions.start_totp(request.user)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "units/otp_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": second_factor.required_for(request.user),
            "next": _next(request, ""),
        },
    )


@login_required
def otp_qr(request):
    """The QR code of the authenticator being set up (SVG, served from here: no image leaves the server)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp.qr import write_qrcode_image

    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-id").first()
    if device is None:
        raise Http404
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def otp_disable(request):
    if second_factor.required_for(request.user):
        messages.error(
            request,
            _(
                "Vai trò của bạn bắt buộc xác thực hai lớp; không tắt được. Đổi điện thoại: liên hệ quản trị hệ thống."
            ),
        )
        return redirect("units:profile")
    actions.remove_totp(request.user)
    request.session[second_factor.SESSION_KEY] = "none"
    messages.success(request, _("Đã tắt xác thực hai lớp."))
    return redirect("units:profile")


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.change_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("units:profile")
    return render(
        request,
        "units/password_change.html",
        {"form": form, "min_length": settings.DONDOC_PASSWORD_MIN_LENGTH},
    )


@login_required
def office_home(request):
    """The standing office's pages in one place (links to what this user may follow only)."""
    scope = Scope.for_user(request.user)
    if not scope.is_office:
        raise Http404
    units = list(scope.managed_units().order_by("depth", "name_sort")[:1])
    return render(request, "units/office.html", {"root": units[0] if units else None})
