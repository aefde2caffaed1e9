"""API authentication: the browser's session (with CSRF on writes) or a personal Bearer token."""

from django.middleware.csrf import CsrfViewMiddleware
from ninja.security.base import AuthBase


class SessionOrToken(AuthBase):
    """Accepts a request already signed in by the session or by BearerTokenMiddleware."""

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
