"""Pages of the task catalogue: the list with filters, and one task with its sub-tasks, extensions, history."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dondoc import uploads
from dondoc.audit.actions import ACTION_LABELS, history
from dondoc.tabular import TableError
from dondoc.units.scope import Scope
from dondoc.vn import format_date
from dondoc.vn.deadlines import parse_deadline

from . import actions, importer, selectors, status
from .forms import CatalogueFilter, CompleteForm, ExtensionForm, ImportForm, ReopenForm, SplitForm, TaskForm
from .models import PendingImport, Task


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
        raise Http404(_("Không tìm thấy nhiệm vụ."))
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
        "complete_form": CompleteForm(initial={"done_on": status.today()}),
        "reopen_form": ReopenForm(),
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
            messages.success(request, _("Đã gia hạn nhiệm vụ."))
        except ValueError as exc:
            messages.error(request, str(exc))
    else:
        _form_errors(request, form)
    return redirect("tasks:detail", pk=task.pk)


# --- the office's pages: the catalogue kept without the admin ---------------------------------------------------


def _managed_task(request, pk: int) -> tuple[Scope, Task]:
    """A task the user keeps (office of a unit above its lead); anyone else: 404."""
    scope = Scope.for_user(request.user)
    task = (
        selectors.visible_tasks(scope)
        .select_related("programme", "group", "lead", "parent", "source")
        .filter(pk=pk)
        .first()
    )
    if task is None or not scope.manages(task.lead):
        raise Http404(gettext("Không tìm thấy nhiệm vụ."))
    return scope, task


def _form_partial(request, form):
    """The pieces an htmx request of a task form asks for: the deadline read from its phrase as it is typed, and
    the groups of the programme chosen. None for a whole page."""
    if not (request.htmx and request.method == "GET"):
        return None
    if request.htmx.target == "due-hint":
        phrase = (request.GET.get("due_phrase") or "").strip()
        ctx = {"phrase": phrase}
        if phrase:
            programme = form.programme
            try:
                ctx["deadline"] = parse_deadline(
                    phrase[:100],
                    plan_year=(programme.plan_year if programme else None) or status.today().year,
                )
            except ValueError as exc:
                ctx["error"] = str(exc)
        return render(request, "tasks/_due_hint.html", ctx)
    if request.htmx.target == "id_group":
        return render(request, "tasks/_group_field.html", {"field": form["group"]})
    return None


def _source(symbol: str, actor, unit):
    if not symbol:
        return None
    from dondoc.documents.actions import register_document

    return register_document(symbol, actor=actor, unit=unit)


def _save(request, form, task: Task | None) -> Task | None:
    """Create the task (or apply the form to it) through its action; a refusal goes to the form (None)."""
    fields = form.task_fields()
    try:
        with transaction.atomic():
            fields["source"] = _source(form.cleaned_data["source"], request.user, fields["lead"])
            partners = form.cleaned_data["partners"]
            if task is None:
                task = actions.create_task(
                    fields.pop("programme"), actor=request.user, partners=partners, **fields
                )
                messages.success(request, gettext("Đã thêm nhiệm vụ %(code)s.") % {"code": task.code})
            elif actions.update_task(task, actor=request.user, partners=partners, **fields):
                messages.success(
                    request, gettext("Đã lưu thay đổi của nhiệm vụ %(code)s.") % {"code": task.code}
                )
            else:
                messages.info(request, gettext("Không có gì thay đổi."))
    except ValueError as exc:
        form.add_error(None, str(exc))
        return None
    return task


@login_required
def task_create(request):
    """A new task of the catalogue (the office: led by a unit it keeps)."""
    scope = Scope.of_office(request.user)
    units = scope.managed_units().filter(is_active=True)
    initial = {"programme": request.GET.get("programme", "")[:32]}
    data = request.POST if request.method == "POST" else (request.GET if request.htmx else None)
    form = TaskForm(data, units=units, scope=scope, initial=initial).wire(request.path)
    partial = _form_partial(request, form)
    if partial is not None:
        return partial
    if request.method == "POST" and form.is_valid():
        task = _save(request, form, None)
        if task is not None:
            return redirect("tasks:detail", pk=task.pk)
    return render(request, "tasks/task_form.html", {"form": form, "task": None})


@login_required
def task_edit(request, pk: int):
    """Change a task: its wording, programme, group, parent, lead, partners, deadline phrase, document, note."""
    scope, task = _managed_task(request, pk)
    units = list(scope.managed_units().filter(is_active=True))
    initial = {
        "programme": task.programme.code,
        "code": task.code,
        "title": task.title,
        "group": str(task.group_id or ""),
        "parent": task.parent.code if task.parent else "",
        "lead": task.lead.code,
        "partners": [u.code for u in task.partners.all()],
        "due_phrase": task.due_phrase or ("thường xuyên" if task.recurring else format_date(task.due)),
        "output": task.output,
        "source": task.source.symbol if task.source else "",
        "note": task.note,
    }
    data = request.POST if request.method == "POST" else (request.GET if request.htmx else None)
    form = TaskForm(data, units=units, scope=scope, task=task, initial=initial).wire(request.path)
    partial = _form_partial(request, form)
    if partial is not None:
        return partial
    if request.method == "POST" and form.is_valid() and _save(request, form, task) is not None:
        return redirect("tasks:detail", pk=task.pk)
    return render(request, "tasks/task_form.html", {"form": form, "task": task})


@login_required
def task_split(request, pk: int):
    """Split a task into sub-tasks, one for each unit chosen."""
    scope, task = _managed_task(request, pk)
    units = scope.managed_units().filter(is_active=True)
    form = SplitForm(
        request.POST or None,
        units=units,
        parent=task,
        initial={"title": task.title, "due_phrase": task.due_phrase, "output": task.output},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            made = actions.split_task(
                task,
                d["units"],
                title=d["title"],
                due=d["due"],
                due_phrase=d["due_phrase"],
                recurring=d["recurring"],
                output=d["output"],
                actor=request.user,
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                gettext("Đã giao %(n)s nhiệm vụ cụ thể: %(codes)s.")
                % {"n": len(made), "codes": ", ".join(t.code for t in made)},
            )
            return redirect("tasks:detail", pk=task.pk)
    return render(request, "tasks/split.html", {"form": form, "task": task})


@login_required
@require_POST
def task_complete(request, pk: int):
    """The office records the task as completed on a date (as accepted)."""
    _, task = _managed_task(request, pk)
    form = CompleteForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["done_on"] > status.today():
            messages.error(request, gettext("Ngày hoàn thành không được sau hôm nay."))
        else:
            actions.complete_task(
                task, form.cleaned_data["done_on"], actor=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, gettext("Đã ghi nhận hoàn thành."))
    else:
        _form_errors(request, form)
    return redirect("tasks:detail", pk=task.pk)


@login_required
@require_POST
def task_reopen(request, pk: int):
    """Undo a completion, with the reason; the history keeps the earlier completion."""
    _, task = _managed_task(request, pk)
    form = ReopenForm(request.POST)
    if task.done is None:
        messages.error(request, gettext("Nhiệm vụ chưa hoàn thành, không cần mở lại."))
    elif form.is_valid():
        actions.reopen_task(task, actor=request.user, note=form.cleaned_data["note"])
        messages.success(request, gettext("Đã mở lại nhiệm vụ."))
    else:
        _form_errors(request, form)
    return redirect("tasks:detail", pk=task.pk)


def _form_errors(request, form) -> None:
    for errs in form.errors.values():
        for e in errs:
            messages.error(request, e)


# --- importing a plan from Excel: upload, preview row by row, one all-or-nothing confirmation -------------------


def _import_scope(scope: Scope) -> dict:
    """What an office's import may name and change: units it keeps, tasks led by them."""
    return {"units": scope.managed_units(), "may_change": lambda t: scope.manages(t.lead)}


@login_required
def import_plan(request):
    """Upload a plan (.xlsx or .csv); it is checked, kept, and shown row by row before anything is written."""
    scope = Scope.of_office(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"programme": "NQ57"})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(settings.DONDOC_UPLOAD_MAX_BYTES + 1)
        try:
            uploads.check(data, upload.name, kinds={"xlsx", "csv"})
        except uploads.UploadRefused as exc:
            form.add_error("file", str(exc))
        else:
            unit = scope.managed_units().order_by("depth", "name_sort").first()
            pending = actions.stage_import(
                request.user, unit, form.cleaned_data["programme"], upload.name, data
            )
            return redirect("tasks:import_preview", pk=pending.pk)
    waiting = PendingImport.objects.filter(user=request.user).order_by("-created_at").defer("data")
    return render(
        request,
        "tasks/import.html",
        {"form": form, "waiting": list(waiting), "columns": importer.TASK_COLUMNS},
    )


@login_required
def import_preview(request, pk: int):
    """What the kept plan will create, change and refuse, row by row; then confirm (all or nothing) or discard."""
    scope = Scope.of_office(request.user)
    pending = PendingImport.objects.filter(pk=pk, user=request.user).first()
    if pending is None:
        raise Http404(gettext("Không tìm thấy tệp kế hoạch."))
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "discard":
            actions.discard_import(pending)
            messages.info(request, gettext("Đã bỏ tệp %(name)s.") % {"name": pending.name})
            return redirect("tasks:import")
        if action == "confirm":
            try:
                result = importer.confirm_import(pending, actor=request.user, **_import_scope(scope))
            except TableError as exc:
                messages.error(
                    request,
                    gettext("Tệp có %(n)s lỗi nên chưa nhận nhiệm vụ nào; xem từng dòng dưới đây.")
                    % {"n": len(exc.errors)},
                )
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, str(result))
                return redirect(reverse("tasks:catalogue") + f"?programme={result.programme.code}")
        else:
            return HttpResponseBadRequest(gettext("Thao tác không hợp lệ."))
    file_errors, result = [], None
    try:
        result = importer.import_tasks(
            pending.name,
            pending.programme_code,
            data=bytes(pending.data),
            dry_run=True,
            **_import_scope(scope),
        )
        file_errors = [e for e in result.errors if e.row is None]
    except TableError as exc:  # the file as a whole: unreadable, a missing column, too large
        file_errors = exc.errors
    ctx = {"pending": pending, "result": result, "file_errors": file_errors}
    if result is not None:
        ctx["counts"] = {
            v: sum(1 for r in result.rows if r.verdict == v)
            for v in ("create", "update", "unchanged", "refused")
        }
        ctx["titles"] = {c.key: c.title for c in importer.TASK_COLUMNS}
    return render(request, "tasks/import_preview.html", ctx)
