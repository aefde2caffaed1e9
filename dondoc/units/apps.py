from django.apps import AppConfig
from django.utils.translation import gettext_lazy


def _signed_in(sender, request, user, **kwargs):
    import time

    from django_otp import user_has_device

    from . import second_factor
    from .actions import record_sign_in
    from .models import SignInEvent

    record_sign_in(SignInEvent.Outcome.SUCCESS, user=user)
    session = getattr(request, "session", None)
    if session is not None:
        # What the idle-session and second-factor checks would learn on the first page, learnt once here.
        session["dondoc_seen"] = int(time.time())
        if not user_has_device(user, confirmed=True):
            session[second_factor.SESSION_KEY] = "none"


def _refused(sender, credentials, request=None, **kwargs):
    from .actions import record_sign_in
    from .models import SignInEvent, User

    username = (credentials or {}).get("username", "")
    user = User.objects.filter(username=username).first()
    if getattr(request, "axes_locked_out", False):
        return  # the lockout itself is noted once, below
    record_sign_in(SignInEvent.Outcome.FAILURE, user=user, username=username)


def _locked_out(sender, request, username, ip_address, **kwargs):
    from .actions import record_sign_in
    from .models import SignInEvent, User

    record_sign_in(
        SignInEvent.Outcome.LOCKED, user=User.objects.filter(username=username).first(), username=username
    )


def _signed_out(sender, request, user, **kwargs):
    from .actions import record_sign_in
    from .models import SignInEvent

    if user is not None and not getattr(request, "dondoc_idle_logout", False):
        record_sign_in(SignInEvent.Outcome.LOGOUT, user=user)


class UnitsConfig(AppConfig):
    name = "dondoc.units"
    label = "units"
    verbose_name = gettext_lazy("Đơn vị và người dùng")

    def ready(self) -> None:
        # The sign-in history each user reads on the profile page: noted when Django and django-axes say what
        # happened (a record of the sign-in itself, not a business rule).
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        user_logged_in.connect(_signed_in, dispatch_uid="dondoc-sign-in")
        user_login_failed.connect(_refused, dispatch_uid="dondoc-sign-in-refused")
        user_logged_out.connect(_signed_out, dispatch_uid="dondoc-sign-out")
        user_locked_out.connect(_locked_out, dispatch_uid="dondoc-locked-out")
