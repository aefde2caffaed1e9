"""Saved dashboards (bảng theo dõi đã lưu) and the weights of the emulation ranking (trọng số thi đua)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class SavedView(models.Model):
    """A dashboard a leader or the office saved under a name: which unit (with its subtree), which programme,
    which task groups or key project (a parent task), the dates and the panels shown. Pinned views appear
    first; a view shared with the unit is open to everyone who reads that unit."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=gettext_lazy("người lưu"),
    )
    name = models.CharField(gettext_lazy("tên bảng theo dõi"), max_length=150)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=gettext_lazy("đơn vị"),
    )
    programme = models.ForeignKey(
        "tasks.Programme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=gettext_lazy("chương trình"),
    )
    groups = models.ManyToManyField("tasks.TaskGroup", blank=True, verbose_name=gettext_lazy("nhóm nhiệm vụ"))
    parent_task = models.ForeignKey(
        "tasks.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("nhiệm vụ trọng điểm (nhiệm vụ cha)"),
    )
    filters = models.JSONField(gettext_lazy("bộ lọc khác"), default=dict, blank=True)
    panels = models.JSONField(gettext_lazy("các phần hiển thị"), default=list, blank=True)
    pinned = models.BooleanField(gettext_lazy("ghim lên đầu"), default=False)
    shared_with_unit = models.BooleanField(gettext_lazy("chia sẻ với đơn vị"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("lúc sửa"))

    class Meta:
        verbose_name = gettext_lazy("bảng theo dõi đã lưu")
        verbose_name_plural = gettext_lazy("bảng theo dõi đã lưu")
        ordering = ["-pinned", "name"]

    def __str__(self) -> str:
        return self.name


class RankingWeights(models.Model):
    """How much each criterion counts in the emulation ranking (thi đua) of a unit's sub-units, set by the
    office: on-time completion rate, overdue tasks and reporting timeliness, in per cent."""

    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="ranking_weights",
        verbose_name=gettext_lazy("đơn vị"),
    )
    programme = models.ForeignKey(
        "tasks.Programme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ranking_weights",
        verbose_name=gettext_lazy("chương trình"),
    )
    on_time = models.PositiveSmallIntegerField(
        gettext_lazy("trọng số tỷ lệ hoàn thành đúng hạn (%)"), default=50
    )
    overdue = models.PositiveSmallIntegerField(gettext_lazy("trọng số nhiệm vụ quá hạn (%)"), default=30)
    timeliness = models.PositiveSmallIntegerField(gettext_lazy("trọng số báo cáo đúng hạn (%)"), default=20)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người sửa"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("lúc sửa"))

    class Meta:
        verbose_name = gettext_lazy("trọng số xếp hạng thi đua")
        verbose_name_plural = gettext_lazy("trọng số xếp hạng thi đua")
        constraints = [
            models.UniqueConstraint(fields=["unit", "programme"], name="uniq_ranking_weights"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.programme.code if self.programme_id else 'mọi chương trình'}"
