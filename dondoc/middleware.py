"""Request plumbing: personal API tokens, the origin of each change, idle sessions, the second factor."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext as _


class BearerTokenMiddleware:
    """`Authorization: Bearer TOKEN` signs the request in as the token's owner (API clients, scripts).

    A token request carries no cookie, so CSRF (a browser-only attack) does not apply to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header[:7].lower() == "bearer ":
            from dondoc.units.actions import user_for_token

            user = user_for_token(header[7:].strip())
            request.token_auth = True
            if user is not None:
                request.user = user
                request._dont_enforce_csrf_checks = True
            else:
                from django.contrib.auth.models import AnonymousUser

                request.user = AnonymousUser()
                request.bad_token = True
        return self.get_response(request)


class BadTokenMiddleware:
    """A token that is wrong, expired or revoked is refused as such (401) on every API operation, the anonymous
    summary included, which would otherwise answer as if no token were sent. After the request-rate limit, so
    guessing tokens is bounded like any other call."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "bad_token", False) and request.path.startswith("/api/"):
            from dondoc.units.api import unauthenticated

            detail, challenge = unauthenticated(request)
            return _refusal(request, 401, detail, WWW_Authenticate=challenge)
        return self.get_response(request)


def client_ip(request) -> str | None:
    """The caller's address: REMOTE_ADDR, or the address the trusted reverse proxies saw (DONDOC_TRUSTED_PROXIES
    proxies in front of us, each appending to X-Forwarded-For)."""
    hops = getattr(settings, "DONDOC_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None


class AuditOriginMiddleware:
    """Every audit record written while a request is handled carries the caller's address and browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from dondoc.audit.context import origin

        with origin(client_ip(request), request.META.get("HTTP_USER_AGENT", "")):
            return self.get_response(request)


class IdleSessionMiddleware:
    """A signed-in browser that has sent nothing for DONDOC_SESSION_IDLE_MINUTES is signed out. The time of the
    last request is written to the session at most once a minute (not on every request)."""

    KEY = "dondoc_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not getattr(request, "token_auth", False):
            import time

            now = int(time.time())
            seen = request.session.get(self.KEY)
            idle = settings.DONDOC_SESSION_IDLE_MINUTES * 60
            if seen is not None and now - seen > idle:
                return self._expired(request)
            if seen is None or now - seen >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)

    def _expired(self, request):
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.http import HttpResponse
        from django.shortcuts import redirect
        from django.urls import reverse

        from dondoc.units.actions import record_sign_in
        from dondoc.units.models import SignInEvent

        record_sign_in(SignInEvent.Outcome.IDLE, user=request.user)
        request.dondoc_idle_logout = True
        logout(request)
        messages.info(
            request,
            f"Phiên làm việc đã kết thúc sau {settings.DONDOC_SESSION_IDLE_MINUTES} phút không hoạt động. "
            "Vui lòng đăng nhập lại.",
        )
        login = reverse("login") + "?next=" + request.get_full_path()
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login
            return response
        return redirect(login)


class SecondFactorMiddleware:
    """After the password, a user with an authenticator must give its code before anything else; a user whose
    role requires one must first set it up. API tokens are a credential of their own (made while verified)."""

    OPEN_PREFIXES = ("/static/", "/dang-xuat/", "/dang-nhap/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or getattr(request, "token_auth", False)
            or request.path.startswith(self.OPEN_PREFIXES)
            or user.is_verified()
        ):
            return self.get_response(request)
        from django.urls import reverse
        from django_otp import user_has_device

        from dondoc.units import second_factor

        if request.session.get(second_factor.SESSION_KEY) != "none":
            if user_has_device(user, confirmed=True):
                return self._refuse(request, reverse("otp_verify"))
            request.session[second_factor.SESSION_KEY] = "none"
        if second_factor.required_for(user):
            setup = reverse("units:otp_setup")
            if request.path.startswith(setup):
                return self.get_response(request)
            return self._refuse(request, setup)
        return self.get_response(request)

    def _refuse(self, request, to: str):
        from django.http import JsonResponse
        from django.shortcuts import redirect

        if request.path.startswith("/api/"):
            from dondoc.units.api import BEARER

            # Signed in by password alone: not yet authenticated, so 401 like any caller without credentials.
            response = JsonResponse(
                {"detail": _("Cần xác thực hai lớp trước khi dùng hệ thống.")}, status=401
            )
            response["WWW-Authenticate"] = BEARER
            return response
        return redirect(f"{to}?next={request.get_full_path()}")


def _refusal(request, status: int, message: str, **headers):
    """A refusal in the user's words: JSON for the API, a page otherwise."""
    from django.http import JsonResponse
    from django.shortcuts import render

    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=status)
    else:
        response = render(request, "error.html", {"status": status, "message": message}, status=status)
    for k, v in headers.items():
        response[k.replace("_", "-")] = v
    return response


# No identifier, count or amount of dondoc needs more than 18 digits; a longer number (beyond the databases'
# 64-bit integers) would only break a lookup.
_HUGE_NUMBER = re.compile(r"[-+]?\d{19,}")


class InputGuardMiddleware:
    """Hostile input stops here with a clear 4xx, before any view or database sees it: a body larger than
    DONDOC_REQUEST_MAX_BYTES, NUL bytes (which PostgreSQL refuses in text), one field longer than
    DONDOC_TEXT_MAX_CHARS, or more fields than Django accepts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
        from django.http.multipartparser import MultiPartParserError

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refusal(request, 400, "Yêu cầu không hợp lệ (độ dài nội dung sai).")
        if length > settings.DONDOC_REQUEST_MAX_BYTES:
            return _refusal(
                request,
                413,
                f"Dữ liệu gửi lên quá lớn; giới hạn {settings.DONDOC_REQUEST_MAX_BYTES // 1048576} MB mỗi lần gửi.",
            )
        try:
            values = [(k, v, settings.DONDOC_QUERY_MAX_CHARS) for k, v in request.GET.lists()]
            if request.method in ("POST", "PUT", "PATCH") and request.content_type in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            ):
                values += [(k, v, settings.DONDOC_TEXT_MAX_CHARS) for k, v in request.POST.lists()]
        except (RequestDataTooBig, TooManyFieldsSent) as exc:
            return _refusal(request, 400, _too_much(exc))
        except (MultiPartParserError, SuspiciousOperation, UnicodeDecodeError):
            return _refusal(request, 400, "Dữ liệu gửi lên không đọc được (định dạng sai).")
        for key, items, limit in values:
            for value in [key, *items]:
                if "\x00" in value:
                    return _refusal(request, 400, "Dữ liệu gửi lên có ký tự không hợp lệ (NUL).")
                if len(value) > limit:
                    return _refusal(request, 400, f"Nội dung quá dài: mỗi ô tối đa {limit} ký tự.")
                if _HUGE_NUMBER.fullmatch(value.strip()):
                    return _refusal(request, 400, f"Số “{value.strip()[:30]}…” quá lớn.")
        if "\x00" in request.path:
            return _refusal(request, 400, "Địa chỉ không hợp lệ.")
        if _HUGE_NUMBER.search(request.path):
            return _refusal(request, 404, "Không tìm thấy.")
        if request.content_type == "application/json" and length:
            body = request.body
            if b"\\u0000" in body.lower() or b"\x00" in body:
                return _refusal(request, 400, "Dữ liệu gửi lên có ký tự không hợp lệ (NUL).")
        return self.get_response(request)


def _too_much(exc) -> str:
    from django.core.exceptions import TooManyFieldsSent

    if isinstance(exc, TooManyFieldsSent):
        return f"Biểu mẫu có quá nhiều trường (tối đa {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS})."
    return f"Dữ liệu gửi lên quá lớn (tối đa {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1048576} MB ngoài tệp đính kèm)."


def _rate(spec: str) -> tuple[int, int]:
    count, _, seconds = spec.partition("/")
    return int(count), int(seconds or 60)


class RateLimitMiddleware:
    """At most DONDOC_RATE_LOGIN sign-in attempts per address and DONDOC_RATE_API API requests per user (or
    address) in a window; beyond, 429 with the wait in Vietnamese. Counts live in Django's cache: per process
    with the default memory cache, shared by every worker with Redis or the database cache (docs/security.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.core.cache import cache

        if request.path.startswith("/dang-nhap/") and request.method == "POST":
            kind, ident, spec = "login", client_ip(request) or "?", settings.DONDOC_RATE_LOGIN
        elif request.path.startswith("/api/"):
            user = getattr(request, "user", None)
            who = f"u{user.pk}" if user is not None and user.is_authenticated else f"ip{client_ip(request)}"
            kind, ident, spec = "api", who, settings.DONDOC_RATE_API
        else:
            return self.get_response(request)
        limit, window = _rate(spec)
        now = int(time.time())
        key = f"dondoc-rate:{kind}:{ident}:{now // window}"
        if cache.add(key, 1, window + 5):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, window + 5)
                count = 1
        if count > limit:
            wait = window - now % window
            what = "đăng nhập" if kind == "login" else "gọi API"
            return _refusal(
                request,
                429,
                f"Quá nhiều lượt {what} ({limit} lượt trong {window} giây). Vui lòng thử lại sau {wait} giây.",
                Retry_After=str(wait),
            )
        return self.get_response(request)
