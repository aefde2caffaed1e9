"""POST /api/v1/packages: a province's instance sends its signed package to the centre over HTTP."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from dondoc.units.api import Error
from dondoc.units.scope import Scope

from . import actions
from . import package as pkg
from .models import ReceivedPackage, Sender

router = Router(tags=["exchange"])  # ASCII for generated clients; described in dondoc/api/api.py


class PackageOut(Schema):
    result: str
    sender: str
    programme: str
    as_of: date | None
    received_at: datetime
    digest: str
    reason: str
    changes: dict[str, int]


BODY = {
    "requestBody": {
        "required": True,
        "description": "Tệp gói số liệu đúng như export_package đã ghi (docs/exchange.md).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@router.post(
    "/packages",
    response={200: PackageOut, 400: Error, 404: Error},
    openapi_extra=BODY,
    summary="Gửi một gói số liệu đã ký",
    operation_id="import_package",
)
def receive_package(request):
    """Take in a signed package: the caller is the sender's registered account or the office of the receiving
    unit. 200 with the result ("accepted", or "unchanged" for the same package again); 400 with the reason when
    refused (altered, older, unknown version, figures that do not come out the same); 404 when the caller may not
    send for that unit."""
    data = request.body
    scope = Scope.for_user(request.user)
    try:
        code = pkg.read(data).sender_code
    except pkg.PackageRefused as exc:
        if scope.is_admin:
            outcome = actions.import_package(data, actor=request.user, via="api")
            return Status(400, {"detail": outcome.reason})
        return Status(400, {"detail": str(exc)})
    sender = (
        Sender.objects.filter(code=code.upper()).select_related("unit", "parent").first() if code else None
    )
    if sender is None and not scope.is_admin or sender is not None and not actions.may_send(scope, sender):
        return Status(404, {"detail": _("Không tìm thấy đơn vị gửi.")})
    outcome = actions.import_package(data, actor=request.user, via="api")
    if outcome.result == ReceivedPackage.Result.REFUSED:
        return Status(400, {"detail": outcome.reason})
    return Status(200, outcome.as_json())
