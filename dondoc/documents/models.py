"""The registry of directive documents (văn bản chỉ đạo): resolutions, plans, conclusions, letters."""

from django.db import models

from dondoc.vn import fold


class Document(models.Model):
    """A directive document, identified by its number-symbol (số, ký hiệu) such as 366-KH/TU."""

    class Style(models.TextChoices):
        PARTY = "party", "Văn bản của Đảng"
        STATE_NORMATIVE = "state_normative", "Văn bản quy phạm pháp luật"
        STATE_ADMIN = "state_admin", "Văn bản hành chính"
        LETTER = "letter", "Công văn"

    symbol = models.CharField("số, ký hiệu", max_length=64, unique=True)
    number = models.CharField("số", max_length=16)
    year = models.PositiveSmallIntegerField("năm (trong ký hiệu)", null=True, blank=True)
    kind = models.CharField("loại văn bản", max_length=8, blank=True)
    style = models.CharField("thể thức", max_length=20, choices=Style.choices)
    issuer_code = models.CharField("ký hiệu cơ quan ban hành", max_length=32, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu", blank=True)
    title_folded = models.TextField(editable=False, default="")
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="đơn vị quản lý",
        related_name="documents",
    )
    url = models.URLField("đường dẫn", blank=True)

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản chỉ đạo"
        ordering = ["-issued_on", "symbol"]

    def __str__(self) -> str:
        return self.symbol

    def save(self, *args, **kwargs) -> None:
        self.title_folded = fold(f"{self.symbol} {self.title}")
        super().save(*args, **kwargs)

    @property
    def kind_name(self) -> str:
        from dondoc.vn.symbols import KIND_NAMES

        return KIND_NAMES.get(self.kind, self.kind)


class DocumentRelation(models.Model):
    """A link between documents: 366-KH/TU implements (thực hiện) 57-NQ/TW."""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", "thực hiện"
        AMENDS = "amends", "sửa đổi, bổ sung"
        REPLACES = "replaces", "thay thế"
        GUIDES = "guides", "hướng dẫn"
        RELATES = "relates", "liên quan"

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_out")
    kind = models.CharField("quan hệ", max_length=16, choices=Kind.choices, default=Kind.IMPLEMENTS)
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_in")

    class Meta:
        verbose_name = "quan hệ văn bản"
        verbose_name_plural = "quan hệ văn bản"
        constraints = [models.UniqueConstraint(fields=["source", "kind", "target"], name="uniq_doc_relation")]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"
