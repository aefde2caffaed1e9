"""The exchange package (gói số liệu): building it from this instance's data, serialising, signing, reading and
verifying it. docs/exchange.md describes it for people; docs/exchange.schema.json is its JSON Schema.

A package file is one JSON envelope, written in one canonical form (keys sorted, UTF-8, one-space indent):

    {"format": "dondoc-exchange-package", "version": 1, "payload": {...},
     "signature": {"algorithm": "Ed25519", "key_id": "...", "value": "<base64>"}}

The signature is over the payload's canonical bytes (keys sorted, no spaces, UTF-8). A file that is not exactly
the canonical form of what it holds is refused as altered, so changing any byte of it is detected: either the
JSON breaks, or the form is no longer canonical, or the signature no longer matches.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.indicators.models import Indicator, Value, parse_period
from dondoc.reporting.models import Period, ProgressReport, Schedule
from dondoc.tasks import status
from dondoc.tasks.models import DeadlineExtension, Programme, Task
from dondoc.units.models import Unit
from dondoc.vn import format_date, format_int

FORMAT = "dondoc-exchange-package"
VERSION = 1
SUPPORTED_VERSIONS = {1}
MAX_BYTES = 64 * 1024 * 1024
SEPARATORS = ".-_:/"


class PackageRefused(ValueError):
    """A package that cannot be taken in; the message says why, in Vietnamese."""


# -- keys -------------------------------------------------------------------------------------------------------
def new_key_pair() -> tuple[bytes, bytes]:
    """A new Ed25519 key pair as PEM: (private key, PKCS#8 unencrypted; public key, SubjectPublicKeyInfo)."""
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem


def load_private_key(path: str) -> Ed25519PrivateKey:
    """The signing key from its file; refused when others than its owner may read it (like ssh)."""
    try:
        mode = os.stat(path).st_mode
        data = open(path, "rb").read()
    except OSError as exc:
        raise PackageRefused(
            _("Không đọc được tệp khóa bí mật %(path)s: %(strerror)s.")
            % {"path": path, "strerror": exc.strerror}
        ) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PackageRefused(
            _(
                "Tệp khóa bí mật %(path)s để người khác đọc được (quyền %(mode)s): chạy `chmod 600 %(path)s` rồi thử lại."
            )
            % {"path": path, "mode": f"{stat.S_IMODE(mode):o}"}
        )
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise PackageRefused(
            _("Tệp %(path)s không phải khóa bí mật Ed25519 (PEM).") % {"path": path}
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackageRefused(_("Tệp %(path)s không phải khóa Ed25519.") % {"path": path})
    return key


def load_public_key(pem: str | bytes) -> Ed25519PublicKey:
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        raise PackageRefused(_("Không phải khóa công khai Ed25519 (PEM).")) from None
    if not isinstance(key, Ed25519PublicKey):
        raise PackageRefused(_("Khóa công khai không phải loại Ed25519."))
    return key


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def key_id(key: Ed25519PublicKey) -> str:
    """A short fingerprint of a public key: the first 16 hex digits of SHA-256 of its 32 raw bytes."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# -- canonical bytes, signing, reading ----------------------------------------------------------------------------
def canonical(obj: Any) -> bytes:
    """The bytes that are signed: keys sorted, no spaces, UTF-8."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def file_bytes(envelope: dict) -> bytes:
    """The one form a package file takes (keys sorted, one-space indent, UTF-8, a final newline)."""
    return (json.dumps(envelope, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def sign(payload: dict, key: Ed25519PrivateKey) -> bytes:
    """The package file: the payload and its detached signature in the envelope."""
    signature = key.sign(canonical(payload))
    envelope = {
        "format": FORMAT,
        "version": payload["version"],
        "payload": payload,
        "signature": {
            "algorithm": "Ed25519",
            "key_id": key_id(key.public_key()),
            "value": base64.b64encode(signature).decode(),
        },
    }
    return file_bytes(envelope)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Envelope:
    """A package file read and checked for form (not yet for its signature)."""

    payload: dict
    signature: bytes
    key_id: str
    digest: str
    size: int

    @property
    def sender_code(self) -> str:
        sender = self.payload.get("sender")
        return str(sender.get("unit", "")) if isinstance(sender, dict) else ""

    @property
    def as_of(self) -> date | None:
        try:
            return date.fromisoformat(self.payload.get("as_of", ""))
        except (TypeError, ValueError):
            return None

    @property
    def made_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.payload.get("made_at", ""))
        except (TypeError, ValueError):
            return None

    @property
    def programme_code(self) -> str:
        programme = self.payload.get("programme")
        return str(programme.get("code", "")) if isinstance(programme, dict) else ""


def read(data: bytes) -> Envelope:
    """Read a package file, refusing what is not one, what was altered after writing, or an unknown version."""
    if len(data) > MAX_BYTES:
        raise PackageRefused(f"Tệp quá lớn ({len(data):,} byte; tối đa {MAX_BYTES:,}).".replace(",", "."))
    try:
        envelope = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageRefused(
            _("Tệp không phải gói số liệu dondoc (không đọc được JSON): tệp hỏng hoặc đã bị sửa.")
        ) from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise PackageRefused(_("Tệp không phải gói số liệu dondoc (thiếu hoặc sai trường “format”)."))
    version = envelope.get("version")
    if version not in SUPPORTED_VERSIONS:
        raise PackageRefused(
            _(
                "Gói theo phiên bản cấu trúc %(version)r, hệ thống này chỉ đọc phiên bản %(supported)s: "
                "cần cập nhật dondoc bên nhận."
            )
            % {"version": version, "supported": ", ".join(str(v) for v in sorted(SUPPORTED_VERSIONS))}
        )
    payload, sig = envelope.get("payload"), envelope.get("signature")
    if not isinstance(payload, dict) or not isinstance(sig, dict):
        raise PackageRefused(_("Gói thiếu phần số liệu (“payload”) hoặc chữ ký (“signature”)."))
    if payload.get("version") != version:
        raise PackageRefused(_("Phiên bản ghi trong số liệu khác phiên bản của gói: gói đã bị sửa."))
    if file_bytes(envelope) != data:
        raise PackageRefused(
            _("Tệp đã bị sửa sau khi ký (nội dung không còn ở dạng chuẩn mà bên gửi đã ghi): không nhận.")
        )
    if sig.get("algorithm") != "Ed25519" or not isinstance(sig.get("value"), str):
        raise PackageRefused(_("Chữ ký của gói không phải Ed25519."))
    try:
        signature = base64.b64decode(sig["value"], validate=True)
    except ValueError:
        raise PackageRefused(_("Chữ ký của gói không đọc được (base64 hỏng).")) from None
    if base64.b64encode(signature).decode() != sig["value"]:
        # Base64 leaves a few bits of its last characters unused: a changed one would decode to the same signature.
        raise PackageRefused(_("Chữ ký của gói đã bị sửa (không ở dạng base64 chuẩn): không nhận."))
    return Envelope(payload, signature, str(sig.get("key_id", "")), digest(data), len(data))


def verify(envelope: Envelope, public_key_pem: str, sender_code: str) -> None:
    """Refuse a package whose signature is not the registered key's over exactly this payload."""
    key = load_public_key(public_key_pem)
    if envelope.key_id != key_id(key):
        raise PackageRefused(
            _(
                "Gói được ký bằng khóa %(v)s, không phải khóa đã đăng ký của %(sender_code)s (%(key)s): không nhận."
            )
            % {"v": envelope.key_id or "(không ghi)", "sender_code": sender_code, "key": key_id(key)}
        )
    try:
        key.verify(envelope.signature, canonical(envelope.payload))
    except InvalidSignature:
        raise PackageRefused(
            _(
                "Chữ ký không khớp: gói đã bị sửa sau khi %(sender_code)s ký, hoặc không do %(sender_code)s ký. Không nhận."
            )
            % {"sender_code": sender_code}
        ) from None


# -- what a package holds: checked before anything is written -----------------------------------------------------
def _fail(where: str, what: str) -> PackageRefused:
    return PackageRefused(
        _("Gói không đúng cấu trúc phiên bản %(VERSION)s: %(where)s %(what)s.")
        % {"VERSION": VERSION, "where": where, "what": what}
    )


def _check(obj: Any, shape: dict, where: str) -> None:
    """Check an object against a shape {key: type or (type, ...)}; None in a tuple allows null."""
    if not isinstance(obj, dict):
        raise _fail(where, _("phải là một đối tượng"))
    for key, kind in shape.items():
        if key not in obj:
            raise _fail(where, _("thiếu trường “%(key)s”") % {"key": key})
        kinds = kind if isinstance(kind, tuple) else (kind,)
        value = obj[key]
        ok = any(
            (k is None and value is None)
            or (k is date and isinstance(value, str) and _is_date(value))
            or (k is int and isinstance(value, int) and not isinstance(value, bool))
            or (k not in (None, date, int) and isinstance(value, k))
            for k in kinds
        )
        if not ok:
            raise _fail(
                where,
                _("trường “%(key)s” có giá trị không hợp lệ (%(value)r)") % {"key": key, "value": value},
            )


def _is_date(s: str) -> bool:
    try:
        date.fromisoformat(s)
        return len(s) == 10
    except ValueError:
        return False


def _list(obj: dict, key: str, where: str) -> list:
    value = obj.get(key)
    if not isinstance(value, list):
        raise _fail(where, _("trường “%(key)s” phải là một danh sách") % {"key": key})
    return value


COUNTS = {f: int for f in status.FIELDS}


def validate(payload: dict) -> None:
    """Refuse a payload that does not have the shape of version 1 (docs/exchange.schema.json)."""
    _check(
        payload,
        {
            "version": int,
            "sender": dict,
            "as_of": date,
            "made_at": str,
            "programme": dict,
            "units": list,
            "groups": list,
            "tasks": list,
            "schedules": list,
            "indicators": list,
            "check": dict,
        },
        _("gói"),
    )
    _check(payload["sender"], {"unit": str, "name": str}, _("bên gửi"))
    _check(payload["programme"], {"code": str, "name": str, "plan_year": (int, None)}, _("chương trình"))
    for i, u in enumerate(payload["units"]):
        _check(
            u,
            {"code": str, "name": str, "kind": str, "parent": (str, None), "active": bool},
            _("đơn vị #%(v)s") % {"v": i + 1},
        )
        if u["kind"] not in Unit.Kind.values:
            raise _fail(
                _("đơn vị %(code)s") % {"code": u["code"]},
                _("có loại không hợp lệ (%(kind)r)") % {"kind": u["kind"]},
            )
    for i, g in enumerate(payload["groups"]):
        _check(g, {"number": int, "name": str}, _("nhóm nhiệm vụ #%(v)s") % {"v": i + 1})
    for i, t in enumerate(payload["tasks"]):
        where = _("nhiệm vụ #%(v)s") % {"v": i + 1}
        _check(
            t,
            {
                "code": str,
                "title": str,
                "group": (int, None),
                "parent": (str, None),
                "lead": str,
                "partners": list,
                "due": (date, None),
                "due_phrase": str,
                "recurring": bool,
                "output": str,
                "started": (date, None),
                "done": (date, None),
                "extensions": list,
            },
            where,
        )
        if not t["recurring"] and t["due"] is None:
            raise _fail(
                _("nhiệm vụ %(code)s") % {"code": t["code"]}, _("không thường xuyên mà không có thời hạn")
            )
        for e in t["extensions"]:
            _check(
                e,
                {"old_due": date, "new_due": date, "granted_on": date, "reason": str},
                _("gia hạn của %(code)s") % {"code": t["code"]},
            )
    for i, s in enumerate(payload["schedules"]):
        where = _("chế độ báo cáo #%(v)s") % {"v": i + 1}
        _check(
            s,
            {
                "name": str,
                "period_type": str,
                "owner": str,
                "units": list,
                "unit_kinds": str,
                "deadline_offset": int,
                "starts_on": date,
                "active": bool,
                "periods": list,
            },
            where,
        )
        for p in s["periods"]:
            _check(p, {"code": str, "start": date, "end": date, "deadline": date, "reports": list}, where)
            for r in p["reports"]:
                _check(
                    r,
                    {"unit": str, "status": str, "submitted_on": (date, None)},
                    _("báo cáo kỳ %(code)s") % {"code": p["code"]},
                )
                if r["status"] not in ProgressReport.Status.values:
                    raise _fail(
                        _("báo cáo kỳ %(code)s") % {"code": p["code"]},
                        _("có trạng thái không hợp lệ (%(status)r)") % {"status": r["status"]},
                    )
    for i, ind in enumerate(payload["indicators"]):
        where = _("chỉ tiêu #%(v)s") % {"v": i + 1}
        _check(
            ind,
            {
                "code": str,
                "name": str,
                "unit_of_measure": str,
                "value_kind": str,
                "direction": str,
                "rollup": str,
                "period_type": str,
                "applies_to": list,
                "values": list,
            },
            where,
        )
        for v in ind["values"]:
            _check(
                v,
                {
                    "unit": str,
                    "period": str,
                    "numerator": (str, None),
                    "denominator": (str, None),
                    "value": str,
                },
                _("giá trị chỉ tiêu %(code)s") % {"code": ind["code"]},
            )
            try:
                Decimal(v["value"])
            except ArithmeticError:
                raise _fail(
                    _("giá trị chỉ tiêu %(code)s") % {"code": ind["code"]},
                    _("không phải số (%(value)r)") % {"value": v["value"]},
                ) from None
    _check(payload["check"], {"summary": dict, "by_child": dict}, _("phần kiểm tra"))
    _check(payload["check"]["summary"], COUNTS, _("phần kiểm tra"))
    # References inside the package: every unit named is one of its units, every parent task one of its tasks.
    codes = [u["code"] for u in payload["units"]]
    if len(set(codes)) != len(codes):
        raise _fail(_("cây đơn vị"), _("có mã đơn vị trùng nhau"))
    roots = [u["code"] for u in payload["units"] if u["parent"] is None]
    if roots != [payload["sender"]["unit"]] or codes[:1] != roots:
        raise _fail(_("cây đơn vị"), _("phải bắt đầu bằng đúng một đơn vị gốc là đơn vị gửi"))
    seen: set[str] = set()
    for u in payload["units"]:
        if u["parent"] is not None and u["parent"] not in seen:
            raise _fail(
                _("đơn vị %(code)s") % {"code": u["code"]},
                _("có đơn vị cấp trên không đứng trước nó trong gói"),
            )
        seen.add(u["code"])
    task_codes = {t["code"] for t in payload["tasks"]}
    if len(task_codes) != len(payload["tasks"]):
        raise _fail(_("danh mục nhiệm vụ"), _("có mã nhiệm vụ trùng nhau"))
    for t in payload["tasks"]:
        for ref in [t["lead"], *t["partners"]]:
            if ref not in seen:
                raise _fail(
                    _("nhiệm vụ %(code)s") % {"code": t["code"]},
                    _("nêu đơn vị %(ref)s không có trong gói") % {"ref": ref},
                )
        if t["parent"] is not None and t["parent"] not in task_codes:
            raise _fail(
                _("nhiệm vụ %(code)s") % {"code": t["code"]},
                _("có nhiệm vụ cha %(parent)s không có trong gói") % {"parent": t["parent"]},
            )
    for s in payload["schedules"]:
        for ref in [s["owner"], *s["units"], *(r["unit"] for p in s["periods"] for r in p["reports"])]:
            if ref not in seen:
                raise _fail(
                    _("chế độ báo cáo “%(name)s”") % {"name": s["name"]},
                    _("nêu đơn vị %(ref)s không có trong gói") % {"ref": ref},
                )
    for ind in payload["indicators"]:
        for v in ind["values"]:
            if v["unit"] not in seen:
                raise _fail(
                    _("chỉ tiêu %(code)s") % {"code": ind["code"]},
                    _("có giá trị của đơn vị %(unit)s không có trong gói") % {"unit": v["unit"]},
                )


def centre_code(sender: str, code: str) -> str:
    """The code a sender's unit or task takes at the receiving instance: the sender's root keeps its code; any
    other code is prefixed with the sender's ("SYT" of DEMO → "DEMO.SYT") unless it already starts with it and a
    separator ("DEMO-SYT" stays). Provinces reuse the same department codes; the prefix keeps them apart."""
    if code == sender or (
        code.startswith(sender) and code[len(sender) : len(sender) + 1] in tuple(SEPARATORS)
    ):
        return code
    return f"{sender}.{code}"


# -- building a package from this instance's data -----------------------------------------------------------------
def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _as_of(d: date | None, as_of: date) -> str | None:
    """A date known as of D: kept when on or before D, else none (it had not happened yet)."""
    return d.isoformat() if d is not None and d <= as_of else None


def _period_start(key: str) -> date | None:
    try:
        p = parse_period(key)
    except ValueError:
        return None
    months = {"monthly": 1, "quarterly": 3, "six_monthly": 6}.get(p.type, 12)
    return date(p.year, p.last_month - months + 1, 1)


def _decimal(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def build_payload(unit: Unit, programme: Programme, as_of: date) -> dict:
    """Everything the receiving instance needs to give the same figures for `unit` as of `as_of`: the unit's
    subtree, the programme's tasks led in it with their dates as known at that date, the reporting schedules it
    owns with their periods and the reports sent by then, and the indicator values of its units."""
    units = list(unit.subtree().select_related("parent").order_by("depth", "code"))
    by_id = {u.pk: u for u in units}
    unit_rows = [
        {
            "code": u.code,
            "name": u.name,
            "kind": u.kind,
            "parent": None if u.pk == unit.pk else by_id[u.parent_id].code,
            "active": u.is_active,
        }
        for u in units
    ]
    tasks = list(
        Task.objects.filter(programme=programme, lead_id__in=by_id).select_related("group").order_by("code")
    )
    codes = {t.pk: t.code for t in tasks}
    partners: dict[int, list[str]] = {}
    for task_id, unit_id in Task.partners.through.objects.filter(task_id__in=codes).values_list(
        "task_id", "unit_id"
    ):
        if unit_id in by_id:
            partners.setdefault(task_id, []).append(by_id[unit_id].code)
    extensions: dict[int, list[dict]] = {}
    for e in DeadlineExtension.objects.filter(task_id__in=codes, granted_on__lte=as_of).order_by(
        "task_id", "granted_on", "id"
    ):
        extensions.setdefault(e.task_id, []).append(
            {
                "old_due": e.old_due.isoformat(),
                "new_due": e.new_due.isoformat(),
                "granted_on": e.granted_on.isoformat(),
                "reason": e.reason,
            }
        )
    task_rows = [
        {
            "code": t.code,
            "title": t.title,
            "group": t.group.number if t.group_id else None,
            "parent": codes.get(t.parent_id),
            "lead": by_id[t.lead_id].code,
            "partners": sorted(partners.get(t.pk, [])),
            "due": _iso(t.due),
            "due_phrase": t.due_phrase,
            "recurring": t.recurring,
            "output": t.output,
            "started": _as_of(t.started, as_of),
            "done": _as_of(t.done, as_of),
            "extensions": extensions.get(t.pk, []),
        }
        for t in tasks
    ]
    schedules = []
    for s in (
        Schedule.objects.filter(programme=programme, owner_id__in=by_id)
        .prefetch_related("units")
        .order_by("pk")
    ):
        periods = list(Period.objects.filter(schedule=s, start__lte=as_of).order_by("end", "code"))
        reports: dict[int, list[dict]] = {}
        for r in (
            ProgressReport.objects.filter(period__in=periods, unit_id__in=by_id, submitted_on__lte=as_of)
            .exclude(status=ProgressReport.Status.DRAFT)
            .order_by("period_id", "unit__code")
            .values("period_id", "unit_id", "status", "submitted_on")
        ):
            reports.setdefault(r["period_id"], []).append(
                {
                    "unit": by_id[r["unit_id"]].code,
                    "status": r["status"],
                    "submitted_on": _iso(r["submitted_on"]),
                }
            )
        schedules.append(
            {
                "name": s.name,
                "period_type": s.period_type,
                "owner": by_id[s.owner_id].code,
                "units": sorted(u.code for u in s.units.all() if u.pk in by_id),
                "unit_kinds": s.unit_kinds,
                "deadline_offset": s.deadline_offset,
                "starts_on": s.starts_on.isoformat(),
                "active": s.active,
                "periods": [
                    {
                        "code": p.code,
                        "start": p.start.isoformat(),
                        "end": p.end.isoformat(),
                        "deadline": p.deadline.isoformat(),
                        "reports": reports.get(p.pk, []),
                    }
                    for p in periods
                ],
            }
        )
    values: dict[int, list[dict]] = {}
    for v in Value.objects.filter(indicator__programme=programme, unit_id__in=by_id).order_by(
        "indicator_id", "period_end", "period", "unit__code"
    ):
        start = _period_start(v.period)
        if start is None or start > as_of:
            continue
        values.setdefault(v.indicator_id, []).append(
            {
                "unit": by_id[v.unit_id].code,
                "period": v.period,
                "numerator": _decimal(v.numerator),
                "denominator": _decimal(v.denominator),
                "value": str(v.value),
            }
        )
    indicators = [
        {
            "code": ind.code,
            "name": ind.name,
            "unit_of_measure": ind.unit_of_measure,
            "value_kind": ind.value_kind,
            "direction": ind.direction,
            "rollup": ind.rollup,
            "period_type": ind.period_type,
            "applies_to": list(ind.applies_to or []),
            "values": values[ind.pk],
        }
        for ind in Indicator.objects.filter(pk__in=values).order_by("code")
    ]
    by_child = status.count_by_child(Task.objects.filter(programme=programme), unit, as_of)
    return {
        "version": VERSION,
        "sender": {"unit": unit.code, "name": unit.name},
        "as_of": as_of.isoformat(),
        "made_at": timezone.now().isoformat(),
        "programme": {"code": programme.code, "name": programme.name, "plan_year": programme.plan_year},
        "units": unit_rows,
        "groups": [{"number": g.number, "name": g.name} for g in programme.groups.order_by("number")],
        "tasks": task_rows,
        "schedules": schedules,
        "indicators": indicators,
        "check": {
            "summary": status.Counts.summed(by_child.values()).as_dict(),
            "by_child": {("" if k == 0 else by_id[k].code): c.as_dict() for k, c in by_child.items()},
        },
    }


def describe(payload: dict) -> str:
    """One line on what a package holds, for the command line."""
    n = format_int
    return _(
        "%(unit)s · %(code)s · tính đến %(as_of)s: %(units)s đơn vị, %(tasks)s nhiệm vụ, %(sum)s kỳ báo cáo, %(sum2)s giá trị chỉ tiêu"
    ) % {
        "unit": payload["sender"]["unit"],
        "code": payload["programme"]["code"],
        "as_of": format_date(date.fromisoformat(payload["as_of"])),
        "units": n(len(payload["units"])),
        "tasks": n(len(payload["tasks"])),
        "sum": n(sum(len(s["periods"]) for s in payload["schedules"])),
        "sum2": n(sum(len(i["values"]) for i in payload["indicators"])),
    }
