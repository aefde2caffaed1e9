"""Unit pages and the user's own profile (personal API tokens)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dondoc.tasks import selectors, status
from dondoc.tasks.forms import VNDateField
from dondoc.tasks.models import Programme

from . import actions
from .models import ApiToken
from .scope import Scope


def _date_param(request, name: str):
    value = request.GET.get(name)
    if not value:
        return None
    try:
        return VNDateField().clean(value)
    except Exception:
        messages.error(request, f"Ngày '{value}' không hợp lệ; dùng dạng dd/mm/yyyy.")
        return None


@login_required
def home(request):
    scope = Scope.for_user(request.user)
    try:
        from django.urls import reverse

        return redirect(reverse("dashboards:home"))
    except Exception:
        pass
    unit = scope.default_unit()
    if unit is None:
        return render(request, "units/no_scope.html")
    return redirect("units:detail", code=unit.code)


@login_required
def unit_detail(request, code: str):
    """A unit: the summary sentence and counts as of a chosen date, with its sub-units."""
    scope = Scope.for_user(request.user)
    unit = scope.get_unit(code)
    as_of = _date_param(request, "as_of") or status.today()
    due_by = _date_param(request, "due_by")
    programmes = list(Programme.objects.filter(is_active=True))
    programme = next((p for p in programmes if p.code == request.GET.get("programme")), None)
    only_unit = request.GET.get("only_unit") == "1"
    rows = []
    if scope.covers_subtree(unit) and not only_unit and due_by is None:
        # One count gives both: the summary is the sum of the sub-units' figures.
        result, rows = selectors.summary_and_children(unit, programme=programme, as_of=as_of)
    else:
        result = selectors.summary(
            unit, programme=programme, as_of=as_of, due_by=due_by, only_unit=only_unit, scope=scope
        )
        if scope.covers_subtree(unit) and not only_unit:
            rows = selectors.child_breakdown(unit, programme=programme, as_of=as_of, scope=scope)
    ctx = {
        "unit": unit,
        "ancestors": [u for u in unit.ancestors() if scope.covers(u)],
        "summary": result,
        "counts": result.counts,
        "as_of": as_of,
        "due_by": due_by,
        "programmes": programmes,
        "programme": programme,
        "only_unit": only_unit,
        "rows": rows,
    }
    return render(request, "units/detail.html", ctx)


@login_required
def profile(request):
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
        },
    )


@login_required
@require_POST
def token_create(request):
    raw = actions.issue_token(request.user, name=request.POST.get("name", "")[:100], actor=request.user)
    request.session["new_token"] = raw
    messages.success(request, "Đã tạo mã truy cập. Hãy sao chép ngay: mã chỉ hiện một lần.")
    return redirect("units:profile")


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, pk=pk, revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    actions.revoke_token(token, actor=request.user)
    messages.success(request, "Đã thu hồi mã truy cập.")
    return redirect("units:profile")
