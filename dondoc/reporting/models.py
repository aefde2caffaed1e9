"""The reporting cycle: schedules, periods, progress reports, evidence, obstacles, notifications, reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from . import periods as P


class WorkdayOverride(models.Model):
    """A day the office declares off (nghỉ bù, nghỉ thêm) or a compensatory working Saturday (làm bù)."""

    date = models.DateField(gettext_lazy("ngày"), unique=True)
    is_working = models.BooleanField(gettext_lazy("là ngày làm việc"), default=False)
    note = models.CharField(gettext_lazy("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = gettext_lazy("ngày làm việc / nghỉ điều chỉnh")
        verbose_name_plural = gettext_lazy("ngày làm việc / nghỉ điều chỉnh")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {'làm việc' if self.is_working else 'nghỉ'}"

    @classmethod
    def as_map(cls) -> dict:
        return dict(cls.objects.values_list("date", "is_working"))


class Schedule(models.Model):
    """A reporting schedule (chế độ báo cáo): which units report on a programme, how often, and by when.

    The units that report are the ones listed, plus — when kinds are given — every unit of those kinds
    under the owner unit (e.g. all departments and communes of the province)."""

    programme = models.ForeignKey(
        "tasks.Programme",
        on_delete=models.CASCADE,
        related_name="schedules",
        verbose_name=gettext_lazy("chương trình"),
    )
    name = models.CharField(gettext_lazy("tên chế độ báo cáo"), max_length=255)
    period_type = models.CharField(gettext_lazy("kỳ báo cáo"), max_length=16, choices=P.PERIOD_TYPES)
    owner = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="owned_schedules",
        verbose_name=gettext_lazy("cơ quan thường trực nhận báo cáo"),
    )
    units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="report_schedules", verbose_name=gettext_lazy("đơn vị báo cáo")
    )
    unit_kinds = models.CharField(
        gettext_lazy("mọi đơn vị thuộc loại (cách nhau dấu phẩy)"),
        max_length=100,
        blank=True,
        help_text=gettext_lazy("Ví dụ: department,commune — mọi sở, ngành và xã dưới đơn vị thường trực."),
    )
    deadline_offset = models.PositiveSmallIntegerField(
        gettext_lazy("hạn nộp: số ngày làm việc sau ngày chốt"), default=1
    )
    starts_on = models.DateField(gettext_lazy("bắt đầu từ ngày"))
    active = models.BooleanField(gettext_lazy("đang áp dụng"), default=True)

    class Meta:
        verbose_name = gettext_lazy("chế độ báo cáo")
        verbose_name_plural = gettext_lazy("chế độ báo cáo")
        ordering = ["programme", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def kinds(self) -> list[str]:
        return [k.strip() for k in self.unit_kinds.split(",") if k.strip()]

    def reporting_units(self):
        """The units that must report under this schedule."""
        from dondoc.units.models import Unit

        q = models.Q(report_schedules=self)
        if self.kinds:
            q |= models.Q(path__startswith=self.owner.path, kind__in=self.kinds) & ~models.Q(pk=self.owner_id)
        return Unit.objects.filter(q, is_active=True).distinct()

    def expects(self, unit, listed: set[int]) -> bool:
        """Whether `unit` must report under this schedule — the rule of reporting_units() for one unit already
        in hand, `listed` being the ids of the schedule's listed units (read once for many units)."""
        if not unit.is_active:
            return False
        if unit.pk in listed:
            return True
        return (
            bool(self.kinds)
            and unit.pk != self.owner_id
            and unit.kind in self.kinds
            and (unit.path.startswith(self.owner.path))
        )


class Period(models.Model):
    """One reporting period of a schedule (kỳ báo cáo): from `start` to the cut-off `end`, due by `deadline`.
    A locked period accepts no more submissions."""

    schedule = models.ForeignKey(
        Schedule,
        on_delete=models.CASCADE,
        related_name="periods",
        verbose_name=gettext_lazy("chế độ báo cáo"),
    )
    code = models.CharField(gettext_lazy("mã kỳ"), max_length=16)
    start = models.DateField(gettext_lazy("từ ngày"))
    end = models.DateField(gettext_lazy("ngày chốt số liệu"))
    deadline = models.DateField(gettext_lazy("hạn nộp"))
    locked = models.BooleanField(gettext_lazy("đã khóa"), default=False)
    locked_reason = models.CharField(gettext_lazy("lý do khóa"), max_length=255, blank=True)

    class Meta:
        verbose_name = gettext_lazy("kỳ báo cáo")
        verbose_name_plural = gettext_lazy("kỳ báo cáo")
        ordering = ["schedule", "-end"]
        constraints = [models.UniqueConstraint(fields=["schedule", "code"], name="uniq_period_code")]
        indexes = [models.Index(fields=["schedule", "end"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.schedule.name})"

    @property
    def label(self) -> str:
        return P.period_label(self.code)


class ProgressReport(models.Model):
    """A unit's progress report for one period (báo cáo tiến độ): drafted, submitted, then accepted by the
    office or returned with a comment. `version` guards against two people overwriting each other."""

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_lazy("Đang soạn")
        SUBMITTED = "submitted", gettext_lazy("Đã gửi, chờ duyệt")
        ACCEPTED = "accepted", gettext_lazy("Đã duyệt")
        RETURNED = "returned", gettext_lazy("Trả lại để bổ sung")

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="reports", verbose_name=gettext_lazy("kỳ")
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="progress_reports",
        verbose_name=gettext_lazy("đơn vị"),
    )
    status = models.CharField(
        gettext_lazy("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=0, verbose_name=gettext_lazy("phiên bản"))
    submitted_at = models.DateTimeField(gettext_lazy("gửi lúc"), null=True, blank=True)
    submitted_on = models.DateField(gettext_lazy("ngày gửi"), null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người gửi"),
    )
    reviewed_at = models.DateTimeField(gettext_lazy("duyệt lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người duyệt"),
    )
    review_comment = models.TextField(gettext_lazy("ý kiến của cơ quan thường trực"), blank=True)
    idempotency_key = models.CharField(
        max_length=100, blank=True, verbose_name=gettext_lazy("khóa chống gửi trùng")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("lúc sửa"))

    class Meta:
        verbose_name = gettext_lazy("báo cáo tiến độ")
        verbose_name_plural = gettext_lazy("báo cáo tiến độ")
        ordering = ["-period__end", "unit__name_sort"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="uniq_report_period_unit")]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period.label}"

    @property
    def on_time(self) -> bool | None:
        if self.submitted_on is None:
            return None
        return self.submitted_on <= self.period.deadline


class ReportItem(models.Model):
    """What a report says about one task the unit leads."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", gettext_lazy("Chưa thực hiện")
        IN_PROGRESS = "in_progress", gettext_lazy("Đang thực hiện")
        DONE = "done", gettext_lazy("Hoàn thành")

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="items", verbose_name=gettext_lazy("báo cáo")
    )
    task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.CASCADE,
        related_name="report_items",
        verbose_name=gettext_lazy("nhiệm vụ"),
    )
    state = models.CharField(
        gettext_lazy("tình trạng"), max_length=16, choices=State.choices, default=State.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(gettext_lazy("tiến độ (%)"), default=0)
    completed_on = models.DateField(gettext_lazy("ngày hoàn thành"), null=True, blank=True)
    done_this_period = models.TextField(gettext_lazy("kết quả thực hiện trong kỳ"), blank=True)
    output_note = models.TextField(gettext_lazy("sản phẩm đầu ra"), blank=True)
    obstacles = models.TextField(gettext_lazy("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(gettext_lazy("kiến nghị, đề xuất"), blank=True)
    extension_until = models.DateField(gettext_lazy("đề nghị gia hạn đến"), null=True, blank=True)
    extension_reason = models.TextField(gettext_lazy("lý do đề nghị gia hạn"), blank=True)
    extension_approved = models.BooleanField(gettext_lazy("đồng ý gia hạn"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("nội dung báo cáo")
        verbose_name_plural = gettext_lazy("nội dung báo cáo")
        ordering = ["report", "task__code"]
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="uniq_item_report_task")]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.get_state_display()}"


class Evidence(models.Model):
    """A piece of evidence (minh chứng) for a report item: an uploaded file or a link."""

    item = models.ForeignKey(
        ReportItem,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=gettext_lazy("mục báo cáo"),
    )
    file = models.FileField(gettext_lazy("tệp"), upload_to="minh-chung/%Y/%m/", blank=True)
    name = models.CharField(gettext_lazy("tên"), max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0, verbose_name=gettext_lazy("dung lượng (byte)"))
    url = models.URLField(gettext_lazy("đường dẫn"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người tải lên"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))

    class Meta:
        verbose_name = gettext_lazy("minh chứng")
        verbose_name_plural = gettext_lazy("minh chứng")
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.name or self.url


class Contribution(models.Model):
    """A coordinating unit's note on its part in a task (đóng góp của cơ quan phối hợp)."""

    task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=gettext_lazy("nhiệm vụ"),
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=gettext_lazy("đơn vị"),
    )
    period = models.ForeignKey(
        Period,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("kỳ báo cáo"),
    )
    note = models.TextField(gettext_lazy("nội dung phối hợp"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người viết"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))

    class Meta:
        verbose_name = gettext_lazy("nội dung phối hợp")
        verbose_name_plural = gettext_lazy("nội dung phối hợp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.task.code}"


class Obstacle(models.Model):
    """An obstacle (khó khăn, vướng mắc) or a proposal (kiến nghị, đề xuất), raised in a report or by the
    office, addressed to a unit, followed until it is resolved."""

    class Kind(models.TextChoices):
        OBSTACLE = "obstacle", gettext_lazy("Khó khăn, vướng mắc")
        PROPOSAL = "proposal", gettext_lazy("Kiến nghị, đề xuất")

    class Status(models.TextChoices):
        NEW = "new", gettext_lazy("Mới")
        IN_HAND = "in_hand", gettext_lazy("Đang xử lý")
        RESOLVED = "resolved", gettext_lazy("Đã xử lý")

    programme = models.ForeignKey(
        "tasks.Programme",
        on_delete=models.CASCADE,
        related_name="obstacles",
        verbose_name=gettext_lazy("chương trình"),
    )
    kind = models.CharField(gettext_lazy("loại"), max_length=16, choices=Kind.choices)
    text = models.TextField(gettext_lazy("nội dung"))
    task = models.ForeignKey(
        "tasks.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obstacles",
        verbose_name=gettext_lazy("nhiệm vụ"),
    )
    group = models.ForeignKey(
        "tasks.TaskGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obstacles",
        verbose_name=gettext_lazy("nhóm nhiệm vụ"),
    )
    raised_by = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="obstacles_raised",
        verbose_name=gettext_lazy("đơn vị nêu"),
    )
    addressed_to = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obstacles_addressed",
        verbose_name=gettext_lazy("gửi đến"),
    )
    status = models.CharField(
        gettext_lazy("trạng thái"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    response = models.TextField(gettext_lazy("trả lời, xử lý"), blank=True)
    responded_on = models.DateField(gettext_lazy("ngày trả lời"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người trả lời"),
    )
    source_item = models.ForeignKey(
        ReportItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="raised",
        verbose_name=gettext_lazy("mục báo cáo nguồn"),
    )
    raised_on = models.DateField(gettext_lazy("ngày nêu"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người tạo"),
    )

    class Meta:
        verbose_name = gettext_lazy("khó khăn, kiến nghị")
        verbose_name_plural = gettext_lazy("khó khăn, kiến nghị")
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_item", "kind"],
                condition=models.Q(source_item__isnull=False),
                name="uniq_obstacle_item_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def unit(self):
        """The unit that raised it (as other apps' documents name it)."""
        return self.raised_by


class Notification(models.Model):
    """An in-app notification (the bell)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=gettext_lazy("người nhận"),
    )
    text = models.CharField(max_length=500, verbose_name=gettext_lazy("nội dung"))
    url = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("đường dẫn"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("đọc lúc"))

    class Meta:
        verbose_name = gettext_lazy("thông báo")
        verbose_name_plural = gettext_lazy("thông báo")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class Reminder(models.Model):
    """A reminder (đôn đốc) sent by e-mail and in the app. One per kind, person, item and day; a failed
    e-mail is retried and its attempts and last error kept."""

    class Kind(models.TextChoices):
        REPORT_DUE = "report_due", gettext_lazy("Báo cáo sắp đến hạn")
        REPORT_MISSING = "report_missing", gettext_lazy("Báo cáo quá hạn chưa nộp")
        TASK_DUE = "task_due", gettext_lazy("Nhiệm vụ sắp đến hạn")
        TASK_OVERDUE = "task_overdue", gettext_lazy("Nhiệm vụ quá hạn")
        TASK_AT_RISK = "task_at_risk", gettext_lazy("Nhiệm vụ có nguy cơ chậm")
        DIGEST = "digest", gettext_lazy("Tổng hợp gửi cơ quan thường trực")

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Chờ gửi")
        SENT = "sent", gettext_lazy("Đã gửi")
        FAILED = "failed", gettext_lazy("Gửi không được")

    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=gettext_lazy("loại nhắc việc"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=gettext_lazy("người nhận"),
    )
    item_key = models.CharField(max_length=100, verbose_name=gettext_lazy("khóa mục"))
    day = models.DateField(verbose_name=gettext_lazy("ngày"))
    subject = models.CharField(max_length=255, verbose_name=gettext_lazy("tiêu đề"))
    body = models.TextField(verbose_name=gettext_lazy("nội dung"))
    url = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("đường dẫn"))
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        verbose_name=gettext_lazy("trạng thái gửi"),
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=gettext_lazy("số lần thử"))
    last_error = models.TextField(blank=True, verbose_name=gettext_lazy("lỗi lần cuối"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("gửi lúc"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))

    class Meta:
        verbose_name = gettext_lazy("nhắc việc")
        verbose_name_plural = gettext_lazy("nhắc việc")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "item_key", "day"], name="uniq_reminder_day")
        ]

    def __str__(self) -> str:
        return self.subject
