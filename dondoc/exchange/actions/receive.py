"""Writes of the exchange: registering a sender's public key, and taking in a signed package.

Taking in a package is all or nothing. The package is read and verified first (form, version, sender, signature,
order against the packages already taken in); then, in one transaction, the sender's unit subtree, the
programme's tasks, its reporting schedules with their periods and reports, and its indicator values are brought
to exactly what the package holds, each through the owning app's actions with its history; finally the centre's
own status engine counts the sender's unit as of the package's date, and unless that gives the very figures the
package carries, everything is rolled back. Every outcome, a refusal included, is listed as a ReceivedPackage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.audit.actions import record
from dondoc.vn import format_date

from .. import package as pkg
from ..models import ReceivedPackage, Sender
from ..package import PackageRefused
from .apply import apply, sections

RESULT = ReceivedPackage.Result


# -- taking a package in ------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What came of a package: accepted (changes made), unchanged (the same package again) or refused (reason)."""

    received: ReceivedPackage
    changes: dict = field(default_factory=dict)

    @property
    def result(self) -> str:
        return self.received.result

    @property
    def reason(self) -> str:
        return self.received.reason

    def as_json(self) -> dict:
        r = self.received
        return {
            "result": r.result,
            "sender": r.sender_code,
            "programme": r.programme_code,
            "as_of": r.as_of.isoformat() if r.as_of else None,
            "received_at": r.received_at.isoformat(),
            "digest": r.digest,
            "reason": r.reason,
            "changes": r.changes,
        }


def current_package(sender: Sender, programme_code: str) -> ReceivedPackage | None:
    """The package in force for a sender and programme: the newest accepted one."""
    return (
        ReceivedPackage.objects.filter(sender=sender, programme_code=programme_code, result=RESULT.ACCEPTED)
        .order_by("-as_of", "-made_at", "-id")
        .first()
    )


def _order(env: pkg.Envelope) -> tuple:
    return (env.as_of, env.made_at)


def import_package(data: bytes, *, actor=None, via: str = "file") -> Outcome:
    """Take in a signed package (see the module docstring). Returns the outcome; a refusal is an outcome too
    (result "refused" with the reason), and nothing of such a package is written."""
    user = actor if getattr(actor, "pk", None) else None
    env: pkg.Envelope | None = None
    sender: Sender | None = None
    try:
        env = pkg.read(data)
        code = env.sender_code
        sender = Sender.objects.filter(code=code.upper()).first() if code else None
        if sender is None or not sender.is_active:
            raise PackageRefused(
                _(
                    "Đơn vị gửi %(v)s chưa được đăng ký ở hệ thống này (register_sender MÃ TỆP_KHÓA_CÔNG_KHAI): không nhận."
                )
                % {"v": code or "(không ghi)"}
            )
        pkg.verify(env, sender.public_key, sender.code)
        pkg.validate(env.payload)
        if env.made_at is None:
            raise PackageRefused(_("Gói không ghi thời điểm lập (“made_at”) hợp lệ."))
        with transaction.atomic():
            Sender.objects.select_for_update().filter(pk=sender.pk).first()
            current = current_package(sender, env.programme_code)
            if current is not None and current.digest == env.digest:
                received = _log(env, sender, user, via, RESULT.UNCHANGED, _("Gói này đã được nhận trước đó."))
                return Outcome(received)
            if current is not None and _order(env) <= (current.as_of, current.made_at):
                raise PackageRefused(
                    _(
                        "Gói tính đến %(as_of)s (lập lúc %(made_at)s) cũ hơn gói đang dùng, tính đến "
                        "%(current_as_of)s (lập lúc %(current_made_at)s): không nhận."
                    )
                    % {
                        "as_of": format_date(env.as_of),
                        "made_at": f"{timezone.localtime(env.made_at):%d/%m/%Y %H:%M}",
                        "current_as_of": format_date(current.as_of),
                        "current_made_at": f"{timezone.localtime(current.made_at):%d/%m/%Y %H:%M}",
                    }
                )
            who = actor or f"gói số liệu của {sender.code}"  # the audit trail's actor: stored in Vietnamese
            try:
                changes = apply(env, sender, current, actor=who)
            except ProtectedError:
                raise PackageRefused(
                    _("Gói bỏ bớt nhiệm vụ hoặc đơn vị mà dữ liệu khác ở hệ thống này còn dùng: không nhận.")
                ) from None
            except IntegrityError as exc:
                raise PackageRefused(
                    _("Không ghi được số liệu của gói (trùng mã hoặc sai liên kết): %(exc)s.") % {"exc": exc}
                ) from None
            received = _log(env, sender, user, via, RESULT.ACCEPTED, "", changes)
            record(
                actor=who,
                action="import",
                obj=received,
                unit=sender.unit,
                changes={k: [None, v] for k, v in changes.items()},
                note=pkg.describe(env.payload),
            )
            return Outcome(received, changes)
    except (PackageRefused, ValueError) as exc:
        # The transaction (if any) is rolled back: only the refusal itself is listed.
        received = _log(env, sender, user, via, RESULT.REFUSED, str(exc), data=data)
        return Outcome(received)


def _log(env, sender, user, via, result, reason, changes=None, data: bytes | None = None) -> ReceivedPackage:
    payload = env.payload if env is not None else {}
    return ReceivedPackage.objects.create(
        sender=sender,
        sender_code=(env.sender_code if env is not None else "")[:64],
        programme_code=(env.programme_code if env is not None else "")[:64],
        as_of=env.as_of if env is not None else None,
        made_at=env.made_at if env is not None else None,
        received_by=user,
        via=via,
        result=result,
        reason=reason,
        digest=env.digest if env is not None else pkg.digest(data or b""),
        size=env.size if env is not None else len(data or b""),
        changes=changes or {},
        sections=sections(payload) if result == RESULT.ACCEPTED else {},
        summary=payload.get("check", {}).get("summary", {}) if result != RESULT.REFUSED else {},
    )
