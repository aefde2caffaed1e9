"""Senders: the units of other instances whose signed packages this instance takes in."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from dondoc.audit.actions import diff, record
from dondoc.units.models import Unit, User
from dondoc.units.scope import Scope
from dondoc.vn import clean

from .. import package as pkg
from ..models import Sender


def default_parent() -> Unit | None:
    """Where a new sender's unit goes when nothing else is said: the one root of the central kind."""
    roots = list(Unit.objects.filter(parent__isnull=True, kind=Unit.Kind.CENTRAL)[:2])
    return roots[0] if len(roots) == 1 else None


def register_sender(
    code: str,
    public_key_pem: str,
    *,
    parent: Unit | None = None,
    account: User | None = None,
    actor=None,
) -> Sender:
    """Accept packages signed by this key for the unit `code` of another instance (a province). Registering the
    same code again replaces its key (a new key made after a loss), with history. The sender's unit is placed
    under `parent`; by default under the unit of the same code if the centre has one (its place is kept), else
    under the centre's root."""
    code = clean(code).upper()
    if not code or len(code) > 32:
        raise ValueError(_("Mã đơn vị gửi phải có từ 1 đến 32 ký tự."))
    key = pkg.load_public_key(public_key_pem)
    pem, kid = pkg.public_pem(key), pkg.key_id(key)
    existing_unit = Unit.objects.filter(code=code).first()
    if parent is None and existing_unit is None:
        parent = default_parent()
        if parent is None:
            raise ValueError(
                _(
                    "Không xác định được đơn vị cấp trên cho đơn vị gửi (cơ sở dữ liệu không có đúng một đơn vị gốc "
                    "loại Trung ương): ghi rõ bằng --parent MÃ."
                )
            )
    with transaction.atomic():
        sender = Sender.objects.select_for_update().filter(code=code).first()
        if sender is None:
            sender = Sender.objects.create(
                code=code, public_key=pem, key_id=kid, parent=parent, account=account
            )
            record(
                actor=actor,
                action="create",
                obj=sender,
                unit=parent or existing_unit,
                changes={"key_id": [None, kid], "parent": [None, parent.code if parent else None]},
            )
            return sender
        before = {
            "key_id": sender.key_id,
            "parent": sender.parent.code if sender.parent else None,
            "account": sender.account.username if sender.account else None,
        }
        sender.public_key, sender.key_id, sender.is_active = pem, kid, True
        if parent is not None:
            sender.parent = parent
        if account is not None:
            sender.account = account
        after = {
            "key_id": kid,
            "parent": sender.parent.code if sender.parent else None,
            "account": sender.account.username if sender.account else None,
        }
        changes = diff(before, after)
        if changes:
            sender.save()
            record(actor=actor, action="update", obj=sender, unit=sender.parent, changes=changes)
        return sender


def receiving_unit(sender: Sender) -> Unit | None:
    """The unit of this instance under which the sender's picture is held (its office reads the packages)."""
    if sender.unit_id:
        return sender.unit.parent or sender.unit
    return sender.parent


def may_send(scope: Scope, sender: Sender) -> bool:
    """Who may post a sender's package through the API: its registered account, or the office (or an admin) of
    the unit that receives it."""
    if scope.is_admin or (sender.account_id and scope.user and sender.account_id == scope.user.pk):
        return True
    unit = receiving_unit(sender)
    return unit is not None and scope.manages(unit)
