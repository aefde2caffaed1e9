"""Programmes (chương trình), task groups (nhóm nhiệm vụ), tasks (nhiệm vụ) and deadline extensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from dondoc.vn import fold


class Programme(models.Model):
    """A programme the committee runs: Resolution 57 (NQ57), Đề án 06, cải cách hành chính... Data, not code."""

    code = models.CharField(gettext_lazy("mã chương trình"), max_length=32, unique=True)
    name = models.CharField(gettext_lazy("tên chương trình"), max_length=255)
    description = models.TextField(gettext_lazy("mô tả"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=gettext_lazy("văn bản gốc"),
        related_name="programmes",
    )
    plan_year = models.PositiveSmallIntegerField(gettext_lazy("năm kế hoạch"), null=True, blank=True)
    is_active = models.BooleanField(gettext_lazy("đang theo dõi"), default=True)
    # Bumped by every change that reaches back into the past (dondoc.tasks.snapshots.invalidate): a count
    # computed before the bump is not stored as a snapshot.
    counts_epoch = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=gettext_lazy("phiên bản số liệu đếm")
    )

    class Meta:
        verbose_name = gettext_lazy("chương trình")
        verbose_name_plural = gettext_lazy("chương trình")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs) -> None:
        # The epoch is only ever bumped in the database (snapshots.invalidate): a form or a loader saving the
        # programme must not write back the value it read.
        if self.pk is not None and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "counts_epoch"
            ]
        super().save(*args, **kwargs)


class TaskGroup(models.Model):
    """A group of tasks within a programme (NQ57 has seven)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="groups", verbose_name=gettext_lazy("chương trình")
    )
    number = models.PositiveSmallIntegerField(gettext_lazy("số thứ tự"))
    name = models.CharField(gettext_lazy("tên nhóm"), max_length=500)
    name_folded = models.CharField(
        max_length=500, editable=False, default="", verbose_name=gettext_lazy("tên không dấu (để tìm kiếm)")
    )

    class Meta:
        verbose_name = gettext_lazy("nhóm nhiệm vụ")
        verbose_name_plural = gettext_lazy("nhóm nhiệm vụ")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="uniq_group_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Task(models.Model):
    """A task (nhiệm vụ) with one lead unit (chủ trì), coordinating units (phối hợp) and a deadline.

    `started` and `done` are the first-progress and completion dates, kept by the actions so that the
    status as of any date is a pure expression over columns (see dondoc.tasks.status).
    `due` is the original deadline; extensions are DeadlineExtension rows, and `extended` tells the
    status engine whether it needs to look at them at all.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="tasks", verbose_name=gettext_lazy("chương trình")
    )
    code = models.CharField(gettext_lazy("mã nhiệm vụ"), max_length=64)
    title = models.TextField(gettext_lazy("nội dung nhiệm vụ"))
    search_text = models.TextField(
        editable=False, default="", verbose_name=gettext_lazy("nội dung tìm kiếm (không dấu)")
    )
    group = models.ForeignKey(
        TaskGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=gettext_lazy("nhóm"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=gettext_lazy("nhiệm vụ cha"),
    )
    lead = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name=gettext_lazy("cơ quan chủ trì"),
    )
    partners = models.ManyToManyField(
        "units.Unit", blank=True, related_name="partner_tasks", verbose_name=gettext_lazy("cơ quan phối hợp")
    )
    due = models.DateField(gettext_lazy("thời hạn"), null=True, blank=True)
    due_phrase = models.CharField(gettext_lazy("thời hạn (như văn bản ghi)"), max_length=100, blank=True)
    recurring = models.BooleanField(gettext_lazy("thường xuyên"), default=False)
    extended = models.BooleanField(gettext_lazy("đã gia hạn"), default=False, editable=False)
    output = models.TextField(gettext_lazy("sản phẩm đầu ra"), blank=True)
    source = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=gettext_lazy("văn bản giao"),
    )
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
    started = models.DateField(gettext_lazy("ngày bắt đầu thực hiện"), null=True, blank=True)
    done = models.DateField(gettext_lazy("ngày hoàn thành"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(gettext_lazy("tiến độ (%)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("lúc sửa"))

    class Meta:
        verbose_name = gettext_lazy("nhiệm vụ")
        verbose_name_plural = gettext_lazy("nhiệm vụ")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="uniq_task_code"),
            models.CheckConstraint(
                condition=models.Q(recurring=True) | models.Q(due__isnull=False), name="task_due_or_recurring"
            ),
        ]
        indexes = [
            # Covering index of the status engine: on PostgreSQL the counts read only this narrow index
            # (an index-only scan) instead of the wide rows with titles and notes — 2x faster at national scale.
            models.Index(
                fields=["lead", "programme"],
                include=["id", "recurring", "due", "done", "started"],
                name="task_status_cover",
            ),
            # The few extended tasks, whose deadline in force moves with the as-of date (count_series).
            models.Index(
                fields=["programme", "lead"],
                include=["id", "recurring", "due", "done", "started"],
                condition=models.Q(extended=True),
                name="task_extended_cover",
            ),
            models.Index(fields=["programme", "due"]),
            # The tasks whose status changes within a few days (the correction added to kept counts).
            models.Index(fields=["programme", "done"], name="task_programme_done"),
            models.Index(fields=["programme", "started"], name="task_programme_started"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title[:80]}"

    def save(self, *args, **kwargs) -> None:
        self.fill_search_text()
        super().save(*args, **kwargs)

    def fill_search_text(self) -> None:
        """The folded text that diacritic-insensitive search looks in (also set before bulk inserts)."""
        self.search_text = fold(f"{self.code} {self.title} {self.output} {self.note}")


class DeadlineExtension(models.Model):
    """A deadline extension (gia hạn): the deadline in force changes from `granted_on`; the original is kept."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="extensions", verbose_name=gettext_lazy("nhiệm vụ")
    )
    old_due = models.DateField(gettext_lazy("thời hạn cũ"))
    new_due = models.DateField(gettext_lazy("thời hạn mới"))
    reason = models.TextField(gettext_lazy("lý do"))
    granted_on = models.DateField(gettext_lazy("ngày cho gia hạn"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=gettext_lazy("người cho gia hạn"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))

    class Meta:
        verbose_name = gettext_lazy("gia hạn")
        verbose_name_plural = gettext_lazy("gia hạn")
        ordering = ["task", "granted_on", "id"]
        indexes = [models.Index(fields=["task", "granted_on"])]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.old_due:%d/%m/%Y} → {self.new_due:%d/%m/%Y}"


class StatusSnapshot(models.Model):
    """The status counts of a unit's whole subtree for a programme and one task group (`group_key`: the group's
    id, 0 for tasks without a group) as they stood at the end of a kept day (KeptDay): the figures a summary, a
    breakdown or a trend point reads instead of recounting every task. A kept day holds a row for every unit
    whose subtree has tasks of that group; a missing row means zero. The actions keep the rows exact as tasks
    change (dondoc.tasks.snapshots). `version` ties a row to the counting rules that made it."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=gettext_lazy("đơn vị")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=gettext_lazy("chương trình")
    )
    group_key = models.PositiveIntegerField(default=0, verbose_name=gettext_lazy("nhóm"))
    day = models.DateField(gettext_lazy("ngày"))
    version = models.PositiveSmallIntegerField(default=1, verbose_name=gettext_lazy("phiên bản"))
    # Plain integers: the actions add signed differences in one upsert.
    total = models.IntegerField(default=0, verbose_name=gettext_lazy("tổng số"))
    done = models.IntegerField(default=0, verbose_name=gettext_lazy("hoàn thành"))
    on_time = models.IntegerField(default=0, verbose_name=gettext_lazy("hoàn thành đúng hạn"))
    late = models.IntegerField(default=0, verbose_name=gettext_lazy("hoàn thành quá hạn"))
    open = models.IntegerField(default=0, verbose_name=gettext_lazy("chưa hoàn thành"))
    in_term = models.IntegerField(default=0, verbose_name=gettext_lazy("trong hạn"))
    overdue = models.IntegerField(default=0, verbose_name=gettext_lazy("quá hạn"))
    started = models.IntegerField(default=0, verbose_name=gettext_lazy("đang thực hiện"))
    not_started = models.IntegerField(default=0, verbose_name=gettext_lazy("chưa thực hiện"))
    recurring = models.IntegerField(default=0, verbose_name=gettext_lazy("thường xuyên"))
    computed_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("tính lúc"))

    class Meta:
        verbose_name = gettext_lazy("số liệu chốt theo ngày")
        verbose_name_plural = gettext_lazy("số liệu chốt theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "programme", "group_key", "day", "version"], name="uniq_status_snapshot_group"
            )
        ]
        indexes = [models.Index(fields=["programme", "day"], name="snapshot_programme_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} · {self.programme_id} · {self.group_key} · {self.day:%d/%m/%Y}"


class KeptDay(models.Model):
    """A day whose counts are kept for every unit of a programme (StatusSnapshot), made by refresh_snapshots and
    kept exact by the actions from then on."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=gettext_lazy("chương trình")
    )
    day = models.DateField(gettext_lazy("ngày"))
    version = models.PositiveSmallIntegerField(default=1, verbose_name=gettext_lazy("phiên bản"))

    class Meta:
        verbose_name = gettext_lazy("ngày chốt số liệu")
        verbose_name_plural = gettext_lazy("ngày chốt số liệu")
        constraints = [models.UniqueConstraint(fields=["programme", "day", "version"], name="uniq_kept_day")]

    def __str__(self) -> str:
        return f"{self.programme_id} · {self.day:%d/%m/%Y}"


class PendingImport(models.Model):
    """A plan file uploaded on the import page, kept between its preview and the office's confirmation (or until
    it is discarded): read again and re-validated in full when confirmed, so nothing the preview showed is trusted.
    Only its uploader may see or confirm it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("người tải lên"),
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=gettext_lazy("đơn vị")
    )
    programme_code = models.CharField(gettext_lazy("mã chương trình"), max_length=32)
    name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    data = models.BinaryField(gettext_lazy("nội dung tệp"))
    digest = models.CharField(gettext_lazy("mã băm SHA-256"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("tải lên lúc"))

    class Meta:
        verbose_name = gettext_lazy("tệp kế hoạch chờ nhận")
        verbose_name_plural = gettext_lazy("tệp kế hoạch chờ nhận")

    def __str__(self) -> str:
        return f"{self.name} → {self.programme_code}"
