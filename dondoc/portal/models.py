"""Public pages (trang công khai) the office publishes for a programme and a unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Publication(models.Model):
    """A public page for one programme of one unit (with its subtree): the summary, the task groups and the
    indicators, readable without login while published. The office publishes or withdraws it; withdrawn
    pages answer 404. Only aggregated figures appear: no drafts, internal notes or names of people."""

    programme = models.ForeignKey(
        "tasks.Programme", on_delete=models.CASCADE, related_name="publications", verbose_name="chương trình"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="publications", verbose_name="đơn vị"
    )
    title = models.CharField("tiêu đề trang", max_length=255, blank=True)
    intro = models.TextField("lời giới thiệu", blank=True)
    is_published = models.BooleanField("đang công khai", default=False)
    published_at = models.DateTimeField("công khai lúc", null=True, blank=True)
    withdrawn_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "trang công khai"
        verbose_name_plural = "trang công khai"
        constraints = [models.UniqueConstraint(fields=["programme", "unit"], name="uniq_publication")]
        indexes = [models.Index(fields=["is_published"])]

    def __str__(self) -> str:
        return self.title or f"{self.programme.code} — {self.unit}"
