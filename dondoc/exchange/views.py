"""The page of packages received: for the office (or an admin) of the unit that receives them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from dondoc.units.scope import Scope

from . import actions, selectors

LIMIT = 200


@login_required
def received(request):
    """Gói số liệu đã nhận: sender, as-of date, when, result (and why a package was refused)."""
    scope = Scope.for_user(request.user)
    if not (scope.is_admin or scope.office_paths):
        raise Http404
    senders = list(selectors.visible_senders(scope).order_by("code"))
    current = selectors.arrivals([s.unit_id for s in senders if s.unit_id])
    ctx = {
        "senders": [(s, current.get(s.unit_id)) for s in senders],
        "packages": list(selectors.visible_packages(scope)[:LIMIT]),
        "labels": actions.CHANGE_LABELS,
        "limit": LIMIT,
    }
    return render(request, "exchange/received.html", ctx)
