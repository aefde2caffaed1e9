"""Dashboard pages: the leader's dashboard, saved views and the emulation ranking. Thin: the figures come
from dondoc.dashboards.selectors, the writes from dondoc.dashboards.actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dondoc.dbrouters import replica_reads
from dondoc.exchange import selectors as exchange_selectors
from dondoc.reporting import risk
from dondoc.tasks import selectors as task_selectors
from dondoc.tasks import status
from dondoc.tasks.models import Programme
from dondoc.units.scope import Scope
from dondoc.vn.fields import VNDateField

from . import actions, charts, selectors
from .forms import DashboardForm, SaveViewForm, WeightsForm
from .models import SavedView

RISK_PAGE = 20  # tasks at risk shown at a time on the unit page


def visible_views(user, scope: Scope):
    """Views the user saved, and views others shared with a unit the user reads."""
    return SavedView.objects.filter(
        Q(owner=user) | (Q(shared_with_unit=True) & scope.unit_q("unit__"))
    ).distinct()


def _get_view(request, pk: int) -> SavedView:
    scope = Scope.for_user(request.user)
    view = (
        visible_views(request.user, scope)
        .select_related("unit", "programme", "parent_task", "owner")
        .prefetch_related("groups")
        .filter(pk=pk)
        .first()
    )
    if view is None:
        raise Http404(_("Không tìm thấy bảng theo dõi."))
    return view


def build_params(request, scope: Scope, view: SavedView | None = None):
    """The dashboard's choices from the query string, falling back to the saved view, then to defaults."""
    data = request.GET
    code = data.get("unit") or (view.unit.code if view else "")
    if code:
        unit = scope.get_unit(code)
    else:
        unit = scope.default_unit()
        if unit is None:
            return None, None
    prog_code = (
        data.get("programme")
        if "programme" in data
        else (view.programme.code if view and view.programme else "")
    )
    programme = Programme.objects.filter(code=prog_code).first() if prog_code else None
    form = DashboardForm(data, programme=programme)
    form.is_valid()
    clean = getattr(form, "cleaned_data", {})
    if form.errors:
        for name, errs in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, f"{label}: {errs[0]}")
    groups = list(clean.get("group") or [])
    if not groups and view and "group" not in data and view.programme_id == getattr(programme, "pk", None):
        groups = list(view.groups.all())
    parent = None
    parent_code = (
        (clean.get("parent") or "").strip()
        if "parent" in data
        else (view.parent_task.code if view and view.parent_task else "")
    )
    if parent_code:
        candidates = task_selectors.visible_tasks(scope).filter(code=parent_code)
        if programme is not None:
            candidates = candidates.filter(programme=programme)
        parent = candidates.first()
        if parent is None:
            messages.error(
                request, _("Không tìm thấy nhiệm vụ có mã %(parent_code)s.") % {"parent_code": parent_code}
            )
    saved = view.filters if view else {}
    as_of = clean.get("as_of") or status.today()
    # A saved view keeps its dates relative to today: it compares with the last quarter's end by default.
    compare = clean.get("compare")
    panels = clean.get("panel") or (view.panels if view else None) or list(selectors.PANELS)
    params = selectors.Params(
        unit=unit,
        programme=programme,
        groups=groups,
        parent_task=parent,
        as_of=as_of,
        compare=compare,
        panels=panels,
        trend=clean.get("trend") or saved.get("trend") or "month",
        sort=clean.get("sort") or saved.get("sort") or "name",
        gsort=clean.get("gsort") or saved.get("gsort") or "name",
    )
    return params, form


def query_of(params: selectors.Params, **drop) -> str:
    """The query string of a dashboard (to keep choices across links), without the keys in `drop`."""
    q = QueryDict(mutable=True)
    values = {
        "unit": params.unit.code,
        "programme": params.programme.code if params.programme else "",
        "as_of": params.as_of.isoformat(),
        "compare": params.compare.isoformat(),
        "parent": params.parent_task.code if params.parent_task else "",
        "trend": params.trend,
        "sort": params.sort,
        "gsort": params.gsort,
    }
    for k, v in values.items():
        if v and k not in drop:
            q[k] = v
    if "group" not in drop:
        q.setlist("group", [str(g.pk) for g in params.groups])
    if "panel" not in drop and set(params.panels) != set(selectors.PANELS):
        q.setlist("panel", params.panels)
    return q.urlencode()


def _render_dashboard(request, scope: Scope, params: selectors.Params, form, view: SavedView | None = None):
    # The tasks at risk come in their own request (risk_panel, loaded by htmx): the page does not wait for them.
    dash = selectors.dashboard(params, scope, panels=[p for p in params.panels if p != "risk"])
    unit = params.unit
    ancestors = [u for u in unit.ancestors() if scope.covers(u)]
    scale = max([r.counts.total for r in dash.units + dash.groups] + [1])
    # Provinces whose figures came in a package: the date they stand at, beside them (one query).
    arrived = exchange_selectors.arrivals([unit.pk, *(r.obj.pk for r in dash.units)], params.programme)
    ctx = {
        "dash": dash,
        "params": params,
        "form": form,
        "unit": unit,
        "ancestors": ancestors,
        "children": list(unit.children.filter(is_active=True).order_by("name_sort"))
        if scope.covers_subtree(unit)
        else [],
        "programmes": list(Programme.objects.filter(is_active=True)),
        "groups_all": list(params.programme.groups.all()) if params.programme else [],
        "panels": selectors.PANELS,
        "sorts": selectors.SORTS,
        "view": view,
        "pinned": list(visible_views(request.user, scope).filter(pinned=True).select_related("unit")[:10]),
        "query": query_of(params),
        "query_drill": query_of(params, unit=True, sort=True),
        "query_nosort": query_of(params, sort=True),
        "query_nogsort": query_of(params, gsort=True),
        "query_task": f"as_of={params.as_of.isoformat()}",
        "risk_url": reverse("dashboards:risks") + "?" + query_of(params),
        "risk_more": _risk_more(params),
        "unit_bars": [
            (r, charts.stacked_bar(r.counts, r.name, scale), arrived.get(r.obj.pk)) for r in dash.units
        ],
        "arrived": arrived.get(unit.pk),
        "group_bars": [(r, charts.stacked_bar(r.counts, r.name, scale)) for r in dash.groups],
        "trend_svg": charts.trend_chart(dash.trend, params.trend) if dash.trend else "",
        "trend_legend": charts.trend_legend(),
        "save_form": SaveViewForm(
            initial={"name": view.name if view and view.owner_id == request.user.pk else ""}
        ),
        "can_save": True,
        "can_rank": scope.covers_subtree(unit),  # the ranking compares sub-units: not for a reporter
    }
    return render(request, "dashboards/dashboard.html", ctx)


@login_required
@replica_reads
def home(request):
    """Tổng quan: the dashboard of a unit (default: the highest unit the user reads)."""
    scope = Scope.for_user(request.user)
    params, form = build_params(request, scope)
    if params is None:
        return render(request, "units/no_scope.html")
    return _render_dashboard(request, scope, params, form)


def _risk_more(params: selectors.Params) -> str:
    """The unit page's full list of the tasks at risk."""
    return (
        reverse("unit", args=[params.unit.code])
        + f"?as_of={params.as_of.isoformat()}"
        + (f"&programme={params.programme.code}" if params.programme else "")
        + "#nguy-co"
    )


@login_required
@replica_reads
def risk_panel(request):
    """The dashboard's panel of tasks at risk (reporting/risk.py) for the same choices as the dashboard: a fragment
    the dashboard loads after itself (htmx), or a page of its own without JavaScript."""
    scope = Scope.for_user(request.user)
    params, _form = build_params(request, scope)
    if params is None:
        raise Http404("Không tìm thấy đơn vị.")
    ctx = {
        "risks": selectors.risky_tasks(params, scope),
        "as_of": params.as_of,
        "more_url": _risk_more(params),
    }
    template = "dashboards/_risk_panel.html" if request.htmx else "dashboards/risks.html"
    return render(request, template, {**ctx, "unit": params.unit})


@login_required
@replica_reads
def saved_view(request, pk: int):
    """A saved dashboard, opened with its choices; the query string may still change the dates."""
    scope = Scope.for_user(request.user)
    view = _get_view(request, pk)
    params, form = build_params(request, scope, view)
    return _render_dashboard(request, scope, params, form, view)


@login_required
def view_list(request):
    """The saved dashboards: mine, and those shared with my unit."""
    scope = Scope.for_user(request.user)
    views = list(
        visible_views(request.user, scope)
        .select_related("unit", "programme", "owner", "parent_task")
        .order_by("-pinned", "name")
    )
    return render(request, "dashboards/views.html", {"views": views, "panels": selectors.PANELS})


@login_required
@require_POST
def view_save(request):
    """Save the dashboard as shown (its choices come as the query string) under a name."""
    scope = Scope.for_user(request.user)
    params, _errors = build_params(request, scope)
    if params is None:
        raise Http404
    form = SaveViewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy đặt tên cho bảng theo dõi."))
        return redirect(reverse("dashboards:home") + "?" + query_of(params))
    view = actions.save_view(
        request.user,
        form.cleaned_data["name"],
        params,
        pinned=form.cleaned_data["pinned"],
        shared_with_unit=form.cleaned_data["shared_with_unit"],
    )
    messages.success(request, _("Đã lưu bảng theo dõi “%(name)s”.") % {"name": view.name})
    return redirect("dashboards:view", pk=view.pk)


@login_required
@require_POST
def view_flags(request, pk: int):
    """Pin / unpin, share / stop sharing a saved view (owner only)."""
    view = _get_view(request, pk)
    if view.owner_id != request.user.pk:
        raise Http404
    what = request.POST.get("what")
    if what == "pin":
        actions.set_view_flags(view, actor=request.user, pinned=not view.pinned)
    elif what == "share":
        actions.set_view_flags(view, actor=request.user, shared=not view.shared_with_unit)
    messages.success(request, _("Đã cập nhật bảng theo dõi."))
    return redirect("dashboards:views")


@login_required
@require_POST
def view_delete(request, pk: int):
    view = _get_view(request, pk)
    if view.owner_id != request.user.pk:
        raise Http404
    actions.delete_view(view, actor=request.user)
    messages.success(request, _("Đã xóa bảng theo dõi."))
    return redirect("dashboards:views")


def _ranking_context(request, scope: Scope):
    data = request.GET
    code = data.get("unit")
    unit = scope.get_unit(code) if code else scope.default_unit()
    if unit is None or not scope.covers_subtree(unit):
        raise Http404
    programme = Programme.objects.filter(code=data.get("programme") or "").first()
    form = DashboardForm(data)
    form.is_valid()
    as_of = getattr(form, "cleaned_data", {}).get("as_of") or status.today()
    return unit, programme, as_of


@login_required
def ranking(request):
    """Xếp hạng thi đua: the sub-units of a unit ranked by their weighted score, with the figures behind."""
    scope = Scope.for_user(request.user)
    unit, programme, as_of = _ranking_context(request, scope)
    rows, weights, has_timeliness = selectors.ranking(unit, programme, as_of, scope)
    can_edit = scope.manages(unit)
    ctx = {
        "unit": unit,
        "programme": programme,
        "as_of": as_of,
        "rows": [(r, charts.score_bar(r.score, r.unit.name)) for r in rows],
        "weights": weights,
        "has_timeliness": has_timeliness,
        "can_edit": can_edit,
        "programmes": list(Programme.objects.filter(is_active=True)),
        "weights_form": WeightsForm(
            initial={"on_time": weights[0], "overdue": weights[1], "timeliness": weights[2]}
        )
        if can_edit
        else None,
        "ancestors": [u for u in unit.ancestors() if scope.covers(u)],
    }
    return render(request, "dashboards/ranking.html", ctx)


@login_required
@require_POST
def ranking_weights(request):
    """The office sets the weights of the ranking of its unit's sub-units."""
    scope = Scope.for_user(request.user)
    unit = scope.get_unit(request.POST.get("unit", ""))
    if not scope.manages(unit):
        raise Http404
    programme = Programme.objects.filter(code=request.POST.get("programme") or "").first()
    form = WeightsForm(request.POST)
    target = (
        reverse("dashboards:ranking")
        + f"?unit={unit.code}"
        + (f"&programme={programme.code}" if programme else "")
    )
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect(target)
    actions.set_weights(unit, programme, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu trọng số xếp hạng thi đua."))
    return redirect(target)


# ---- the unit page ---------------------------------------------------------------------------------
def _date_param(request, name: str):
    value = request.GET.get(name)
    if not value:
        return None
    try:
        return VNDateField().clean(value)
    except Exception:
        messages.error(request, _("Ngày '%(value)s' không hợp lệ; dùng dạng dd/mm/yyyy.") % {"value": value})
        return None


@login_required
@replica_reads
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
        result, rows = task_selectors.summary_and_children(unit, programme=programme, as_of=as_of)
    else:
        result = task_selectors.summary(
            unit, programme=programme, as_of=as_of, due_by=due_by, only_unit=only_unit, scope=scope
        )
        if scope.covers_subtree(unit) and not only_unit:
            rows = task_selectors.child_breakdown(unit, programme=programme, as_of=as_of, scope=scope)
    # The tasks at risk of missing their deadline, RISK_PAGE at a time (?rp=N).
    tasks = task_selectors.tasks_for_unit(unit, only_unit=only_unit, scope=scope)
    if programme is not None:
        tasks = tasks.filter(programme=programme)
    found = risk.at_risk(tasks.select_related("programme"), as_of)
    pages = max(1, -(-len(found) // RISK_PAGE))
    try:
        page = min(max(int(request.GET.get("rp", "1")), 1), pages)
    except ValueError:
        page = 1
    risks = selectors.AtRisk(found[(page - 1) * RISK_PAGE : page * RISK_PAGE], len(found))
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
        "can_read_history": scope.covers_subtree(unit),
        "risks": risks,
        "risk_pages": pages,
        "risk_page_numbers": range(1, pages + 1),
        "risk_page": page,
    }
    return render(request, "dashboards/unit.html", ctx)
