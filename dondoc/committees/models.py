"""Steering committees (Ban Chỉ đạo), their members, their meetings and the directives of their conclusions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.vn import fold


class Committee(models.Model):
    """A unit's steering committee (Ban Chỉ đạo) for a programme: chaired by the unit's Party Secretary, run day
    to day by its standing office (cơ quan thường trực, Tổ giúp việc)."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="committees", verbose_name=gettext_lazy("đơn vị")
    )
    name = models.CharField(gettext_lazy("tên Ban Chỉ đạo"), max_length=255)
    name_folded = models.CharField(
        max_length=255, editable=False, default="", verbose_name=gettext_lazy("tên không dấu (để tìm kiếm)")
    )
    programme = models.ForeignKey(
        "tasks.Programme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=gettext_lazy("chương trình"),
    )
    standing_unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("cơ quan thường trực"),
    )
    founding_document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("quyết định thành lập"),
    )
    is_active = models.BooleanField(gettext_lazy("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))

    class Meta:
        verbose_name = gettext_lazy("Ban Chỉ đạo")
        verbose_name_plural = gettext_lazy("Ban Chỉ đạo")
        ordering = ["unit__name_sort", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Member(models.Model):
    """A member of a committee (thành viên) with a role, and what they oversee: task groups of the programme
    and units (each with its subtree). The chair (Trưởng ban) oversees everything."""

    class Role(models.TextChoices):
        CHAIR = "chair", gettext_lazy("Trưởng ban")
        VICE_CHAIR = "vice_chair", gettext_lazy("Phó Trưởng ban")
        MEMBER = "member", gettext_lazy("Ủy viên")
        SECRETARIAT = "secretariat", gettext_lazy("Tổ giúp việc")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name=gettext_lazy("Ban Chỉ đạo")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="committee_memberships",
        verbose_name=gettext_lazy("người"),
    )
    role = models.CharField(gettext_lazy("vai trò"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    position = models.CharField(gettext_lazy("chức vụ"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("cơ quan công tác"),
    )
    groups = models.ManyToManyField(
        "tasks.TaskGroup", blank=True, related_name="+", verbose_name=gettext_lazy("nhóm nhiệm vụ phụ trách")
    )
    units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="+", verbose_name=gettext_lazy("đơn vị phụ trách")
    )
    order = models.PositiveSmallIntegerField(gettext_lazy("thứ tự"), default=0)

    class Meta:
        verbose_name = gettext_lazy("thành viên Ban Chỉ đạo")
        verbose_name_plural = gettext_lazy("thành viên Ban Chỉ đạo")
        ordering = ["committee", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="uniq_committee_member")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    @property
    def sees_all(self) -> bool:
        return self.role == self.Role.CHAIR


class Meeting(models.Model):
    """A meeting of the committee (phiên họp): number, date, chair, who attended, the agenda, the documents laid
    before it, and its conclusion notice (thông báo kết luận), whose directives become tasks."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="meetings", verbose_name=gettext_lazy("Ban Chỉ đạo")
    )
    number = models.PositiveSmallIntegerField(gettext_lazy("phiên họp thứ"))
    held_on = models.DateField(gettext_lazy("ngày họp"))
    title = models.CharField(gettext_lazy("tên phiên họp"), max_length=255, blank=True)
    place = models.CharField(gettext_lazy("địa điểm"), max_length=255, blank=True)
    chair = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("chủ trì"),
    )
    attendees = models.ManyToManyField(
        Member, blank=True, related_name="meetings_attended", verbose_name=gettext_lazy("thành viên dự họp")
    )
    guests = models.TextField(gettext_lazy("khách mời, đại biểu khác"), blank=True)
    agenda = models.TextField(gettext_lazy("nội dung"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="+", verbose_name=gettext_lazy("tài liệu phiên họp")
    )
    conclusion = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("thông báo kết luận"),
    )
    conclusion_text = models.TextField(gettext_lazy("nội dung kết luận"), blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("phiên họp trước"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))

    class Meta:
        verbose_name = gettext_lazy("phiên họp")
        verbose_name_plural = gettext_lazy("phiên họp")
        ordering = ["committee", "-held_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["committee", "number"], name="uniq_meeting_number")]

    def __str__(self) -> str:
        return self.title or _("Phiên họp thứ %(number)s") % {"number": self.number}


class DirectiveLink(models.Model):
    """A directive of a conclusion (or of a plan) accepted into the catalogue: the task it became — or, for a
    directive that follows up a task already there, that task — with the sentence it came from."""

    class Kind(models.TextChoices):
        NEW = "new", gettext_lazy("nhiệm vụ mới")
        FOLLOW_UP = "follow_up", gettext_lazy("theo dõi tiếp nhiệm vụ đã có")

    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="directives",
        verbose_name=gettext_lazy("Ban Chỉ đạo"),
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directives",
        verbose_name=gettext_lazy("phiên họp"),
    )
    document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("văn bản"),
    )
    task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.CASCADE,
        related_name="directives",
        verbose_name=gettext_lazy("nhiệm vụ"),
    )
    kind = models.CharField(gettext_lazy("loại"), max_length=16, choices=Kind.choices, default=Kind.NEW)
    sentence = models.TextField(gettext_lazy("câu trong văn bản"))
    position = models.PositiveIntegerField(gettext_lazy("vị trí trong văn bản"), default=0)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người chấp nhận"),
    )
    accepted_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("chấp nhận lúc"))

    class Meta:
        verbose_name = gettext_lazy("ý kiến chỉ đạo đã giao")
        verbose_name_plural = gettext_lazy("ý kiến chỉ đạo đã giao")
        ordering = ["committee", "meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "task"],
                condition=models.Q(meeting__isnull=False),
                name="uniq_meeting_task",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting or self.document or self.committee}: {self.task.code}"
