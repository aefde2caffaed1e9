"""Reading the audit trail: the history of an object, of a unit's subtree (filtered), and its export rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .actions import ACTION_LABELS
from .models import AuditEntry


@dataclass
class Filters:
    """What the office narrows a history to."""

    start: date | None = None
    end: date | None = None
    actor: str = ""
    action: str = ""
    object_type: str = ""
    q: str = ""


def _day_start(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


def for_subtree(path: str, f: Filters | None = None) -> QuerySet[AuditEntry]:
    """Entries about the unit with this materialised path and every unit below it, newest first."""
    f = f or Filters()
    qs = AuditEntry.objects.filter(unit__path__startswith=path)
    if f.start:
        qs = qs.filter(at__gte=_day_start(f.start))
    if f.end:
        qs = qs.filter(at__lt=_day_start(f.end + timedelta(days=1)))
    if f.actor:
        qs = qs.filter(actor_name__icontains=f.actor)
    if f.action:
        qs = qs.filter(action=f.action)
    if f.object_type:
        qs = qs.filter(object_type=f.object_type)
    if f.q:
        qs = qs.filter(Q(object_repr__icontains=f.q) | Q(note__icontains=f.q) | Q(object_id=f.q))
    return qs.select_related("unit").order_by("-at", "-id")


def object_type_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def object_types() -> list[tuple[str, str]]:
    """Every kind of object the trail can name, by its Vietnamese name."""
    out = [(m._meta.label_lower, str(m._meta.verbose_name)) for m in apps.get_models()]
    return sorted(out, key=lambda p: p[1])


def action_choices() -> list[tuple[str, str]]:
    return sorted(ACTION_LABELS.items(), key=lambda p: p[1])


EXPORT_HEADER = [
    gettext_lazy("Thời điểm"),
    gettext_lazy("Người thực hiện"),
    gettext_lazy("Thao tác"),
    gettext_lazy("Loại đối tượng"),
    gettext_lazy("Đối tượng"),
    gettext_lazy("Mã đối tượng"),
    gettext_lazy("Đơn vị"),
    gettext_lazy("Thay đổi (trước → sau)"),
    gettext_lazy("Ghi chú"),
    gettext_lazy("Địa chỉ IP"),
    gettext_lazy("Trình duyệt, chương trình"),
    gettext_lazy("Số thứ tự trong chuỗi"),
    gettext_lazy("Mã băm"),
]


def _changes_text(changes: dict) -> str:
    parts = []
    for field, pair in (changes or {}).items():
        if isinstance(pair, list | tuple) and len(pair) == 2:
            parts.append(
                f"{field}: {pair[0] if pair[0] not in (None, '') else _('(trống)')} → {pair[1] if pair[1] not in (None, '') else _('(trống)')}"
            )
        else:
            parts.append(f"{field}: {pair}")
    return "; ".join(parts)


def export_rows(qs: QuerySet[AuditEntry]):
    """One row per entry, in the order of EXPORT_HEADER (read in chunks: constant memory)."""
    for e in qs.iterator(chunk_size=2000):
        yield [
            timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
            e.actor_name,
            ACTION_LABELS.get(e.action, e.action),
            object_type_label(e.object_type),
            e.object_repr,
            e.object_id,
            e.unit.name if e.unit_id else "",
            _changes_text(e.changes),
            e.note,
            e.ip or "",
            e.user_agent,
            e.seq if e.seq is not None else "",
            e.hash,
        ]
