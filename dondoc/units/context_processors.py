"""What every page needs from this app: the user's scope (which units, which roles)."""

from .scope import Scope


def scope(request):
    user = getattr(request, "user", None)
    return {"scope": Scope.for_user(user) if user is not None else Scope(user=None)}
