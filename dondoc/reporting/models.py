"""The reporting cycle: schedules, periods, progress reports, evidence, obstacles, notifications, reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from . import periods as P


class WorkdayOverride(models.Model):
    """A day the office declares off (nghỉ bù, nghỉ thêm) or a compensatory working Saturday (làm bù)."""

    date = models.DateField("ngày", unique=True)
    is_working = models.BooleanField("là ngày làm việc", default=False)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày làm việc / nghỉ điều chỉnh"
        verbose_name_plural = "ngày làm việc / nghỉ điều chỉnh"
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
        "tasks.Programme", on_delete=models.CASCADE, related_name="schedules", verbose_name="chương trình"
    )
    name = models.CharField("tên chế độ báo cáo", max_length=255)
    period_type = models.CharField("kỳ báo cáo", max_length=16, choices=P.PERIOD_TYPES)
    owner = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="owned_schedules",
        verbose_name="cơ quan thường trực nhận báo cáo",
    )
    units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="report_schedules", verbose_name="đơn vị báo cáo"
    )
    unit_kinds = models.CharField(
        "mọi đơn vị thuộc loại (cách nhau dấu phẩy)",
        max_length=100,
        blank=True,
        help_text="Ví dụ: department,commune — mọi sở, ngành và xã dưới đơn vị thường trực.",
    )
    deadline_offset = models.PositiveSmallIntegerField("hạn nộp: số ngày làm việc sau ngày chốt", default=1)
    starts_on = models.DateField("bắt đầu từ ngày")
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"
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

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField("mã kỳ", max_length=16)
    start = models.DateField("từ ngày")
    end = models.DateField("ngày chốt số liệu")
    deadline = models.DateField("hạn nộp")
    locked = models.BooleanField("đã khóa", default=False)
    locked_reason = models.CharField("lý do khóa", max_length=255, blank=True)

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
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
        DRAFT = "draft", "Đang soạn"
        SUBMITTED = "submitted", "Đã gửi, chờ duyệt"
        ACCEPTED = "accepted", "Đã duyệt"
        RETURNED = "returned", "Trả lại để bổ sung"

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports", verbose_name="kỳ")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="progress_reports")
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_on = models.DateField("ngày gửi", null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField("ý kiến của cơ quan thường trực", blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
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
        NOT_STARTED = "not_started", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Hoàn thành"

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="items")
    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="report_items")
    state = models.CharField("tình trạng", max_length=16, choices=State.choices, default=State.NOT_STARTED)
    percent = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    done_this_period = models.TextField("kết quả thực hiện trong kỳ", blank=True)
    output_note = models.TextField("sản phẩm đầu ra", blank=True)
    obstacles = models.TextField("khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("kiến nghị, đề xuất", blank=True)
    extension_until = models.DateField("đề nghị gia hạn đến", null=True, blank=True)
    extension_reason = models.TextField("lý do đề nghị gia hạn", blank=True)
    extension_approved = models.BooleanField("đồng ý gia hạn", null=True, blank=True)

    class Meta:
        verbose_name = "nội dung báo cáo"
        verbose_name_plural = "nội dung báo cáo"
        ordering = ["report", "task__code"]
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="uniq_item_report_task")]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.get_state_display()}"


class Evidence(models.Model):
    """A piece of evidence (minh chứng) for a report item: an uploaded file or a link."""

    item = models.ForeignKey(ReportItem, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("tệp", upload_to="minh-chung/%Y/%m/", blank=True)
    name = models.CharField("tên", max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField("đường dẫn", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.name or self.url


class Contribution(models.Model):
    """A coordinating unit's note on its part in a task (đóng góp của cơ quan phối hợp)."""

    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="contributions")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="contributions")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField("nội dung phối hợp")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nội dung phối hợp"
        verbose_name_plural = "nội dung phối hợp"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.task.code}"


class Obstacle(models.Model):
    """An obstacle (khó khăn, vướng mắc) or a proposal (kiến nghị, đề xuất), raised in a report or by the
    office, addressed to a unit, followed until it is resolved."""

    class Kind(models.TextChoices):
        OBSTACLE = "obstacle", "Khó khăn, vướng mắc"
        PROPOSAL = "proposal", "Kiến nghị, đề xuất"

    class Status(models.TextChoices):
        NEW = "new", "Mới"
        IN_HAND = "in_hand", "Đang xử lý"
        RESOLVED = "resolved", "Đã xử lý"

    programme = models.ForeignKey("tasks.Programme", on_delete=models.CASCADE, related_name="obstacles")
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    text = models.TextField("nội dung")
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="obstacles"
    )
    group = models.ForeignKey(
        "tasks.TaskGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="obstacles"
    )
    raised_by = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="obstacles_raised", verbose_name="đơn vị nêu"
    )
    addressed_to = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obstacles_addressed",
        verbose_name="gửi đến",
    )
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.NEW)
    response = models.TextField("trả lời, xử lý", blank=True)
    responded_on = models.DateField("ngày trả lời", null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_item = models.ForeignKey(
        ReportItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="raised"
    )
    raised_on = models.DateField("ngày nêu")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "khó khăn, kiến nghị"
        verbose_name_plural = "khó khăn, kiến nghị"
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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class Reminder(models.Model):
    """A reminder (đôn đốc) sent by e-mail and in the app. One per kind, person, item and day; a failed
    e-mail is retried and its attempts and last error kept."""

    class Kind(models.TextChoices):
        REPORT_DUE = "report_due", "Báo cáo sắp đến hạn"
        REPORT_MISSING = "report_missing", "Báo cáo quá hạn chưa nộp"
        TASK_DUE = "task_due", "Nhiệm vụ sắp đến hạn"
        TASK_OVERDUE = "task_overdue", "Nhiệm vụ quá hạn"
        TASK_AT_RISK = "task_at_risk", "Nhiệm vụ có nguy cơ chậm"
        DIGEST = "digest", "Tổng hợp gửi cơ quan thường trực"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không được"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    item_key = models.CharField(max_length=100)
    day = models.DateField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nhắc việc"
        verbose_name_plural = "nhắc việc"
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "item_key", "day"], name="uniq_reminder_day")
        ]

    def __str__(self) -> str:
        return self.subject
