"""Writes to units, people and roles. Each owns its transaction and its audit record."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.audit import context as audit_context
from dondoc.audit.actions import diff, record
from dondoc.tabular import Column, RowError, TableError, map_table, read_rows
from dondoc.vn import clean, fold

from .models import ApiToken, Membership, SignInEvent, Unit, User, hash_token

KIND_ALIASES = {
    Unit.Kind.CENTRAL: ["trung uong", "central", "tw"],
    Unit.Kind.PROVINCE: ["tinh / thanh pho", "tinh", "thanh pho", "tinh/thanh pho", "province", "city"],
    Unit.Kind.DEPARTMENT: [
        "so / ban / nganh",
        "so",
        "ban",
        "nganh",
        "so, ban, nganh",
        "department",
        "agency",
    ],
    Unit.Kind.COMMUNE: ["xa / phuong / dac khu", "xa", "phuong", "dac khu", "commune", "ward"],
    Unit.Kind.OTHER: ["khac", "other", ""],
}


def parse_kind(text: str) -> str | None:
    key = " ".join(fold(text).replace("/", " / ").split())
    compact = key.replace(" ", "")
    for kind, names in KIND_ALIASES.items():
        for name in names:
            if key == name or compact == name.replace(" ", ""):
                return kind
    return None


# Figures that floors above keep per subtree (the month-end counts of dondoc.tasks.snapshots) go stale when a
# unit moves. Those apps add a callable here from their AppConfig.ready(); set_parent calls each inside its
# transaction. A declared hook rather than an import, so that units never reads the floors built on it.
TREE_MOVED: list[Callable[[], None]] = []


def check_parent(unit: Unit, parent: Unit | None) -> None:
    """Refuse a parent inside the unit's own subtree (a cycle), with the message users read."""
    if parent is not None and unit.pk is not None and parent.path.startswith(unit.path):
        raise ValueError(
            _("Không thể đặt '%(code)s' làm cấp trên của '%(code2)s': tạo thành vòng lặp.")
            % {"code": parent.code, "code2": unit.code}
        )


def create_unit(
    code: str,
    name: str,
    kind: str = Unit.Kind.OTHER,
    *,
    parent: Unit | None = None,
    email: str = "",
    actor=None,
) -> Unit:
    """Add a unit to the tree (under `parent`, or as a root)."""
    code, name = clean(code).upper(), clean(name)
    if not code or not name:
        raise ValueError(_("Cần mã và tên đơn vị."))
    if len(code) > 32:
        raise ValueError(_("Mã đơn vị dài quá 32 ký tự."))
    if kind not in Unit.Kind.values:
        raise ValueError(_("Loại đơn vị không hợp lệ."))
    with transaction.atomic():
        if Unit.objects.filter(code=code).exists():
            raise ValueError(_("Đã có đơn vị mã %(code)s.") % {"code": code})
        unit = Unit(code=code, name=name, kind=kind, parent=parent, email=email)
        unit.save()
        record(
            actor=actor,
            action="create",
            obj=unit,
            unit=unit,
            changes=diff({}, {"code": code, "name": name, "kind": kind, "parent": parent, "email": email}),
        )
        return unit


UNIT_FIELDS = ("name", "kind", "email", "is_active")


def update_unit(unit: Unit, *, actor=None, **fields) -> dict:
    """Change a unit's name, kind, e-mail or whether it is active (its place in the tree: set_parent).
    Returns the changes (empty: nothing written)."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise ValueError(_("Không sửa được trường: %(join)s.") % {"join": ", ".join(sorted(unknown))})
    if "kind" in fields and fields["kind"] not in Unit.Kind.values:
        raise ValueError(_("Loại đơn vị không hợp lệ."))
    if "name" in fields and not clean(fields["name"]):
        raise ValueError(_("Cần tên đơn vị."))
    with transaction.atomic():
        before = {f: getattr(unit, f) for f in UNIT_FIELDS}
        for name, value in fields.items():
            setattr(unit, name, clean(value) if isinstance(value, str) else value)
        changes = diff(before, {f: getattr(unit, f) for f in UNIT_FIELDS})
        if not changes:
            return {}
        unit.save()
        record(actor=actor, action="update", obj=unit, unit=unit, changes=changes)
        return changes


def set_parent(unit: Unit, parent: Unit | None, *, actor=None) -> None:
    """Move a unit under another parent, refusing cycles, and re-path its whole subtree in one UPDATE."""
    check_parent(unit, parent)
    with transaction.atomic():
        old_path = unit.path
        old_parent = unit.parent
        unit.parent = parent
        new_path = (parent.path if parent else "/") + f"{unit.pk}/"
        Unit.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1)),
        )
        Unit.objects.filter(pk=unit.pk).update(parent=parent)
        for u in Unit.objects.filter(path__startswith=new_path).only("pk", "path"):
            Unit.objects.filter(pk=u.pk).update(depth=u.path.count("/") - 2)
        unit.refresh_from_db()
        record(
            actor=actor,
            action="update",
            obj=unit,
            unit=unit,
            changes={"parent": [str(old_parent) if old_parent else None, str(parent) if parent else None]},
        )
        for hook in TREE_MOVED:  # the subtrees above the unit gain or lose its tasks at every date
            hook()


UNIT_COLUMNS = [
    Column("code", "Mã đơn vị", required=True),
    Column("name", "Tên đơn vị", required=True),
    Column("kind", "Loại", aliases=("Loại đơn vị",)),
    Column("parent", "Mã đơn vị cấp trên", aliases=("Cấp trên", "parent_code")),
    Column("email", "Thư điện tử", aliases=("Email",)),
]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _("Đã nhập xong: %(created)s mới, %(updated)s cập nhật, %(unchanged)s không thay đổi.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def import_units(path, *, actor=None, data: bytes | None = None) -> ImportResult:
    """Import the unit tree from xlsx/csv: all rows or none; running it again changes nothing."""
    table = map_table(read_rows(path, data), UNIT_COLUMNS)
    errors: list[RowError] = []
    rows: dict[str, tuple[int, dict]] = {}
    for n, rec in table.records:
        code = clean(rec.get("code", "")).upper()
        name = clean(rec.get("name", ""))
        if not code:
            errors.append(RowError(n, "Mã đơn vị", "", _("Thiếu mã đơn vị.")))
            continue
        if len(code) > 32:
            errors.append(RowError(n, "Mã đơn vị", code, _("Mã đơn vị dài quá 32 ký tự.")))
        if code in rows:
            errors.append(
                RowError(
                    n, "Mã đơn vị", code, _("Mã đơn vị trùng với dòng %(rows)s.") % {"rows": rows[code][0]}
                )
            )
            continue
        if not name:
            errors.append(RowError(n, "Tên đơn vị", "", _("Thiếu tên đơn vị.")))
        kind_text = rec.get("kind", "")
        kind = parse_kind(kind_text)
        if kind is None:
            errors.append(
                RowError(
                    n,
                    "Loại",
                    kind_text,
                    _(
                        "Loại đơn vị không hợp lệ. Dùng: Trung ương; Tỉnh / Thành phố; Sở / Ban / Ngành; "
                        "Xã / Phường / Đặc khu; Khác."
                    ),
                )
            )
        rows[code] = (
            n,
            {
                "code": code,
                "name": name,
                "kind": kind or Unit.Kind.OTHER,
                "parent": clean(rec.get("parent", "")).upper(),
                "email": rec.get("email", ""),
            },
        )
    existing = {u.code: u for u in Unit.objects.all()}
    # Parents: in the file (possibly a later row) or already in the database.
    for code, (n, r) in rows.items():
        p = r["parent"]
        if p and p not in rows and p not in existing:
            errors.append(RowError(n, "Mã đơn vị cấp trên", p, _("Không có đơn vị cấp trên với mã này.")))
        if p == code:
            errors.append(
                RowError(n, "Mã đơn vị cấp trên", p, _("Đơn vị không thể là cấp trên của chính nó."))
            )
    # Cycles, judged on the tree as it will be after the import.
    ids = {u.pk: u.code for u in existing.values()}
    parent_of = {u.code: ids.get(u.parent_id, "") for u in existing.values()}
    for code, (_n, r) in rows.items():
        parent_of[code] = r["parent"]
    for code, (n, r) in rows.items():
        seen, cur = {code}, r["parent"]
        while cur:
            if cur in seen:
                errors.append(
                    RowError(
                        n,
                        "Mã đơn vị cấp trên",
                        r["parent"],
                        _("Tạo thành vòng lặp trong cây đơn vị (%(code)s).") % {"code": code},
                    )
                )
                break
            seen.add(cur)
            cur = parent_of.get(cur, "")
    if errors:
        raise TableError(sorted(errors, key=lambda e: e.row or 0))

    result = ImportResult()
    with transaction.atomic():
        # Create or update in an order where parents come first.
        order, placed = [], set()

        def place(c: str) -> None:
            if c in placed or c not in rows:
                return
            placed.add(c)
            p = rows[c][1]["parent"]
            if p:
                place(p)
            order.append(c)

        for c in rows:
            place(c)
        for code in order:
            r = rows[code][1]
            parent = existing.get(r["parent"]) if r["parent"] else None
            unit = existing.get(code)
            if unit is None:
                unit = Unit(code=code, name=r["name"], kind=r["kind"], parent=parent, email=r["email"])
                unit.save()
                existing[code] = unit
                record(
                    actor=actor, action="import", obj=unit, unit=unit, changes={"created": [None, unit.name]}
                )
                result.created += 1
                continue
            before = {"name": unit.name, "kind": unit.kind, "email": unit.email}
            after = {"name": r["name"], "kind": r["kind"], "email": r["email"] or unit.email}
            changes = diff(before, after)
            parent_changed = (unit.parent_id or None) != (parent.pk if parent else None)
            if changes:
                unit.name, unit.kind, unit.email = after["name"], after["kind"], after["email"]
                unit.save()
                record(actor=actor, action="import", obj=unit, unit=unit, changes=changes)
            if parent_changed:
                set_parent(unit, parent, actor=actor)
            if changes or parent_changed:
                result.updated += 1
            else:
                result.unchanged += 1
    return result


PROVINCES = [
    # (code, name, kind) — the 34 province-level units since 1/7/2025.
    ("HNI", "Thành phố Hà Nội", "city"),
    ("HUE", "Thành phố Huế", "city"),
    ("HPG", "Thành phố Hải Phòng", "city"),
    ("DNG", "Thành phố Đà Nẵng", "city"),
    ("HCM", "Thành phố Hồ Chí Minh", "city"),
    ("CTO", "Thành phố Cần Thơ", "city"),
    ("LCU", "Tỉnh Lai Châu", ""),
    ("DBN", "Tỉnh Điện Biên", ""),
    ("SLA", "Tỉnh Sơn La", ""),
    ("LSN", "Tỉnh Lạng Sơn", ""),
    ("QNH", "Tỉnh Quảng Ninh", ""),
    ("THA", "Tỉnh Thanh Hóa", ""),
    ("NAN", "Tỉnh Nghệ An", ""),
    ("HTH", "Tỉnh Hà Tĩnh", ""),
    ("CBG", "Tỉnh Cao Bằng", ""),
    ("TQG", "Tỉnh Tuyên Quang", ""),
    ("LCI", "Tỉnh Lào Cai", ""),
    ("TNN", "Tỉnh Thái Nguyên", ""),
    ("PTO", "Tỉnh Phú Thọ", ""),
    ("BNH", "Tỉnh Bắc Ninh", ""),
    ("HYN", "Tỉnh Hưng Yên", ""),
    ("NBH", "Tỉnh Ninh Bình", ""),
    ("QTI", "Tỉnh Quảng Trị", ""),
    ("QNG", "Tỉnh Quảng Ngãi", ""),
    ("GLI", "Tỉnh Gia Lai", ""),
    ("KHA", "Tỉnh Khánh Hòa", ""),
    ("LDG", "Tỉnh Lâm Đồng", ""),
    ("DLK", "Tỉnh Đắk Lắk", ""),
    ("DNI", "Tỉnh Đồng Nai", ""),
    ("TNH", "Tỉnh Tây Ninh", ""),
    ("VLG", "Tỉnh Vĩnh Long", ""),
    ("DTP", "Tỉnh Đồng Tháp", ""),
    ("CMU", "Tỉnh Cà Mau", ""),
    ("AGG", "Tỉnh An Giang", ""),
]


def load_provinces(*, actor=None, root_code: str = "VN") -> tuple[Unit, int]:
    """The centre and the 34 provinces as reference data. Idempotent: returns (root, how many created)."""
    created = 0
    with transaction.atomic():
        root = Unit.objects.filter(code=root_code).first()
        if root is None:
            root = create_unit(root_code, "Trung ương", Unit.Kind.CENTRAL, actor=actor)
            created += 1
        for code, name, _kind in PROVINCES:
            if not Unit.objects.filter(code=code).exists():
                create_unit(code, name, Unit.Kind.PROVINCE, parent=root, actor=actor)
                created += 1
    return root, created


def grant_role(user: User, unit: Unit, role: str, *, actor=None) -> Membership:
    with transaction.atomic():
        m, made = Membership.objects.get_or_create(user=user, unit=unit, role=role)
        if made:
            record(
                actor=actor,
                action="grant_role",
                obj=user,
                unit=unit,
                changes={"role": [None, f"{role} @ {unit.code}"]},
            )
        return m


def create_user(
    username: str, password: str, *, full_name: str = "", email: str = "", actor=None, **extra
) -> User:
    with transaction.atomic():
        user = User(username=username, full_name=clean(full_name), email=email, **extra)
        user.set_password(password)
        user.save()
        record(actor=actor, action="create", obj=user)
        return user


def token_lifetime(days: int | None) -> int:
    """The days a new token lives: the one asked for, within the limits the settings give."""
    days = days or settings.DONDOC_API_TOKEN_DAYS
    if not 1 <= days <= settings.DONDOC_API_TOKEN_MAX_DAYS:
        raise ValueError(
            _("Thời hạn của mã truy cập phải từ 1 đến %(DONDOC_API_TOKEN_MAX_DAYS)s ngày.")
            % {"DONDOC_API_TOKEN_MAX_DAYS": settings.DONDOC_API_TOKEN_MAX_DAYS}
        )
    return days


def issue_token(user: User, *, name: str = "", actor=None, days: int | None = None) -> str:
    """Create a personal API token and return it; only its hash is kept. It expires after `days` days."""
    days = token_lifetime(days)
    raw = "ddk_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=clean(name),
            prefix=raw[:10],
            key_hash=hash_token(raw),
            expires_at=timezone.now() + timedelta(days=days),
        )
        record(
            actor=actor or user,
            action="issue_token",
            obj=user,
            changes={"token": [None, token.prefix + "…"], "expires_at": [None, token.expires_at.isoformat()]},
        )
    return raw


def revoke_token(token: ApiToken, *, actor=None) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            actor=actor, action="revoke_token", obj=token.user, changes={"token": [token.prefix + "…", None]}
        )


def user_for_token(raw: str) -> User | None:
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# -- sign-in ---------------------------------------------------------------------------------------------------
def record_sign_in(outcome: str, *, user: User | None = None, username: str = "") -> SignInEvent:
    """Note a sign-in, a refused one, a lockout or a sign-out, with where it came from."""
    where = audit_context.current()
    return SignInEvent.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=(username or (user.get_username() if user else ""))[:150],
        outcome=outcome,
        ip=where.ip,
        user_agent=where.user_agent,
    )


def start_totp(user: User):
    """A new, not yet confirmed authenticator for the user (replacing one never confirmed)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def check_totp(device, code: str) -> None:
    """The code must be the one the authenticator shows now; after wrong ones, wait a little (throttled)."""
    allowed, data = device.verify_is_allowed()
    if not allowed:
        until = (data or {}).get("locked_until")
        wait = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
        raise ValueError(
            _("Đã nhập sai mã nhiều lần; hãy đợi %(wait)s giây rồi nhập mã mới.") % {"wait": wait}
        )
    if not device.verify_token(clean(code).replace(" ", "")):
        raise ValueError(
            _("Mã xác thực không đúng hoặc đã hết hạn (mỗi mã dùng trong 30 giây). Hãy nhập mã mới.")
        )


def confirm_totp(user: User, code: str, *, actor=None):
    """Turn the second factor on: the code shown by the authenticator app must match. Returns the device."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        raise ValueError(_("Chưa có ứng dụng xác thực nào đang chờ xác nhận; hãy bắt đầu lại."))
    check_totp(device, code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(actor=actor or user, action="enable_otp", obj=user, changes={"otp": [False, True]})
    return device


def remove_totp(user: User, *, actor=None) -> None:
    """Turn the second factor off (by the user, or by an administrator when the phone is lost)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            record(actor=actor or user, action="disable_otp", obj=user, changes={"otp": [True, False]})


def change_password(user: User, new_password: str, *, actor=None) -> None:
    """Set a new password, checked against the password policy (length, common passwords, the user's names)."""
    from django.contrib.auth.password_validation import validate_password

    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record(
            actor=actor or user,
            action="change_password",
            obj=user,
            changes={"password": ["•••", "••• (mới)"]},
        )
