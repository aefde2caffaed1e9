"""Units (đơn vị), people (người dùng), their roles (vai trò) and personal API tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from dondoc.vn import clean, fold, sort_key


class Unit(models.Model):
    """An organisation unit (đơn vị): the centre, a province, a department (sở, ban, ngành) or a commune.

    Units form a tree. `path` is the materialised path of ids ("/1/7/42/") so that a subtree is one
    indexed prefix filter, whatever its depth: counts roll up the tree without walking it.
    """

    class Kind(models.TextChoices):
        CENTRAL = "central", "Trung ương"
        PROVINCE = "province", "Tỉnh / Thành phố"
        DEPARTMENT = "department", "Sở / Ban / Ngành"
        COMMUNE = "commune", "Xã / Phường / Đặc khu"
        OTHER = "other", "Khác"

    code = models.CharField("mã đơn vị", max_length=32, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_folded = models.CharField(max_length=255, editable=False, default="", db_index=True)
    name_sort = models.CharField(max_length=600, editable=False, default="")
    email = models.EmailField("thư điện tử", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
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

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    phone = models.CharField("điện thoại", max_length=32, blank=True)
    job_title = models.CharField("chức vụ", max_length=150, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username


class Membership(models.Model):
    """A role a person holds over a unit. Office and leader roles reach the unit's whole subtree;
    a reporter acts for that one unit."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Quản trị hệ thống"
        OFFICE = "office", "Thường trực (tổ giúp việc)"
        LEADER = "leader", "Lãnh đạo"
        REPORTER = "reporter", "Đầu mối báo cáo"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name="đơn vị"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="uniq_membership")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token itself is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100, blank=True)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField("hết hạn lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class SignInEvent(models.Model):
    """One sign-in, failed sign-in, lockout or sign-out: the history each user reads on the profile page.
    Written by the sign-in itself (units.actions.record_sign_in), never edited."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Đăng nhập"
        FAILURE = "failure", "Sai mật khẩu"
        LOCKED = "locked", "Bị tạm khóa"
        OTP_SUCCESS = "otp_success", "Xác thực hai lớp"
        OTP_FAILURE = "otp_failure", "Sai mã xác thực hai lớp"
        LOGOUT = "logout", "Đăng xuất"
        IDLE = "idle", "Hết phiên do không hoạt động"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="sign_ins"
    )
    username = models.CharField("tên đăng nhập", max_length=150)
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    outcome = models.CharField("kết quả", max_length=16, choices=Outcome.choices)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=300, blank=True)

    class Meta:
        verbose_name = "lần đăng nhập"
        verbose_name_plural = "lịch sử đăng nhập"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.username} — {self.get_outcome_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Lịch sử đăng nhập không được sửa.")
        super().save(*args, **kwargs)


def tree_sorted(units) -> list[Unit]:
    """Units in tree order, siblings in Vietnamese alphabetical order (a ă â b c d đ ...)."""
    units = list(units)
    key_of = {u.pk: u.name_sort for u in units}

    def key(u: Unit) -> tuple[str, ...]:
        return tuple(key_of.get(int(i), "") for i in u.path.strip("/").split("/") if i)

    return sorted(units, key=key)
