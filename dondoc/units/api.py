"""The API's ground in this app: who the caller is (session or personal token), the error answer every
router shares, and the units in the caller's scope."""

from __future__ import annotations

from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security.base import AuthBase

from .scope import Scope


class SessionOrToken(AuthBase):
    """Accepts a request already signed in by the session or by the Bearer token middleware."""

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __init__(self):
        super().__init__()
        self.openapi_security_schema = {"type": "http", "scheme": "bearer"}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "token_auth", False) and request.method not in ("GET", "HEAD", "OPTIONS"):
            # A session (cookie) request must carry the CSRF token on writes.
            reason = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if reason is not None:
                return None
        return user


BEARER = 'Bearer realm="dondoc"'


def unauthenticated(request) -> tuple[str, str]:
    """The message and the WWW-Authenticate header of a 401."""
    if getattr(request, "token_auth", False):
        return (
            _("Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."),
            f'{BEARER}, error="invalid_token"',
        )
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:  # a session write without its CSRF token
        return (
            _("Thiếu mã CSRF của phiên đăng nhập; chương trình gọi API hãy dùng mã truy cập (Bearer)."),
            BEARER,
        )
    return (
        _(
            "Cần đăng nhập: gửi mã truy cập API trong tiêu đề Authorization: Bearer TOKEN "
            "(tạo mã ở trang Tài khoản), hoặc dùng phiên đăng nhập của trình duyệt."
        ),
        BEARER,
    )


class Error(Schema):
    """Every refusal: a message in the user's words."""

    detail: str


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None


router = Router(tags=["units"])  # ASCII for generated clients; described in dondoc/api/api.py


@router.get("/units", response=list[UnitOut], operation_id="list_units")
def units(request):
    """The units in the caller's scope."""
    qs = Scope.for_user(request.user).units().select_related("parent").order_by("path")
    return [
        {"code": u.code, "name": u.name, "kind": u.kind, "parent": u.parent.code if u.parent_id else None}
        for u in qs
    ]
