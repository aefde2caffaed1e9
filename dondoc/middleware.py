"""Request plumbing: personal API tokens and the Content-Security-Policy header."""

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


CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Inline style attributes carry computed widths of bars; no inline script is ever allowed.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Nothing leaves the server: scripts, styles, fonts and images come from this origin only."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = getattr(settings, "CONTENT_SECURITY_POLICY", CSP)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.header)
        return response
