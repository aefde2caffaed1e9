"""Pages of the task catalogue: the list with filters, and one task with its sub-tasks, extensions, history."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dondoc.audit.actions import ACTION_LABELS, history
from dondoc.units.scope import Scope

from . import actions, selectors, status
from .forms import CatalogueFilter, ExtensionForm
from .models import Task


@login_required
def catalogue(request):
    """Danh mục nhiệm vụ: filters, status as of a date, pagination — a fixed number of queries."""
    scope = Scope.for_user(request.user)
    form = CatalogueFilter(request.GET or None, scope=scope)
    as_of = status.today()
    qs = selectors.visible_tasks(scope)
    chosen_status = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        as_of = data["as_of"] or as_of
        if data["programme"]:
            qs = qs.filter(programme=data["programme"])
        if data["group"]:
            qs = qs.filter(group=data["group"])
        if data["unit"]:
            qs = qs.filter(lead__path__startswith=data["unit"].path)
        if data["q"]:
            qs = selectors.search(qs, data["q"])
        chosen_status = data["status"]
    counts = status.count(qs, as_of)
    qs = status.with_status(qs, as_of)
    if chosen_status:
        qs = status.filter_status(qs, chosen_status, as_of)
    qs = qs.select_related("programme", "group", "lead").order_by("programme__code", "code")
    page = Paginator(qs, settings.DONDOC_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    ctx = {
        "form": form,
        "page": page,
        "as_of": as_of,
        "counts": counts,
        "querystring": params.urlencode(),
        "labels": status.STATUS_SHORT,
        "colours": status.STATUS_COLOURS,
    }
    template = (
        "tasks/_rows.html"
        if request.htmx and request.htmx.target == "task-results"
        else "tasks/catalogue.html"
    )
    return render(request, template, ctx)


def _get_task(request, pk: int, as_of=None) -> Task:
    scope = Scope.for_user(request.user)
    task = (
        status.with_status(selectors.visible_tasks(scope), as_of)
        .select_related("programme", "group", "lead", "parent", "source")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return task


@login_required
def task_detail(request, pk: int):
    """One task: its figures, sub-tasks with their status, extensions and the full history."""
    scope = Scope.for_user(request.user)
    form = CatalogueFilter(request.GET or None, scope=scope)
    as_of = status.today()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        as_of = form.cleaned_data["as_of"]
    task = _get_task(request, pk, as_of)
    children_qs = status.with_status(task.children.all(), as_of).select_related("lead").order_by("code")
    children = list(children_qs)
    child_counts = status.count(task.children.all(), as_of) if children else None
    ctx = {
        "task": task,
        "as_of": as_of,
        "children": children,
        "child_counts": child_counts,
        "partners": list(task.partners.all()),
        "extensions": list(task.extensions.select_related("granted_by")),
        "history": list(history(task)[:200]),
        "action_labels": ACTION_LABELS,
        "labels": status.STATUS_LABELS,
        "colours": status.STATUS_COLOURS,
        "can_manage": scope.manages(task.lead),
        "lead_page": scope.covers(task.lead),  # a partner's reporter may not open the lead unit's page
        "extension_form": ExtensionForm(initial={"granted_on": status.today()}),
    }
    return render(request, "tasks/detail.html", ctx)


@login_required
@require_POST
def task_extend(request, pk: int):
    """The office grants an extension from the task page."""
    task = _get_task(request, pk)
    scope = Scope.for_user(request.user)
    if not scope.manages(task.lead):
        raise Http404
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            actions.extend_deadline(
                task,
                form.cleaned_data["new_due"],
                form.cleaned_data["reason"],
                granted_on=form.cleaned_data["granted_on"],
                actor=request.user,
            )
            messages.success(request, "Đã gia hạn nhiệm vụ.")
        except ValueError as exc:
            messages.error(request, str(exc))
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
    return redirect("tasks:detail", pk=task.pk)
