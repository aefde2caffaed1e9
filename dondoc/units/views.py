"""The user's own profile: roles, personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import actions
from .models import ApiToken
from .scope import Scope


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
