"""The office's pages of the document registry: the list, a document with its links and history, new documents.

An office keeps the documents of the units it keeps; documents registered without a unit (a central resolution
named by an imported plan) are shared: every office reads them, only the administrator changes them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dondoc.audit.actions import ACTION_LABELS, history
from dondoc.units.scope import Scope
from dondoc.vn import fold

from . import actions
from .forms import DocumentForm, RelationForm
from .models import Document, DocumentRelation
from .selectors import visible_documents


def _may_change(scope: Scope, doc: Document) -> bool:
    return scope.is_admin or (doc.unit is not None and scope.manages(doc.unit))


def _document(request, pk: int) -> tuple[Scope, Document]:
    scope = Scope.of_office(request.user)
    doc = visible_documents(scope).select_related("unit").filter(pk=pk).first()
    if doc is None:
        raise Http404(gettext("Không tìm thấy văn bản."))
    return scope, doc


@login_required
def document_list(request):
    """Văn bản chỉ đạo: search by number-symbol or words of the summary, without diacritics."""
    scope = Scope.of_office(request.user)
    qs = visible_documents(scope).select_related("unit")
    q = (request.GET.get("q") or "")[:200]
    for word in fold(q).split():
        qs = qs.filter(title_folded__contains=word)
    page = Paginator(qs.order_by("-issued_on", "symbol"), 50).get_page(request.GET.get("page"))
    return render(request, "documents/list.html", {"page": page, "q": q})


@login_required
def document_create(request):
    scope = Scope.of_office(request.user)
    units = scope.managed_units().filter(is_active=True)
    form = DocumentForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        existing = Document.objects.filter(symbol=d["symbol"]).first()
        if existing is not None:
            form.add_error("symbol", gettext("Văn bản %(s)s đã có trong danh mục.") % {"s": d["symbol"]})
        else:
            doc = actions.register_document(
                d["symbol"],
                actor=request.user,
                title=d["title"],
                issued_on=d["issued_on"],
                issuer=d["issuer"],
                unit=d["unit"],
                url=d["url"],
            )
            messages.success(request, gettext("Đã thêm văn bản %(s)s.") % {"s": doc.symbol})
            return redirect("documents:detail", pk=doc.pk)
    return render(request, "documents/form.html", {"form": form, "doc": None})


@login_required
def document_detail(request, pk: int):
    """One document: its description (changed here by its office), its links both ways, its history."""
    scope, doc = _document(request, pk)
    may_change = _may_change(scope, doc)
    units = list(scope.managed_units().filter(is_active=True))
    initial = {
        "symbol": doc.symbol,
        "title": doc.title,
        "issued_on": doc.issued_on,
        "issuer": doc.issuer,
        "unit": doc.unit.code if doc.unit else "",
        "url": doc.url,
    }
    form = DocumentForm(request.POST or None, units=units, editing=True, initial=initial)
    if request.method == "POST":
        if not may_change:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            fields = {k: d[k] for k in actions.DOCUMENT_FIELDS}
            if actions.update_document(doc, actor=request.user, **fields):
                messages.success(request, gettext("Đã lưu."))
            return redirect("documents:detail", pk=doc.pk)
    visible = visible_documents(scope)
    ctx = {
        "doc": doc,
        "form": form,
        "may_change": may_change,
        "relations_out": doc.relations_out.select_related("target").filter(target__in=visible),
        "relations_in": doc.relations_in.select_related("source").filter(source__in=visible),
        "relation_form": RelationForm(),
        "history": list(history(doc)[:100]),
        "action_labels": ACTION_LABELS,
    }
    return render(request, "documents/detail.html", ctx)


@login_required
@require_POST
def document_relate(request, pk: int):
    """Link this document to another (implements, amends, replaces, guides, relates to)."""
    scope, doc = _document(request, pk)
    if not _may_change(scope, doc):
        raise Http404
    form = RelationForm(request.POST)
    if form.is_valid():
        symbol = form.cleaned_data["target"]
        target = Document.objects.filter(symbol=symbol).first()
        if target is not None and not visible_documents(scope).filter(pk=target.pk).exists():
            target = None
            messages.error(request, gettext("Không tìm thấy văn bản %(s)s.") % {"s": symbol})
        else:
            try:
                target = target or actions.register_document(symbol, actor=request.user)
                actions.relate_documents(doc, target, form.cleaned_data["kind"], actor=request.user)
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, gettext("Đã liên kết với %(s)s.") % {"s": target.symbol})
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
    return redirect("documents:detail", pk=doc.pk)


@login_required
@require_POST
def document_unrelate(request, pk: int, rid: int):
    scope, doc = _document(request, pk)
    relation = DocumentRelation.objects.filter(pk=rid, source=doc).first()
    if relation is None or not _may_change(scope, doc):
        raise Http404
    actions.unrelate_documents(relation, actor=request.user)
    messages.success(request, gettext("Đã bỏ liên kết."))
    return redirect("documents:detail", pk=doc.pk)
