"""Public pages (trang công khai) the office publishes for a programme and a unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class Publication(models.Model):
    """A public page for one programme of one unit (with its subtree): the summary, the task groups and the
    indicators, readable without login while published. The office publishes or withdraws it; withdrawn
    pages answer 404. Only aggregated figures appear: no drafts, internal notes or names of people."""

    programme = models.ForeignKey(
        "tasks.Programme",
        on_delete=models.CASCADE,
        related_name="publications",
        verbose_name=gettext_lazy("chương trình"),
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="publications",
        verbose_name=gettext_lazy("đơn vị"),
    )
    title = models.CharField(gettext_lazy("tiêu đề trang"), max_length=255, blank=True)
    intro = models.TextField(gettext_lazy("lời giới thiệu"), blank=True)
    is_published = models.BooleanField(gettext_lazy("đang công khai"), default=False)
    published_at = models.DateTimeField(gettext_lazy("công khai lúc"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(gettext_lazy("thu hồi lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người công khai"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("lúc sửa"))

    class Meta:
        verbose_name = gettext_lazy("trang công khai")
        verbose_name_plural = gettext_lazy("trang công khai")
        constraints = [models.UniqueConstraint(fields=["programme", "unit"], name="uniq_publication")]
        indexes = [models.Index(fields=["is_published"])]

    def __str__(self) -> str:
        return self.title or f"{self.programme.code} — {self.unit}"
