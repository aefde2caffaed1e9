"""Filters of the dashboard pages."""

from django import template

from dondoc.vn import format_int

register = template.Library()


@register.filter
def signed(value) -> str:
    """A change as users write it: +3, −2 (a true minus sign), 0."""
    if value in (None, ""):
        return ""
    n = int(value)
    if n > 0:
        return f"+{format_int(n)}"
    if n < 0:
        return f"−{format_int(-n)}"
    return "0"


@register.filter
def change_class(value, bad_when_up: bool = False) -> str:
    """A colour class for a change: red when things get worse (overdue up), green when better."""
    n = int(value or 0)
    if not n:
        return "same"
    worse = n > 0 if bad_when_up else n < 0
    return "worse" if worse else "better"


@register.filter
def share_of(part, whole) -> float:
    """Width in per cent of `part` in `whole` (bars), 0 when the whole is empty."""
    return round(100 * part / whole, 2) if whole else 0


@register.filter
def attr(obj, name):
    """obj[name] for a dict, obj.name otherwise (figures from other apps, whatever their shape)."""
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)
