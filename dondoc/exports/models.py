"""Report settings of an office (who issues, who signs, who receives) and the files dondoc generated."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from dondoc.vn import clean


class ReportSettings(models.Model):
    """What an office sets once for the documents it issues: the format it uses (Party or State), the issuing
    body and its parent, the place name of the date line, the signer and the recipients ("Nơi nhận")."""

    class Layout(models.TextChoices):
        PARTY = "party", gettext_lazy("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
        STATE = "state", gettext_lazy("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")

    unit = models.OneToOneField(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="report_settings",
        verbose_name=gettext_lazy("đơn vị"),
    )
    layout = models.CharField(
        gettext_lazy("thể thức"), max_length=8, choices=Layout.choices, default=Layout.STATE
    )
    parent_body = models.CharField(gettext_lazy("cơ quan cấp trên"), max_length=255, blank=True)
    issuing_body = models.CharField(gettext_lazy("cơ quan ban hành"), max_length=255)
    sender = models.CharField(
        gettext_lazy("tên cơ quan trong câu văn"),
        max_length=255,
        blank=True,
        help_text=gettext_lazy(
            "Ví dụ: Ban Thường vụ Tỉnh ủy Quảng Ngãi (…kính báo cáo như sau). Để trống: tên đơn vị."
        ),
    )
    number_code = models.CharField(
        gettext_lazy("ký hiệu cơ quan trong số văn bản"),
        max_length=32,
        help_text=gettext_lazy("Ví dụ TU (Số 12-BC/TU) hoặc UBND (Số: 123/BC-UBND)."),
    )
    place = models.CharField(
        gettext_lazy("địa danh"), max_length=100, help_text=gettext_lazy("Ví dụ: Quảng Ngãi")
    )
    signer_authority = models.CharField(
        gettext_lazy("thẩm quyền ký"),
        max_length=150,
        blank=True,
        help_text=gettext_lazy("Ví dụ: T/M BAN THƯỜNG VỤ hoặc TM. ỦY BAN NHÂN DÂN"),
    )
    signer_title = models.CharField(
        gettext_lazy("chức vụ người ký"), max_length=150, help_text=gettext_lazy("Ví dụ: PHÓ BÍ THƯ")
    )
    signer_name = models.CharField(gettext_lazy("họ tên người ký"), max_length=150, blank=True)
    addressees = models.TextField(
        gettext_lazy("kính gửi"),
        blank=True,
        help_text=gettext_lazy("Cơ quan nhận báo cáo, mỗi dòng một cơ quan (để trống nếu không ghi)."),
    )
    recipients = models.TextField(
        gettext_lazy("nơi nhận"),
        help_text=gettext_lazy("Mỗi dòng một nơi nhận; dòng cuối là nơi lưu, ví dụ: Lưu Văn phòng Tỉnh ủy."),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("lúc sửa"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người sửa"),
    )

    class Meta:
        verbose_name = gettext_lazy("thiết lập văn bản")
        verbose_name_plural = gettext_lazy("thiết lập văn bản")

    def __str__(self) -> str:
        return f"{self.issuing_body} ({self.get_layout_display()})"

    @staticmethod
    def lines(text: str) -> list[str]:
        """Non-empty lines without the list dash and trailing punctuation the layout adds back."""
        out = []
        for line in (text or "").splitlines():
            line = clean(line).lstrip("-–• ").rstrip(" ;,.")
            if line:
                out.append(line)
        return out

    @property
    def sender_name(self) -> str:
        return self.sender or (self.unit.name if self.unit_id else self.issuing_body)

    @property
    def recipient_lines(self) -> list[str]:
        return self.lines(self.recipients)

    @property
    def addressee_lines(self) -> list[str]:
        return self.lines(self.addressees)


class GeneratedFile(models.Model):
    """A report or export dondoc produced: which kind, for which unit, programme and date, who asked, when,
    and where it stands (waiting, being built with its progress, done with its file, or failed)."""

    class Kind(models.TextChoices):
        PERIODIC = "dinh_ky", gettext_lazy("Báo cáo định kỳ / sơ kết")
        OVERDUE = "qua_han", gettext_lazy("Danh mục nhiệm vụ quá hạn")
        REMINDER = "don_doc", gettext_lazy("Thông báo đôn đốc")
        INDICATORS = "chi_tieu", gettext_lazy("Báo cáo chỉ tiêu")
        CATALOGUE = "danh_muc", gettext_lazy("Danh mục nhiệm vụ (Excel)")

    class Format(models.TextChoices):
        DOCX = "docx", "Word (.docx)"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel (.xlsx)"

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Đang chờ")
        RUNNING = "running", gettext_lazy("Đang tạo")
        DONE = "done", gettext_lazy("Đã xong")
        FAILED = "failed", gettext_lazy("Lỗi")

    kind = models.CharField(gettext_lazy("loại"), max_length=16, choices=Kind.choices)
    format = models.CharField(gettext_lazy("định dạng"), max_length=8, choices=Format.choices)
    period = models.CharField(gettext_lazy("kỳ"), max_length=16, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="generated_files",
        verbose_name=gettext_lazy("đơn vị"),
    )
    programme = models.ForeignKey(
        "tasks.Programme",
        on_delete=models.CASCADE,
        related_name="generated_files",
        verbose_name=gettext_lazy("chương trình"),
    )
    as_of = models.DateField(gettext_lazy("số liệu tính đến ngày"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="generated_files",
        verbose_name=gettext_lazy("người tạo"),
    )
    created_at = models.DateTimeField(gettext_lazy("lúc tạo"), auto_now_add=True)
    finished_at = models.DateTimeField(gettext_lazy("lúc xong"), null=True, blank=True)
    status = models.CharField(
        gettext_lazy("trạng thái"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(gettext_lazy("tiến độ (%)"), default=0)
    file = models.FileField(gettext_lazy("tệp"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(gettext_lazy("lỗi"), blank=True)
    language = models.CharField(
        gettext_lazy("ngôn ngữ"),
        max_length=8,
        default="vi",
        help_text=gettext_lazy(
            "Ngôn ngữ của người yêu cầu: tệp Excel theo ngôn ngữ này; văn bản Word, PDF luôn bằng tiếng Việt."
        ),
    )

    class Meta:
        verbose_name = gettext_lazy("tệp đã tạo")
        verbose_name_plural = gettext_lazy("tệp đã tạo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.unit.code} — {self.as_of:%d/%m/%Y} ({self.get_format_display()})"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
