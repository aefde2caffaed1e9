"""Report settings of an office (who issues, who signs, who receives) and the files dondoc generated."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dondoc.vn import clean


class ReportSettings(models.Model):
    """What an office sets once for the documents it issues: the format it uses (Party or State), the issuing
    body and its parent, the place name of the date line, the signer and the recipients ("Nơi nhận")."""

    class Layout(models.TextChoices):
        PARTY = "party", "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"
        STATE = "state", "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"

    unit = models.OneToOneField(
        "units.Unit", on_delete=models.CASCADE, related_name="report_settings", verbose_name="đơn vị"
    )
    layout = models.CharField("thể thức", max_length=8, choices=Layout.choices, default=Layout.STATE)
    parent_body = models.CharField("cơ quan cấp trên", max_length=255, blank=True)
    issuing_body = models.CharField("cơ quan ban hành", max_length=255)
    sender = models.CharField(
        "tên cơ quan trong câu văn",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Ban Thường vụ Tỉnh ủy Quảng Ngãi (…kính báo cáo như sau). Để trống: tên đơn vị.",
    )
    number_code = models.CharField(
        "ký hiệu cơ quan trong số văn bản",
        max_length=32,
        help_text="Ví dụ TU (Số 12-BC/TU) hoặc UBND (Số: 123/BC-UBND).",
    )
    place = models.CharField("địa danh", max_length=100, help_text="Ví dụ: Quảng Ngãi")
    signer_authority = models.CharField(
        "thẩm quyền ký",
        max_length=150,
        blank=True,
        help_text="Ví dụ: T/M BAN THƯỜNG VỤ hoặc TM. ỦY BAN NHÂN DÂN",
    )
    signer_title = models.CharField("chức vụ người ký", max_length=150, help_text="Ví dụ: PHÓ BÍ THƯ")
    signer_name = models.CharField("họ tên người ký", max_length=150, blank=True)
    addressees = models.TextField(
        "kính gửi",
        blank=True,
        help_text="Cơ quan nhận báo cáo, mỗi dòng một cơ quan (để trống nếu không ghi).",
    )
    recipients = models.TextField(
        "nơi nhận", help_text="Mỗi dòng một nơi nhận; dòng cuối là nơi lưu, ví dụ: Lưu Văn phòng Tỉnh ủy."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "thiết lập văn bản"
        verbose_name_plural = "thiết lập văn bản"

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
        PERIODIC = "dinh_ky", "Báo cáo định kỳ / sơ kết"
        OVERDUE = "qua_han", "Danh mục nhiệm vụ quá hạn"
        REMINDER = "don_doc", "Thông báo đôn đốc"
        INDICATORS = "chi_tieu", "Báo cáo chỉ tiêu"
        CATALOGUE = "danh_muc", "Danh mục nhiệm vụ (Excel)"

    class Format(models.TextChoices):
        DOCX = "docx", "Word (.docx)"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel (.xlsx)"

    class Status(models.TextChoices):
        PENDING = "pending", "Đang chờ"
        RUNNING = "running", "Đang tạo"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Lỗi"

    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    format = models.CharField("định dạng", max_length=8, choices=Format.choices)
    period = models.CharField("kỳ", max_length=16, blank=True)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="generated_files", verbose_name="đơn vị"
    )
    programme = models.ForeignKey(
        "tasks.Programme",
        on_delete=models.CASCADE,
        related_name="generated_files",
        verbose_name="chương trình",
    )
    as_of = models.DateField("số liệu tính đến ngày")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="generated_files",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("lúc tạo", auto_now_add=True)
    finished_at = models.DateTimeField("lúc xong", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    file = models.FileField("tệp", upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField("lỗi", blank=True)

    class Meta:
        verbose_name = "tệp đã tạo"
        verbose_name_plural = "tệp đã tạo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.unit.code} — {self.as_of:%d/%m/%Y} ({self.get_format_display()})"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
