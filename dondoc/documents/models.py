"""The registry of directive documents (văn bản chỉ đạo): resolutions, plans, conclusions, letters."""

from django.db import models
from django.utils.translation import gettext_lazy

from dondoc.vn import fold


class Document(models.Model):
    """A directive document, identified by its number-symbol (số, ký hiệu) such as 366-KH/TU."""

    class Style(models.TextChoices):
        PARTY = "party", gettext_lazy("Văn bản của Đảng")
        STATE_NORMATIVE = "state_normative", gettext_lazy("Văn bản quy phạm pháp luật")
        STATE_ADMIN = "state_admin", gettext_lazy("Văn bản hành chính")
        LETTER = "letter", gettext_lazy("Công văn")

    symbol = models.CharField(gettext_lazy("số, ký hiệu"), max_length=64, unique=True)
    number = models.CharField(gettext_lazy("số"), max_length=16)
    year = models.PositiveSmallIntegerField(gettext_lazy("năm (trong ký hiệu)"), null=True, blank=True)
    kind = models.CharField(gettext_lazy("loại văn bản"), max_length=8, blank=True)
    style = models.CharField(gettext_lazy("thể thức"), max_length=20, choices=Style.choices)
    issuer_code = models.CharField(gettext_lazy("ký hiệu cơ quan ban hành"), max_length=32, blank=True)
    issuer = models.CharField(gettext_lazy("cơ quan ban hành"), max_length=255, blank=True)
    issued_on = models.DateField(gettext_lazy("ngày ban hành"), null=True, blank=True)
    title = models.TextField(gettext_lazy("trích yếu"), blank=True)
    title_folded = models.TextField(
        editable=False, default="", verbose_name=gettext_lazy("tiêu đề không dấu (để tìm kiếm)")
    )
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=gettext_lazy("đơn vị quản lý"),
        related_name="documents",
    )
    url = models.URLField(gettext_lazy("đường dẫn"), blank=True)

    class Meta:
        verbose_name = gettext_lazy("văn bản")
        verbose_name_plural = gettext_lazy("văn bản chỉ đạo")
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
        IMPLEMENTS = "implements", gettext_lazy("thực hiện")
        AMENDS = "amends", gettext_lazy("sửa đổi, bổ sung")
        REPLACES = "replaces", gettext_lazy("thay thế")
        GUIDES = "guides", gettext_lazy("hướng dẫn")
        RELATES = "relates", gettext_lazy("liên quan")

    source = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_out",
        verbose_name=gettext_lazy("văn bản nguồn"),
    )
    kind = models.CharField(
        gettext_lazy("quan hệ"), max_length=16, choices=Kind.choices, default=Kind.IMPLEMENTS
    )
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=gettext_lazy("văn bản đích"),
    )

    class Meta:
        verbose_name = gettext_lazy("quan hệ văn bản")
        verbose_name_plural = gettext_lazy("quan hệ văn bản")
        constraints = [models.UniqueConstraint(fields=["source", "kind", "target"], name="uniq_doc_relation")]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"
