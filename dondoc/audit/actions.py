"""Recording changes. Called by every other app's actions inside their own transaction."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from dondoc.tabular import bulk

from . import chain, context
from .models import AuditEntry

# Labels for the history pages: what each action means in the users' words.
ACTION_LABELS = {
    "create": gettext_lazy("tạo mới"),
    "update": gettext_lazy("sửa"),
    "delete": gettext_lazy("xóa"),
    "import": gettext_lazy("nhập từ tệp"),
    "extend_deadline": gettext_lazy("gia hạn"),
    "complete": gettext_lazy("hoàn thành"),
    "reopen": gettext_lazy("mở lại"),
    "start": gettext_lazy("bắt đầu thực hiện"),
    "relate": gettext_lazy("liên kết văn bản"),
    "unrelate": gettext_lazy("bỏ liên kết văn bản"),
    "grant_role": gettext_lazy("giao vai trò"),
    "issue_token": gettext_lazy("tạo mã truy cập API"),
    "revoke_token": gettext_lazy("thu hồi mã truy cập API"),
    "save": gettext_lazy("lưu"),
    "save_draft": gettext_lazy("lưu nháp báo cáo"),
    "submit": gettext_lazy("gửi báo cáo"),
    "accept": gettext_lazy("chấp nhận báo cáo"),
    "return": gettext_lazy("trả lại báo cáo"),
    "progress": gettext_lazy("cập nhật tiến độ"),
    "contribute": gettext_lazy("đóng góp của cơ quan phối hợp"),
    "respond": gettext_lazy("trả lời kiến nghị"),
    "lock": gettext_lazy("khóa kỳ báo cáo"),
    "publish": gettext_lazy("công khai"),
    "withdraw": gettext_lazy("thu hồi công khai"),
    "unlock": gettext_lazy("mở khóa kỳ báo cáo"),
    "pause": gettext_lazy("tạm dừng"),
    "resume": gettext_lazy("áp dụng lại"),
    "enable_otp": gettext_lazy("bật xác thực hai lớp"),
    "disable_otp": gettext_lazy("tắt xác thực hai lớp"),
    "change_password": gettext_lazy("đổi mật khẩu"),
    "revoke_role": gettext_lazy("thu hồi vai trò"),
    "deactivate": gettext_lazy("khóa tài khoản"),
    "send": gettext_lazy("gửi"),
    "follow_up": gettext_lazy("theo dõi tiếp theo kết luận của Ban Chỉ đạo"),
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


def _actor(actor):
    user = actor if getattr(actor, "pk", None) else None
    name = user.get_full_name() if user else (str(actor) if actor else "hệ thống")
    return user, name[:150]


def _entry(
    actor_user, actor_name: str, action: str, obj: models.Model, changes, unit, note: str
) -> AuditEntry:
    where = context.current()
    return AuditEntry(
        actor=actor_user,
        actor_name=actor_name,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
        changes=changes or {},
        note=note,
        ip=where.ip,
        user_agent=where.user_agent,
    )


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    unit=None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry for `obj`, with the origin of the request (or command) in progress. It is sealed
    into the chain once the caller's transaction commits."""
    entry = _entry(*_actor(actor), action, obj, changes, unit, note)
    entry.save()
    chain.seal_after_commit()
    return entry


def record_many(
    *, actor, action: str, items: list[tuple[models.Model, dict, object]], note: str = ""
) -> None:
    """Write one audit entry per (object, changes, unit) in bulk: for imports of thousands of rows."""
    user, name = _actor(actor)
    bulk.insert(
        AuditEntry, [_entry(user, name, action, obj, changes, unit, note) for obj, changes, unit in items]
    )
    if items:
        chain.seal_after_commit()


def history(obj: models.Model):
    """The entries recorded for one object, newest first."""
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
        "actor"
    )
