"""Recording changes. Called by every other app's actions inside their own transaction."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEntry

# Labels for the history pages: what each action means in the users' words.
ACTION_LABELS = {
    "create": "tạo mới",
    "update": "sửa",
    "delete": "xóa",
    "import": "nhập từ tệp",
    "extend_deadline": "gia hạn",
    "complete": "hoàn thành",
    "reopen": "mở lại",
    "start": "bắt đầu thực hiện",
    "relate": "liên kết văn bản",
    "grant_role": "giao vai trò",
    "issue_token": "tạo mã truy cập API",
    "revoke_token": "thu hồi mã truy cập API",
    "save": "lưu",
    "save_draft": "lưu nháp báo cáo",
    "submit": "gửi báo cáo",
    "accept": "chấp nhận báo cáo",
    "return": "trả lại báo cáo",
    "progress": "cập nhật tiến độ",
    "contribute": "đóng góp của cơ quan phối hợp",
    "respond": "trả lời kiến nghị",
    "lock": "khóa kỳ báo cáo",
    "publish": "công khai",
    "withdraw": "thu hồi công khai",
}


def plain(value: Any) -> Any:
    """A JSON-friendly form of a field value for the before → after record."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [before, after]}."""
    out = {}
    for key in sorted(set(before) | set(after)):
        b, a = plain(before.get(key)), plain(after.get(key))
        if b != a:
            out[key] = [b, a]
    return out


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    unit=None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry for `obj`."""
    actor_user = actor if getattr(actor, "pk", None) else None
    return AuditEntry.objects.create(
        actor=actor_user,
        actor_name=(actor.get_full_name() if actor_user else (str(actor) if actor else "hệ thống"))[:150],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
        changes=changes or {},
        note=note,
    )


def record_many(
    *, actor, action: str, items: list[tuple[models.Model, dict, object]], note: str = ""
) -> None:
    """Write one audit entry per (object, changes, unit) in bulk: for imports of thousands of rows."""
    actor_user = actor if getattr(actor, "pk", None) else None
    name = (actor.get_full_name() if actor_user else (str(actor) if actor else "hệ thống"))[:150]
    from dondoc.tabular import bulk

    bulk.insert(
        AuditEntry,
        [
            AuditEntry(
                actor=actor_user,
                actor_name=name,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:255],
                unit=unit,
                changes=changes or {},
                note=note,
            )
            for obj, changes, unit in items
        ],
    )


def history(obj: models.Model):
    """The entries recorded for one object, newest first."""
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
        "actor"
    )
