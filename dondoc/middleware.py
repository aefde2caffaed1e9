"""Request plumbing: personal API tokens, the origin of each change, idle sessions, the second factor."""

from __future__ import annotations

from django.conf import settings


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
            return JsonResponse({"detail": "Cần xác thực hai lớp trước khi dùng hệ thống."}, status=403)
        return redirect(f"{to}?next={request.get_full_path()}")
