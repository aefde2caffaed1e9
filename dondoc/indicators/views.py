"""Pages of the indicators: the catalogue with achievement at a unit, one indicator, value entry, and reading
the figures of a narrative report. Thin: numbers come from selectors, writes from actions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from dondoc.audit.actions import ACTION_LABELS, history
from dondoc.tasks import status as task_status
from dondoc.tasks.models import Programme
from dondoc.units.scope import Scope
from dondoc.vn import format_decimal

from . import actions, selectors
from .actions import ValueRefused, record_value
from .figures import read_document
from .forms import ExtractForm, IndicatorForm, TableFilter, TargetForm, ValueForm, enterable_units
from .models import Indicator, Target, Value, parse_period


def _programme(code: str | None, scope: Scope) -> Programme | None:
    if code:
        prog = Programme.objects.filter(code=code.strip().upper()).first()
        if prog is None:
            raise Http404(_("Không tìm thấy chương trình."))
        return prog
    first = (
        selectors.visible_indicators(scope).order_by("programme__code").values_list("programme_id", flat=True)
    )
    pid = first.first()
    return Programme.objects.filter(pk=pid).first() if pid else Programme.objects.order_by("code").first()


def _table(request, unit_code: str | None):
    scope = Scope.for_user(request.user)
    form = TableFilter(request.GET or None, scope=scope)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if unit_code:
        unit = scope.get_unit(unit_code)
    else:
        code = request.GET.get("unit")
        unit = scope.get_unit(code) if code else scope.default_unit()
    programme = data.get("programme") or _programme(request.GET.get("programme"), scope)
    year = data.get("year")
    rows = selectors.achievement_table(unit, programme, year=year, scope=scope) if unit and programme else []
    page = Paginator(rows, settings.DONDOC_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    counts = {k: sum(1 for r in rows if r.status == k) for k in ("vuot", "dat", "chua_dat", "")}
    ctx = {
        "form": form,
        "unit": unit,
        "programme": programme,
        "year": year,
        "page": page,
        "counts": counts,
        "querystring": params.urlencode(),
        "can_enter": bool(scope.reporter_unit_ids or scope.is_office),
        "is_office": scope.is_office,
        "fixed_unit": bool(unit_code),
    }
    return render(request, "indicators/list.html", ctx)


@login_required
def indicator_list(request):
    """Danh mục chỉ tiêu of a programme, each with its achievement at the chosen unit."""
    return _table(request, None)


@login_required
def unit_table(request, code: str):
    """The achievement table of one unit."""
    return _table(request, code)


# --- one indicator ------------------------------------------------------------------------------------------

CHART_W, CHART_H, PAD_L, PAD_R, PAD_T, PAD_B = 560, 180, 48, 28, 14, 30


def trend_chart(history, target: Decimal | None, measure: str) -> dict | None:
    """Coordinates of a small server-rendered SVG line chart of the trend (oldest period on the left)."""
    if not history:
        return None
    values = [float(f.value) for _, f in history]
    top = max(values + ([float(target)] if target is not None else []))
    top = 100.0 if measure == "%" and top <= 100 else (top * 1.1 or 1.0)
    inner_w, inner_h = CHART_W - PAD_L - PAD_R, CHART_H - PAD_T - PAD_B
    n = len(values)

    def x(i):
        return PAD_L + (inner_w * (i / (n - 1)) if n > 1 else inner_w / 2)

    def y(v):
        return PAD_T + inner_h * (1 - v / top)

    points = [
        {
            "x": round(x(i), 1),
            "y": round(y(v), 1),
            "label": p.short,
            "title": f"{p.label}: {format_decimal(v, 2, strip=True)}{'%' if measure == '%' else ' ' + measure}",
        }
        for i, ((p, _), v) in enumerate(zip(history, values, strict=True))
    ]
    places = 0 if top >= 100 else 1
    ticks = [
        {"y": round(y(top * k / 4), 1), "label": format_decimal(top * k / 4, places, strip=True)}
        for k in range(5)
    ]
    return {
        "w": CHART_W,
        "h": CHART_H,
        "left": PAD_L,
        "right": CHART_W - PAD_R,
        "bottom": CHART_H - PAD_B,
        "label_y": CHART_H - 10,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "target_y": round(y(float(target)), 1) if target is not None else None,
        "ticks": ticks,
    }


@login_required
def indicator_detail(request, pk: int):
    """One indicator: definition, targets, baseline, achievement and trend at a unit, its units' figures."""
    scope = Scope.for_user(request.user)
    ind = selectors.get_indicator(scope, pk)
    code = request.GET.get("unit")
    unit = scope.get_unit(code) if code else scope.default_unit()
    if unit is None:
        raise Http404
    period = request.GET.get("period") or None
    if period:
        try:
            period = parse_period(period).key
        except ValueError:
            period = None
    row = selectors.achievement(ind, unit, period=period, scope=scope)
    targets = list(
        Target.objects.filter(indicator=ind)
        .filter(Q(unit__isnull=True) | scope.unit_q("unit__"))
        .select_related("unit")
        .order_by("year", "unit__name_sort")
    )
    children = []
    if row.period:
        for child, fig in selectors.child_figures(ind, unit, row.period, scope=scope):
            if fig.value is None and not ind.applies_to_kind(child.kind):
                continue
            t = selectors.target_in_force(
                [x for x in targets if x.unit_id in (None, child.pk)], row.year_of()
            )
            status, gap = selectors.judge(ind, fig.value, t.value if t else None)
            children.append(
                {
                    "unit": child,
                    "fig": fig,
                    "target": t,
                    "status": status,
                    "gap": gap,
                    "label": selectors.STATUS_LABELS[status],
                    "colour": selectors.STATUS_COLOURS[status],
                }
            )
    values = (
        Value.objects.filter(indicator=ind)
        .filter(Q(unit__path__startswith=unit.path) if scope.covers_subtree(unit) else Q(unit=unit))
        .select_related("unit", "entered_by")
        .order_by("-period_end", "unit__name_sort")
    )
    page = Paginator(values, settings.DONDOC_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    enterable = enterable_units(scope)
    ctx = {
        "ind": ind,
        "unit": unit,
        "row": row,
        "chart": trend_chart(row.history, row.target, ind.measure),
        "targets": targets,
        "baselines": list(ind.baselines.all()),
        "children": children,
        "page": page,
        "querystring": params.urlencode(),
        "can_enter": enterable.exists(),
        "can_edit": ind.owner_id is not None and scope.manages(ind.owner),
        "labels": selectors.STATUS_LABELS,
        "colours": selectors.STATUS_COLOURS,
    }
    return render(request, "indicators/detail.html", ctx)


# --- entering values ----------------------------------------------------------------------------------------


@login_required
def enter_value(request):
    """Nhập giá trị chỉ tiêu: a reporter for its own unit, the office for the units it runs."""
    scope = Scope.for_user(request.user)
    if request.method == "POST":
        form = ValueForm(request.POST, scope=scope)
        if form.is_valid():
            d = form.cleaned_data
            try:
                done = record_value(
                    d["indicator"],
                    d["unit"],
                    d["period"],
                    d["value"] or None,
                    numerator=d["numerator"] or None,
                    denominator=d["denominator"] or None,
                    note=d["note"],
                    actor=request.user,
                    scope=scope,
                )
            except ValueRefused as exc:
                form.add_error(None, str(exc))
            else:
                v = done.value
                if done.changed:
                    messages.success(
                        request,
                        _("Đã ghi giá trị %(code)s của %(name)s, kỳ %(period)s.")
                        % {"code": d["indicator"].code, "name": d["unit"].name, "period": v.period},
                    )
                else:
                    messages.info(request, "Giá trị không thay đổi.")
                url = reverse("indicators:detail", args=[d["indicator"].pk])
                return redirect(f"{url}?unit={d['unit'].code}")
    else:
        initial = {}
        if request.GET.get("indicator", "").isdigit():
            initial["indicator"] = int(request.GET["indicator"])
        if request.GET.get("unit"):
            initial["unit"] = request.GET["unit"].upper()
        elif len(scope.reporter_unit_ids) == 1 and not scope.is_office:
            initial["unit"] = enterable_units(scope).values_list("code", flat=True).first()
        if request.GET.get("period"):
            initial["period"] = request.GET["period"]
        form = ValueForm(initial=initial, scope=scope)
    return render(request, "indicators/enter.html", {"form": form})


# --- figures from a report ----------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def excerpt(sentence: str, text: str, width: int = 90) -> tuple[str, str, str]:
    """(before, figure, after): the words around a figure in its sentence, to show it in context."""
    i = sentence.find(text)
    if i < 0:
        return "", "", sentence[: 2 * width] + ("…" if len(sentence) > 2 * width else "")
    before, after = sentence[:i], sentence[i + len(text) :]
    if len(before) > width:
        before = "…" + before[-width:].split(" ", 1)[-1]
    if len(after) > width:
        after = after[:width].rsplit(" ", 1)[0] + "…"
    return before, text, after


@login_required
def extract(request):
    """Trích số liệu từ báo cáo: the office pastes or uploads a report, sees its figures matched to indicators,
    ticks the ones to keep and saves them as values of a unit and period (all or nothing)."""
    scope = Scope.for_user(request.user)
    if not scope.is_office:
        raise Http404
    ctx: dict = {}
    form = ExtractForm(request.POST or None, request.FILES or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        text = d["text"] or ""
        if request.POST.get("step") != "save" and d.get("file"):
            upload = d["file"]
            try:
                text = read_document(upload.name, upload.read())
            except ValueError as exc:
                form.add_error("file", str(exc))
        try:
            period = parse_period(d["period"])
        except ValueError as exc:
            form.add_error("period", str(exc))
            period = None
        if not form.errors:
            indicators = list(
                selectors.visible_indicators(scope).filter(programme=d["programme"]).order_by("order", "code")
            )
            matched = selectors.match_figures(text, indicators)
            by_id = {i.pk: i for i in indicators}
            rows = []
            for i, m in enumerate(matched):
                applies = m.indicator is not None and m.indicator.applies_to_kind(d["unit"].kind)
                rows.append(
                    {
                        "i": i,
                        "m": m,
                        "checked": applies,
                        "chosen": m.indicator.pk if m.indicator else None,
                        "context": excerpt(m.figure.sentence, m.figure.text),
                    }
                )
            if request.POST.get("step") == "save":
                picked = set(request.POST.getlist("pick"))
                errors = []
                for r in rows:
                    r["checked"] = str(r["i"]) in picked
                    chosen = request.POST.get(f"ind_{r['i']}", "")
                    r["chosen"] = int(chosen) if chosen.isdigit() and int(chosen) in by_id else None
                todo = [r for r in rows if r["checked"]]
                for r in todo:
                    if r["chosen"] is None:
                        errors.append(_("“%(text)s”: chưa chọn chỉ tiêu.") % {"text": r["m"].figure.text})
                saved = 0
                if todo and not errors:
                    try:
                        with transaction.atomic():
                            for r in todo:
                                try:
                                    res = record_value(
                                        by_id[r["chosen"]],
                                        d["unit"],
                                        period,
                                        r["m"].raw,
                                        note=_("Trích từ báo cáo: “%(text)s”") % {"text": r["m"].figure.text},
                                        actor=request.user,
                                        scope=scope,
                                    )
                                    saved += res.changed
                                except ValueRefused as exc:
                                    errors.append(
                                        f"“{r['m'].figure.text}” → {by_id[r['chosen']].code}: {exc}"
                                    )
                            if errors:
                                raise _Rollback
                    except _Rollback:
                        saved = 0
                elif not todo:
                    errors.append(_("Chưa chọn số liệu nào để lưu."))
                if not errors:
                    messages.success(
                        request,
                        _("Đã lưu %(saved)s giá trị chỉ tiêu của %(name)s, kỳ %(key)s.")
                        % {"saved": saved, "name": d["unit"].name, "key": period.key},
                    )
                    url = reverse("indicators:unit", args=[d["unit"].code])
                    return redirect(f"{url}?programme={d['programme'].code}")
                ctx["save_errors"] = errors
            ctx.update({"rows": rows, "indicators": indicators, "source": text, "data": d, "period": period})
    ctx["form"] = form
    return render(request, "indicators/extract.html", ctx)


# --- the office's indicator catalogue: indicators, the kinds of unit that report each, targets by year -----------


def _indicator_fields(d: dict) -> dict:
    return {k: d[k] for k in actions.INDICATOR_FIELDS if k in d}


@login_required
def indicator_create(request):
    scope = Scope.of_office(request.user)
    units = scope.managed_units().filter(is_active=True)
    form = IndicatorForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if Indicator.objects.filter(programme=d["programme"], code=d["code"]).exists():
            form.add_error("code", gettext("Chương trình này đã có chỉ tiêu mã %(c)s.") % {"c": d["code"]})
        else:
            try:
                ind = actions.create_indicator(d["programme"], actor=request.user, **_indicator_fields(d))
            except ValidationError as exc:
                for msg in exc.messages:
                    form.add_error(None, msg)
            else:
                messages.success(request, gettext("Đã thêm chỉ tiêu %(c)s.") % {"c": ind.code})
                return redirect("indicators:edit", pk=ind.pk)
    return render(request, "indicators/indicator_form.html", {"form": form, "ind": None})


@login_required
def indicator_edit(request, pk: int):
    """Change an indicator (or stop following it) and set its targets by year, for all or one unit."""
    scope = Scope.of_office(request.user)
    ind = (
        Indicator.objects.filter(pk=pk, owner__in=scope.managed_units())
        .select_related("programme", "owner")
        .first()
    )
    if ind is None:
        raise Http404(gettext("Không tìm thấy chỉ tiêu."))
    units = list(scope.managed_units().filter(is_active=True))
    initial = {f: getattr(ind, f) for f in actions.INDICATOR_FIELDS}
    initial.update(programme=ind.programme.code, owner=ind.owner.code)
    posted = request.POST if request.method == "POST" else None
    is_target = posted is not None and posted.get("action") == "target"
    form = IndicatorForm(None if is_target else posted, units=units, editing=True, initial=initial)
    target_form = TargetForm(
        posted if is_target else None, units=units, initial={"year": task_status.today().year}
    )
    if is_target and target_form.is_valid():
        d = target_form.cleaned_data
        try:
            actions.set_target(ind, d["year"], d["value"], unit=d["unit"], note=d["note"], actor=request.user)
        except ValueError as exc:
            target_form.add_error("value", str(exc))
        else:
            messages.success(request, gettext("Đã đặt mục tiêu năm %(y)s.") % {"y": d["year"]})
            return redirect("indicators:edit", pk=ind.pk)
    elif posted is not None and not is_target and form.is_valid():
        d = form.cleaned_data
        clash = Indicator.objects.filter(programme=ind.programme, code=d["code"]).exclude(pk=ind.pk).exists()
        if clash:
            form.add_error("code", gettext("Chương trình này đã có chỉ tiêu mã %(c)s.") % {"c": d["code"]})
        else:
            fields = _indicator_fields(d)
            changes = actions.update_indicator(ind, actor=request.user, **fields)
            messages.success(request, gettext("Đã lưu.") if changes else gettext("Không có gì thay đổi."))
            return redirect("indicators:edit", pk=ind.pk)
    targets = list(
        Target.objects.filter(indicator=ind).select_related("unit").order_by("-year", "unit__name_sort")
    )
    return render(
        request,
        "indicators/indicator_form.html",
        {
            "form": form,
            "ind": ind,
            "target_form": target_form,
            "targets": targets,
            "history": list(history(ind)[:50]),
            "action_labels": ACTION_LABELS,
        },
    )
