"""Exchange of signed packages between instances: the senders a centre accepts packages from, the units each
sender's packages hold at the centre, and every package received (sender, as-of date, when, result)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class Sender(models.Model):
    """A unit of another instance (a province) whose signed packages this instance takes in. Only its Ed25519
    public key is kept; the private key stays with the sender, in a file outside any database."""

    code = models.CharField(gettext_lazy("mã đơn vị gửi"), max_length=32, unique=True)
    public_key = models.TextField(gettext_lazy("khóa công khai (PEM)"))
    key_id = models.CharField(gettext_lazy("dấu vân tay khóa"), max_length=16)
    parent = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("đặt dưới đơn vị"),
        help_text=gettext_lazy("Đơn vị của Trung ương mà cây đơn vị của bên gửi được đặt dưới."),
    )
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("đơn vị gốc của bên gửi"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("tài khoản gửi qua API"),
    )
    is_active = models.BooleanField(gettext_lazy("đang nhận"), default=True)
    registered_at = models.DateTimeField(gettext_lazy("đăng ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("đơn vị gửi gói số liệu")
        verbose_name_plural = gettext_lazy("đơn vị gửi gói số liệu")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class HeldUnit(models.Model):
    """A unit of this instance that holds a sender's unit: created (or, for the sender's root, adopted) by the
    sender's packages and kept in step with them. Nothing else may own it."""

    sender = models.ForeignKey(
        Sender, on_delete=models.CASCADE, related_name="held", verbose_name=gettext_lazy("đơn vị gửi")
    )
    unit = models.OneToOneField(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="exchange_holding",
        verbose_name=gettext_lazy("đơn vị ở hệ thống này"),
    )
    remote_code = models.CharField(gettext_lazy("mã ở bên gửi"), max_length=32)

    class Meta:
        verbose_name = gettext_lazy("đơn vị nhận từ gói")
        verbose_name_plural = gettext_lazy("đơn vị nhận từ gói")
        constraints = [
            models.UniqueConstraint(fields=["sender", "remote_code"], name="uniq_held_remote_code")
        ]

    def __str__(self) -> str:
        return f"{self.sender.code}: {self.remote_code}"


class ReceivedPackage(models.Model):
    """One package that arrived (by file or by the API): who sent it, as of which date, when, and what came of
    it. A refused package is listed with its reason; nothing of it was written."""

    class Result(models.TextChoices):
        ACCEPTED = "accepted", gettext_lazy("Đã nhận, đã cập nhật")
        UNCHANGED = "unchanged", gettext_lazy("Đã nhận trước đó, không thay đổi")
        REFUSED = "refused", gettext_lazy("Từ chối")

    sender = models.ForeignKey(
        Sender,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="packages",
        verbose_name=gettext_lazy("đơn vị gửi"),
    )
    sender_code = models.CharField(gettext_lazy("mã đơn vị gửi"), max_length=64, blank=True)
    programme_code = models.CharField(gettext_lazy("chương trình"), max_length=64, blank=True)
    as_of = models.DateField(gettext_lazy("số liệu tính đến ngày"), null=True, blank=True)
    made_at = models.DateTimeField(gettext_lazy("bên gửi lập lúc"), null=True, blank=True)
    received_at = models.DateTimeField(gettext_lazy("nhận lúc"), auto_now_add=True, db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("người nhận"),
    )
    via = models.CharField(gettext_lazy("nhận qua"), max_length=8, default="file")
    result = models.CharField(gettext_lazy("kết quả"), max_length=16, choices=Result.choices)
    reason = models.TextField(gettext_lazy("lý do"), blank=True)
    digest = models.CharField(gettext_lazy("SHA-256 của tệp"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(gettext_lazy("dung lượng (byte)"), default=0)
    changes = models.JSONField(gettext_lazy("thay đổi"), default=dict, blank=True)
    sections = models.JSONField(
        default=dict, blank=True, editable=False, verbose_name=gettext_lazy("các phần của gói")
    )
    summary = models.JSONField(gettext_lazy("số liệu trong gói"), default=dict, blank=True)

    class Meta:
        verbose_name = gettext_lazy("gói số liệu đã nhận")
        verbose_name_plural = gettext_lazy("gói số liệu đã nhận")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["sender", "programme_code", "result"], name="exchange_pkg_current")]

    def __str__(self) -> str:
        return f"{self.sender_code} · {self.as_of} · {self.get_result_display()}"
