"""Who must give a second factor (TOTP, django-otp) after the password."""

from __future__ import annotations

from django.conf import settings

from .scope import Scope

# In the session: "none" once the user is known to have no confirmed authenticator (saves a query per page).
SESSION_KEY = "dondoc_otp"


def required_for(user) -> bool:
    """Whether the settings (DONDOC_OTP_REQUIRED_ROLES) make the second factor mandatory for this user."""
    roles = set(settings.DONDOC_OTP_REQUIRED_ROLES)
    if not roles:
        return False
    scope = Scope.for_user(user)
    return bool(
        ("admin" in roles and scope.is_admin)
        or ("office" in roles and scope.office_paths)
        or ("leader" in roles and scope.leader_paths)
        or ("reporter" in roles and scope.reporter_unit_ids)
    )
