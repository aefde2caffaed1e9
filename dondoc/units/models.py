"""Units (đơn vị), people (người dùng), their roles (vai trò) and personal API tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.vn import clean, fold, sort_key


class Unit(models.Model):
    """An organisation unit (đơn vị): the centre, a province, a department (sở, ban, ngành) or a commune.

    Units form a tree. `path` is the materialised path of ids ("/1/7/42/") so that a subtree is one
    indexed prefix filter, whatever its depth: counts roll up the tree without walking it.
    """

    class Kind(models.TextChoices):
        CENTRAL = "central", gettext_lazy("Trung ương")
        PROVINCE = "province", gettext_lazy("Tỉnh / Thành phố")
        DEPARTMENT = "department", gettext_lazy("Sở / Ban / Ngành")
        COMMUNE = "commune", gettext_lazy("Xã / Phường / Đặc khu")
        OTHER = "other", gettext_lazy("Khác")

    code = models.CharField(gettext_lazy("mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(gettext_lazy("tên đơn vị"), max_length=255)
    kind = models.CharField(gettext_lazy("loại"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(
        max_length=255,
        db_index=True,
        editable=False,
        default="",
        verbose_name=gettext_lazy("đường dẫn trong cây"),
    )
    depth = models.PositiveSmallIntegerField(
        default=0, editable=False, verbose_name=gettext_lazy("cấp trong cây")
    )
    name_folded = models.CharField(
        max_length=255,
        editable=False,
        default="",
        db_index=True,
        verbose_name=gettext_lazy("tên không dấu (để tìm kiếm)"),
    )
    name_sort = models.CharField(
        max_length=600, editable=False, default="", verbose_name=gettext_lazy("khóa sắp xếp theo tên")
    )
    email = models.EmailField(gettext_lazy("thư điện tử"), blank=True)
    is_active = models.BooleanField(gettext_lazy("đang hoạt động"), default=True)

    class Meta:
        verbose_name = gettext_lazy("đơn vị")
        verbose_name_plural = gettext_lazy("đơn vị")
        ordering = ["name_sort"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = clean(self.name)
        self.code = clean(self.code).upper()
        self.name_folded = fold(self.name)
        self.name_sort = sort_key(self.name)
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if self.path != expected:
            self.path = expected
            self.depth = expected.count("/") - 2
            Unit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)

    def subtree(self) -> models.QuerySet[Unit]:
        """This unit and every unit below it."""
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list[Unit]:
        ids = [int(p) for p in self.path.strip("/").split("/") if p][:-1]
        by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]

    def is_in(self, other: Unit) -> bool:
        return self.path.startswith(other.path)


class User(AbstractUser):
    """A person who signs in: an office clerk, a leader, a reporter (đầu mối) or an administrator."""

    full_name = models.CharField(gettext_lazy("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(gettext_lazy("điện thoại"), max_length=32, blank=True)
    job_title = models.CharField(gettext_lazy("chức vụ"), max_length=150, blank=True)

    class Meta:
        verbose_name = gettext_lazy("người dùng")
        verbose_name_plural = gettext_lazy("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username


class Membership(models.Model):
    """A role a person holds over a unit. Office and leader roles reach the unit's whole subtree;
    a reporter acts for that one unit."""

    class Role(models.TextChoices):
        ADMIN = "admin", gettext_lazy("Quản trị hệ thống")
        OFFICE = "office", gettext_lazy("Thường trực (tổ giúp việc)")
        LEADER = "leader", gettext_lazy("Lãnh đạo")
        REPORTER = "reporter", gettext_lazy("Đầu mối báo cáo")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=gettext_lazy("người dùng"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=gettext_lazy("đơn vị")
    )
    role = models.CharField(gettext_lazy("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = gettext_lazy("vai trò")
        verbose_name_plural = gettext_lazy("vai trò")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="uniq_membership")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token itself is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=gettext_lazy("người dùng"),
    )
    name = models.CharField(gettext_lazy("tên"), max_length=100, blank=True)
    prefix = models.CharField(max_length=12, editable=False, verbose_name=gettext_lazy("tiền tố"))
    key_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=gettext_lazy("bản băm của mã")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("lúc tạo"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("dùng lần cuối lúc"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("thu hồi lúc"))
    expires_at = models.DateTimeField(gettext_lazy("hết hạn lúc"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("mã truy cập API")
        verbose_name_plural = gettext_lazy("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class SignInEvent(models.Model):
    """One sign-in, failed sign-in, lockout or sign-out: the history each user reads on the profile page.
    Written by the sign-in itself (units.actions.record_sign_in), never edited."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", gettext_lazy("Đăng nhập")
        FAILURE = "failure", gettext_lazy("Sai mật khẩu")
        LOCKED = "locked", gettext_lazy("Bị tạm khóa")
        OTP_SUCCESS = "otp_success", gettext_lazy("Xác thực hai lớp")
        OTP_FAILURE = "otp_failure", gettext_lazy("Sai mã xác thực hai lớp")
        LOGOUT = "logout", gettext_lazy("Đăng xuất")
        IDLE = "idle", gettext_lazy("Hết phiên do không hoạt động")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sign_ins",
        verbose_name=gettext_lazy("người dùng"),
    )
    username = models.CharField(gettext_lazy("tên đăng nhập"), max_length=150)
    at = models.DateTimeField(gettext_lazy("thời điểm"), auto_now_add=True, db_index=True)
    outcome = models.CharField(gettext_lazy("kết quả"), max_length=16, choices=Outcome.choices)
    ip = models.GenericIPAddressField(gettext_lazy("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(gettext_lazy("trình duyệt"), max_length=300, blank=True)

    class Meta:
        verbose_name = gettext_lazy("lần đăng nhập")
        verbose_name_plural = gettext_lazy("lịch sử đăng nhập")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.username} — {self.get_outcome_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError(_("Lịch sử đăng nhập không được sửa."))
        super().save(*args, **kwargs)


def tree_sorted(units) -> list[Unit]:
    """Units in tree order, siblings in Vietnamese alphabetical order (a ă â b c d đ ...)."""
    units = list(units)
    key_of = {u.pk: u.name_sort for u in units}

    def key(u: Unit) -> tuple[str, ...]:
        return tuple(key_of.get(int(i), "") for i in u.path.strip("/").split("/") if i)

    return sorted(units, key=key)
