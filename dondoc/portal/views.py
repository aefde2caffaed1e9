"""Public pages (no login), and the office's page to publish or withdraw them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dondoc.dashboards import charts
from dondoc.tasks.models import Programme
from dondoc.units.scope import Scope

from . import actions, selectors
from .forms import PublishForm
from .models import Publication

CACHE_SECONDS = 300


def index(request):
    """The list of published pages."""
    pubs = list(selectors.published().order_by("unit__name_sort", "programme__code"))
    return render(request, "portal/index.html", {"pubs": pubs})


def public_page(request, programme: str, unit: str):
    """A published page. One query decides whether it is published (so a withdrawn page is 404 at once);
    the figures are rendered from the cache for a few minutes, keyed by the publication's last change."""
    pub = selectors.get_published(programme, unit)
    if pub is None:
        raise Http404(_("Trang này không được công khai."))
    key = actions.cache_key(pub.programme.code, pub.unit.code)
    stamp = pub.updated_at.isoformat()
    cached = cache.get(key)
    if cached and cached[0] == stamp:
        html = cached[1]
    else:
        data = selectors.page(pub)
        scale = max([c.total for _, c in data.groups + data.units] + [1])
        html = render_to_string(
            "portal/page.html",
            {
                "p": data,
                "pub": pub,
                "group_bars": [(g, c, charts.stacked_bar(c, g.name, scale)) for g, c in data.groups],
                "unit_bars": [(u, c, charts.stacked_bar(c, u.name, scale)) for u, c in data.units],
            },
            request=None,
        )
        cache.set(key, (stamp, html), CACHE_SECONDS)
    response = HttpResponse(html)
    response["Cache-Control"] = "public, max-age=60"
    return response


def _office(request) -> Scope:
    scope = Scope.for_user(request.user)
    if not scope.is_office:
        raise Http404
    return scope


@login_required
def manage(request):
    """The office's list: for each of its units and programmes, published or not, with the buttons."""
    scope = _office(request)
    units = selectors.manageable(scope)
    programmes = list(Programme.objects.filter(is_active=True))
    pubs = {
        (p.unit_id, p.programme_id): p
        for p in Publication.objects.filter(unit__in=units).select_related("programme", "unit")
    }
    rows = [(u, prog, pubs.get((u.pk, prog.pk))) for u in units for prog in programmes]
    return render(request, "portal/manage.html", {"rows": rows})


@login_required
@require_POST
def publish(request):
    scope = _office(request)
    unit = scope.get_unit(request.POST.get("unit", ""))
    if not scope.manages(unit):
        raise Http404
    programme = Programme.objects.filter(code=request.POST.get("programme", "")).first()
    if programme is None:
        raise Http404
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nội dung trang công khai không hợp lệ."))
        return redirect("portal:manage")
    actions.publish(programme, unit, actor=request.user, **form.cleaned_data)
    messages.success(
        request, _("Đã công khai trang %(code)s của %(name)s.") % {"code": programme.code, "name": unit.name}
    )
    return redirect("portal:manage")


@login_required
@require_POST
def withdraw(request, pk: int):
    scope = _office(request)
    pub = Publication.objects.select_related("unit", "programme").filter(pk=pk).first()
    if pub is None or not scope.manages(pub.unit):
        raise Http404
    actions.withdraw(pub, actor=request.user)
    messages.success(
        request,
        _("Đã thu hồi trang công khai %(code)s của %(name)s.")
        % {"code": pub.programme.code, "name": pub.unit.name},
    )
    return redirect("portal:manage")
