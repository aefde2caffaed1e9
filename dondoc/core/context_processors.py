"""What every page needs: the user's scope and the navigation."""

from dondoc.units.scope import Scope


def dondoc(request):
    user = getattr(request, "user", None)
    scope = Scope.for_user(user) if user is not None else Scope(user=None)
    ctx = {"scope": scope}
    if user is not None and user.is_authenticated:
        try:
            from dondoc.reporting.selectors import unread_count

            ctx["unread_notifications"] = unread_count(user)
        except ImportError:
            ctx["unread_notifications"] = 0
    return ctx
