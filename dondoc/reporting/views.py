"""Pages of the reporting cycle: what is due, review, completeness, obstacles, notifications. Thin: the
actions write, the selectors count."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dondoc.audit.actions import ACTION_LABELS, history
from dondoc.tasks import status as task_status
from dondoc.tasks.models import Task
from dondoc.units.models import Unit
from dondoc.units.scope import Scope

from . import actions, selectors
from .forms import (
    GridFilter,
    ItemForm,
    ObstacleFilter,
    ObstacleForm,
    PeriodLockForm,
    RespondForm,
    ReturnForm,
    ScheduleForm,
)
from .models import Evidence, Notification, Period, ProgressReport, Schedule

CELL_COLOURS = {"on_time": "green", "late": "amber", "missing": "red", "open": "grey", "": ""}


def _reporter_unit(request, scope: Scope) -> Unit:
    if not scope.reporter_unit_ids:
        raise Http404(_("Bạn không phải đầu mối báo cáo của đơn vị nào."))
    code = request.GET.get("unit") or request.POST.get("unit")
    units = {u.code: u for u in Unit.objects.filter(pk__in=scope.reporter_unit_ids)}
    if code:
        if code not in units:
            raise Http404
        return units[code]
    return sorted(units.values(), key=lambda u: u.name_sort)[0]


def _item_input(task: Task, form: ItemForm, files) -> actions.ItemInput:
    data = form.cleaned_data
    return actions.ItemInput(
        task_id=task.pk,
        state=data["state"],
        percent=data["percent"] or 0,
        completed_on=data["completed_on"],
        done_this_period=data["done_this_period"],
        output_note=data["output_note"],
        obstacles=data["obstacles"],
        proposals=data["proposals"],
        extension_until=data["extension_until"],
        extension_reason=data["extension_reason"],
        links=(data["link"],) if data["link"] else (),
        files=tuple(files),
    )


@login_required
def due(request):
    """Việc cần báo cáo: the open period and every task the unit leads, in one form."""
    scope = Scope.for_user(request.user)
    unit = _reporter_unit(request, scope)
    as_of = task_status.today()
    actions.ensure_all_periods(as_of)
    periods = selectors.due_periods(unit, as_of)
    chosen = request.GET.get("period") or request.POST.get("period")
    period = None
    if chosen:
        period = next((p for p in periods if str(p.pk) == chosen), None)
        if period is None:
            # A returned or earlier report of this unit may still be opened.
            period = get_object_or_404(
                Period.objects.select_related("schedule__programme", "schedule__owner"),
                pk=chosen,
                reports__unit=unit,
            )
    elif periods:
        sent = set(
            ProgressReport.objects.filter(
                unit=unit, period__in=periods, status__in=selectors.COUNTED
            ).values_list("period_id", flat=True)
        )
        # The open window first (deadline not passed), then an overdue one still unsent.
        unsent = [p for p in periods if p.pk not in sent]
        period = next((p for p in unsent if p.deadline >= as_of), unsent[0] if unsent else periods[0])
    returned = list(
        ProgressReport.objects.filter(unit=unit, status=ProgressReport.Status.RETURNED).select_related(
            "period"
        )
    )
    ctx = {"unit": unit, "periods": periods, "period": period, "returned": returned, "as_of": as_of}
    if period is None:
        return render(request, "reporting/due.html", ctx)
    report = actions.report_for(period, unit)
    tasks = list(selectors.unit_tasks(unit, period.schedule.programme))
    task_status_map = {
        t.pk: t for t in task_status.with_status(Task.objects.filter(pk__in=[t.pk for t in tasks]), as_of)
    }
    items = {it.task_id: it for it in report.items.prefetch_related("evidence")} if report.pk else {}
    last = selectors.last_items(unit, [t.pk for t in tasks])
    editable = (
        report.status in (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED) and not period.locked
    )
    status_code = 200
    forms = []
    if request.method == "POST" and editable:
        forms = [(t, ItemForm(request.POST, prefix=f"t{t.pk}")) for t in tasks]
        if all(f.is_valid() for _, f in forms):
            inputs = [_item_input(t, f, request.FILES.getlist(f"t{t.pk}-files")) for t, f in forms]
            try:
                version = int(request.POST.get("version", "0"))
                # The report and the indicator values typed beside it are saved together or not at all.
                with transaction.atomic():
                    report = actions.save_draft(report, inputs, actor=request.user, version=version)
                    _record_indicator_values(request, scope, unit, period)
                    if request.POST.get("action") == "submit":
                        actions.submit_report(
                            report, actor=request.user, idempotency_key=request.POST.get("idempotency_key")
                        )
                if request.POST.get("action") == "submit":
                    messages.success(
                        request, _("Đã gửi báo cáo %(label)s. Cảm ơn!") % {"label": period.label}
                    )
                else:
                    messages.success(request, _("Đã lưu nháp. Bạn có thể quay lại hoàn thiện rồi gửi."))
                return redirect(reverse("reporting:due") + f"?period={period.pk}&unit={unit.code}")
            except actions.VersionConflict as exc:
                messages.error(request, str(exc))
                status_code = 409
            except actions.ReportingError as exc:
                messages.error(request, str(exc))
                status_code = 400
        else:
            messages.error(request, _("Có ô nhập chưa đúng; xem ghi chú đỏ bên dưới."))
            status_code = 400
    if not forms:
        for t in tasks:
            it = items.get(t.pk) or last.get(t.pk)
            initial = {}
            if it is not None:
                initial = {
                    "state": it.state,
                    "percent": it.percent,
                    "completed_on": it.completed_on,
                    "output_note": it.output_note,
                }
                if t.pk in items:
                    initial.update(
                        done_this_period=it.done_this_period,
                        obstacles=it.obstacles,
                        proposals=it.proposals,
                        extension_until=it.extension_until,
                        extension_reason=it.extension_reason,
                    )
            elif t.done:
                initial = {"state": "done", "percent": 100}
            elif t.started:
                initial = {"state": "in_progress", "percent": t.progress}
            forms.append((t, ItemForm(initial=initial, prefix=f"t{t.pk}")))
    rows = [
        {
            "task": t,
            "form": f,
            "item": items.get(t.pk),
            "last": last.get(t.pk),
            "status": getattr(task_status_map.get(t.pk), "status", ""),
            "due_now": getattr(task_status_map.get(t.pk), "due_now", t.due),
        }
        for t, f in forms
    ]
    partner_tasks = list(
        Task.objects.filter(partners=unit, programme=period.schedule.programme).select_related("lead")[:50]
    )
    ctx.update(
        report=report,
        rows=rows,
        editable=editable,
        partner_tasks=partner_tasks,
        labels=task_status.STATUS_SHORT,
        colours=task_status.STATUS_COLOURS,
        max_mb=settings.DONDOC_EVIDENCE_MAX_BYTES // (1024 * 1024),
        idempotency_key=f"{report.pk or 0}-{report.version}-{request.user.pk}",
        unit_indicators=_indicator_rows(request, scope, unit, period),
    )
    return render(request, "reporting/due.html", ctx, status=status_code)


def _unit_indicators(scope, unit, programme) -> list:
    """Indicators the unit enters values for, beside its report (when the indicators app is there)."""
    try:
        from dondoc.indicators.selectors import visible_indicators
    except ImportError:
        return []
    qs = visible_indicators(scope).filter(programme=programme).order_by("code")
    return [i for i in qs if i.applies_to_kind(unit.kind)]


def _indicator_period(indicator, on):
    """The indicator's own period (month, quarter, half, year) that contains the report's cut-off date."""
    from dondoc.indicators.models import Period as IndicatorPeriod
    from dondoc.indicators.models import PeriodType

    number = {
        PeriodType.MONTHLY: on.month,
        PeriodType.QUARTERLY: (on.month - 1) // 3 + 1,
        PeriodType.SIX_MONTHLY: 1 if on.month <= 6 else 2,
    }.get(indicator.period_type, 1)
    return IndicatorPeriod(indicator.period_type, on.year, number)


def _indicator_rows(request, scope, unit, period) -> list[dict]:
    """Each indicator with its period for this report, the value on record and what was typed."""
    indicators = _unit_indicators(scope, unit, period.schedule.programme)
    if not indicators:
        return []
    from dondoc.indicators.models import Value

    rows = [{"indicator": i, "period": _indicator_period(i, period.end)} for i in indicators]
    found = {
        (v.indicator_id, v.period): v
        for v in Value.objects.filter(
            unit=unit, indicator__in=indicators, period__in={r["period"].key for r in rows}
        )
    }
    for r in rows:
        r["value"] = found.get((r["indicator"].pk, r["period"].key))
        r["typed"] = request.POST.get(f"ind-{r['indicator'].pk}", "") if request.method == "POST" else ""
    return rows


def _record_indicator_values(request, scope, unit, period) -> None:
    """Record the indicator values typed in the report form through the indicators app's action."""
    for row in _indicator_rows(request, scope, unit, period):
        raw = row["typed"].strip()
        if not raw:
            continue
        from dondoc.indicators.actions import ValueRefused, record_value

        try:
            record_value(row["indicator"], unit, row["period"].key, raw, actor=request.user, scope=scope)
        except ValueRefused as exc:
            raise actions.ReportingError(
                _("Chỉ tiêu %(code)s (%(label)s): %(exc)s")
                % {"code": row["indicator"].code, "label": row["period"].label, "exc": exc}
            ) from None


@login_required
@require_POST
def contribute(request, task_id: int):
    """A partner unit adds a note on its part in a task."""
    scope = Scope.for_user(request.user)
    unit = _reporter_unit(request, scope)
    task = get_object_or_404(Task, pk=task_id, partners=unit)
    try:
        actions.add_contribution(task, unit, request.POST.get("note", ""), actor=request.user)
        messages.success(request, _("Đã ghi nội dung phối hợp cho nhiệm vụ %(code)s.") % {"code": task.code})
    except actions.ReportingError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("reporting:due") + f"?unit={unit.code}")


def _office(request) -> Scope:
    scope = Scope.for_user(request.user)
    if not scope.is_office:
        raise Http404
    return scope


@login_required
def review_list(request):
    """Reports awaiting review (and, on request, those already reviewed)."""
    scope = _office(request)
    chosen = request.GET.get("status", ProgressReport.Status.SUBMITTED)
    if chosen not in ProgressReport.Status.values and chosen != "all":
        chosen = ProgressReport.Status.SUBMITTED
    qs = selectors.reports_for_review(scope, None if chosen == "all" else chosen)
    page = Paginator(qs, settings.DONDOC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/review_list.html",
        {"page": page, "chosen": chosen, "statuses": ProgressReport.Status.choices},
    )


@login_required
def review_report(request, pk: int):
    """One submitted report: accept it, or return it with a comment."""
    scope = _office(request)
    report = get_object_or_404(selectors.reports_for_review(scope, None), pk=pk)
    return_form = ReturnForm(request.POST if request.POST.get("action") == "return" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                approved = {int(x) for x in request.POST.getlist("approve") if x.isdigit()}
                actions.accept_report(report, actor=request.user, approve_extensions=approved)
                messages.success(
                    request,
                    _("Đã duyệt báo cáo %(label)s của %(name)s.")
                    % {"label": report.period.label, "name": report.unit.name},
                )
                return redirect("reporting:review")
            if request.POST.get("action") == "return" and return_form.is_valid():
                actions.return_report(report, actor=request.user, comment=return_form.cleaned_data["comment"])
                messages.success(request, _("Đã trả lại báo cáo cho %(name)s.") % {"name": report.unit.name})
                return redirect("reporting:review")
        except actions.ReportingError as exc:
            messages.error(request, str(exc))
    items = list(report.items.select_related("task").prefetch_related("evidence"))
    return render(
        request,
        "reporting/review_report.html",
        {"report": report, "items": items, "return_form": return_form},
    )


@login_required
def evidence_file(request, pk: int):
    """Download an evidence file (only within the scope)."""
    scope = Scope.for_user(request.user)
    ev = get_object_or_404(Evidence.objects.select_related("item__report__unit"), pk=pk)
    if not ev.file or not scope.covers(ev.item.report.unit):
        raise Http404
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.name or None)


@login_required
def grid(request):
    """Completeness and timeliness: units × periods with colours, and who is still missing."""
    scope = Scope.for_user(request.user)
    form = GridFilter(request.GET or None)
    as_of = task_status.today()
    unit = scope.default_unit()
    programme = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        as_of = data["as_of"] or as_of
        programme = data["programme"]
        if data["unit"]:
            unit = scope.get_unit(data["unit"])
    if unit is None or not scope.covers_subtree(unit):
        raise Http404
    g = selectors.completeness_grid(unit, programme, selectors.recent_periods(programme, as_of), as_of)
    rows = [(row.unit, [(CELL_COLOURS[c.status], c.label) for c in row.cells]) for row in g.rows]
    table = selectors.completeness(unit, programme, as_of)[:12]
    return render(
        request,
        "reporting/grid.html",
        {
            "form": form,
            "unit": unit,
            "as_of": as_of,
            "periods": g.periods,
            "rows": rows,
            "table": table,
            "missing": selectors.missing_units(unit, programme, as_of),
        },
    )


@login_required
def obstacles(request):
    """Register of obstacles and proposals, filtered; the office adds entries."""
    scope = Scope.for_user(request.user)
    qs = selectors.visible_obstacles(scope).select_related("raised_by", "addressed_to", "task")
    f = ObstacleFilter(request.GET or None)
    if f.is_bound and f.is_valid():
        d = f.cleaned_data
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["unit"]:
            qs = qs.filter(raised_by__path__startswith=scope.get_unit(d["unit"]).path)
        if d["q"]:
            qs = qs.filter(text__icontains=d["q"])
    add_form = ObstacleForm(request.POST or None) if scope.is_office else None
    if request.method == "POST" and add_form is not None and add_form.is_valid():
        d = add_form.cleaned_data
        raised_by = scope.get_unit(d["raised_by"])
        addressed = scope.get_unit(d["addressed_to"]) if d["addressed_to"] else None
        task = None
        if d["task_code"]:
            from dondoc.tasks.selectors import visible_tasks

            task = visible_tasks(scope).filter(code=d["task_code"].strip()).first()
            if task is None:
                raise Http404
        programme = task.programme if task else selectors.schedules_for(None).first().programme
        try:
            actions.raise_obstacle(
                programme=programme,
                kind=d["kind"],
                text=d["text"],
                raised_by=raised_by,
                addressed_to=addressed,
                task=task,
                actor=request.user,
            )
            messages.success(request, _("Đã ghi vào sổ khó khăn, kiến nghị."))
            return redirect("reporting:obstacles")
        except actions.ReportingError as exc:
            messages.error(request, str(exc))
    page = Paginator(qs.order_by("-raised_on", "-id"), settings.DONDOC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "reporting/obstacles.html",
        {"filter": f, "page": page, "add_form": add_form, "querystring": params.urlencode()},
    )


@login_required
def obstacle_detail(request, pk: int):
    """One obstacle or proposal; the office answers it."""
    scope = Scope.for_user(request.user)
    ob = get_object_or_404(
        selectors.visible_obstacles(scope).select_related("raised_by", "addressed_to", "task"), pk=pk
    )
    can_answer = scope.manages(ob.raised_by) or (ob.addressed_to_id and scope.manages(ob.addressed_to))
    form = RespondForm(request.POST or None, initial={"status": ob.status, "response": ob.response})
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            try:
                actions.respond_obstacle(
                    ob,
                    status=form.cleaned_data["status"],
                    response=form.cleaned_data["response"],
                    actor=request.user,
                )
                messages.success(request, _("Đã cập nhật."))
                return redirect("reporting:obstacles")
            except actions.ReportingError as exc:
                messages.error(request, str(exc))
    return render(
        request, "reporting/obstacle_detail.html", {"ob": ob, "form": form, "can_answer": can_answer}
    )


@login_required
def notifications(request):
    """The user's notifications, newest first; opening the page marks them read."""
    qs = Notification.objects.filter(user=request.user)
    page = Paginator(qs, settings.DONDOC_PAGE_SIZE).get_page(request.GET.get("page"))
    unread_ids = [n.pk for n in page if n.read_at is None]
    response = render(request, "reporting/notifications.html", {"page": page, "unread_ids": set(unread_ids)})
    if unread_ids:
        actions.mark_read(request.user, unread_ids)
    return response


# --- the office's reporting schedules and period locks ----------------------------------------------------------


def _schedule(request, pk: int) -> tuple[Scope, Schedule]:
    scope = Scope.of_office(request.user)
    schedule = (
        Schedule.objects.filter(pk=pk, owner__in=scope.managed_units())
        .select_related("programme", "owner")
        .first()
    )
    if schedule is None:
        raise Http404(gettext("Không tìm thấy chế độ báo cáo."))
    return scope, schedule


@login_required
def schedules(request):
    """The schedules the office runs, and a new one."""
    scope = Scope.of_office(request.user)
    units = scope.managed_units().filter(is_active=True)
    form = ScheduleForm(request.POST or None, units=units, initial={"starts_on": task_status.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            schedule = actions.create_schedule(
                programme=d["programme"],
                name=d["name"],
                period_type=d["period_type"],
                owner=d["owner"],
                starts_on=d["starts_on"],
                deadline_offset=d["deadline_offset"],
                unit_kinds=d["unit_kinds"],
                units=d["units"],
                actor=request.user,
                up_to=max(task_status.today(), d["starts_on"]),
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Đã lập chế độ báo cáo %(name)s.") % {"name": schedule.name})
            return redirect("reporting:schedule", pk=schedule.pk)
    rows = list(
        Schedule.objects.filter(owner__in=scope.managed_units())
        .select_related("programme", "owner")
        .order_by("-active", "programme__code", "name")
    )
    return render(request, "reporting/schedules.html", {"form": form, "schedules": rows})


@login_required
def schedule_detail(request, pk: int):
    """One schedule: change it, pause or resume it; its periods, each locked or unlocked with a reason."""
    scope, schedule = _schedule(request, pk)
    units = scope.managed_units().filter(is_active=True)
    initial = {
        "programme": schedule.programme.code,
        "name": schedule.name,
        "period_type": schedule.period_type,
        "owner": schedule.owner.code,
        "unit_kinds": schedule.kinds,
        "units": list(schedule.units.values_list("code", flat=True)),
        "deadline_offset": schedule.deadline_offset,
        "starts_on": schedule.starts_on,
        "active": schedule.active,
    }
    form = ScheduleForm(request.POST or None, units=units, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            changes = actions.update_schedule(
                schedule,
                actor=request.user,
                units=d["units"],
                today=task_status.today(),
                **{k: d[k] for k in ("name", "deadline_offset", "unit_kinds", "active")},
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Đã lưu.") if changes else gettext("Không có gì thay đổi."))
            return redirect("reporting:schedule", pk=schedule.pk)
    periods = Paginator(schedule.periods.order_by("-end"), 24).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/schedule.html",
        {
            "schedule": schedule,
            "form": form,
            "periods": periods,
            "lock_form": PeriodLockForm(),
            "history": list(history(schedule)[:50]),
            "action_labels": ACTION_LABELS,
            "n_units": schedule.reporting_units().count(),
        },
    )


def _period(request, pk: int) -> Period:
    scope = Scope.of_office(request.user)
    period = (
        Period.objects.filter(pk=pk, schedule__owner__in=scope.managed_units())
        .select_related("schedule__owner")
        .first()
    )
    if period is None:
        raise Http404(gettext("Không tìm thấy kỳ báo cáo."))
    return period


@login_required
@require_POST
def period_lock(request, pk: int):
    """Lock a period (no more submissions) or unlock it, with the reason, on the audit trail."""
    period = _period(request, pk)
    form = PeriodLockForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Cần ghi lý do."))
    else:
        try:
            if request.POST.get("action") == "unlock":
                actions.unlock_period(period, reason=form.cleaned_data["reason"], actor=request.user)
                messages.success(request, gettext("Đã mở khóa kỳ %(p)s.") % {"p": period.label})
            elif period.locked:
                messages.info(request, gettext("Kỳ này đã khóa."))
            else:
                actions.lock_period(period, reason=form.cleaned_data["reason"], actor=request.user)
                messages.success(request, gettext("Đã khóa kỳ %(p)s.") % {"p": period.label})
        except ValueError as exc:
            messages.error(request, str(exc))
    return redirect("reporting:schedule", pk=period.schedule_id)
