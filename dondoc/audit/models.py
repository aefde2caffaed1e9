"""The audit trail (nhật ký thay đổi): who changed what, when, from where, before → after.

Append-only. An entry is written by the action that makes the change, inside its transaction; right after the
commit it is sealed into a hash chain (`seq`, `prev_hash`, `hash`: dondoc.audit.chain), so that an edited or a
removed entry is detected by `manage.py verify_audit`. Nothing in the code edits or deletes an entry (the model,
its queryset and the admin refuse), and the database refuses too (triggers on SQLite and PostgreSQL).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

EDIT_REFUSED = gettext_lazy("Nhật ký thay đổi không được sửa.")
DELETE_REFUSED = gettext_lazy("Nhật ký thay đổi không được xóa.")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValueError(EDIT_REFUSED)

    def delete(self):
        raise ValueError(DELETE_REFUSED)

    def bulk_update(self, objs, fields, batch_size=None):
        raise ValueError(EDIT_REFUSED)

    def update_or_create(self, *args, **kwargs):
        raise ValueError(EDIT_REFUSED)


class AuditEntry(models.Model):
    """One recorded change. Written by the actions that make the change, inside their transaction."""

    at = models.DateTimeField(gettext_lazy("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=gettext_lazy("người thực hiện"),
    )
    actor_name = models.CharField(gettext_lazy("người thực hiện"), max_length=150, blank=True)
    action = models.CharField(gettext_lazy("thao tác"), max_length=64)
    object_type = models.CharField(gettext_lazy("loại đối tượng"), max_length=64)
    object_id = models.CharField(max_length=64, verbose_name=gettext_lazy("mã đối tượng"))
    object_repr = models.CharField(gettext_lazy("đối tượng"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("đơn vị"),
    )
    changes = models.JSONField(gettext_lazy("thay đổi"), default=dict, blank=True)
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
    ip = models.GenericIPAddressField(gettext_lazy("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(gettext_lazy("trình duyệt, chương trình"), max_length=300, blank=True)
    # The chain, set once when the entry is sealed (right after its transaction commits).
    seq = models.PositiveBigIntegerField(
        gettext_lazy("số thứ tự trong chuỗi"), null=True, blank=True, unique=True
    )
    prev_hash = models.CharField(max_length=64, blank=True, verbose_name=gettext_lazy("mã băm bản ghi trước"))
    hash = models.CharField(max_length=64, blank=True, verbose_name=gettext_lazy("mã băm"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("nhật ký thay đổi")
        verbose_name_plural = gettext_lazy("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"]),
            models.Index(fields=["unit", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError(EDIT_REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(DELETE_REFUSED)

    @property
    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for the history pages (a template cannot iterate a dict that has a key
        named "items")."""
        rows = []
        for field, pair in (self.changes or {}).items():
            if isinstance(pair, list | tuple) and len(pair) == 2:
                rows.append((field, pair[0], pair[1]))
            else:
                rows.append((field, None, pair))
        return rows
