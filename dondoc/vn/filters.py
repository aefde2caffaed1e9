"""Template filters printing numbers and dates the Vietnamese way: 1.133 · 99,30% · 22/12/2024."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from dondoc import vn

register = template.Library()


@register.filter
def vnint(value):
    if value in (None, ""):
        return ""
    return vn.format_int(int(value))


@register.filter
def vndecimal(value, places=2):
    if value in (None, ""):
        return ""
    return vn.format_decimal(value, int(places), strip=True)


@register.filter
def vnpercent(value, places=2):
    """A percentage value (99.3) printed as 99,30%."""
    if value in (None, ""):
        return ""
    return vn.format_percent(value, int(places))


@register.filter
def vnshare(value, places=1):
    """A fraction 0..1 printed as a percentage (0.5 → 50,0%)."""
    if value in (None, ""):
        return "—"
    return vn.format_percent(float(value) * 100, int(places))


@register.filter
def vndate(value):
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return vn.format_date(value)
    return value


@register.filter
def vndatetime(value):
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} {vn.format_date(local.date())}"


@register.filter
def isodate(value):
    return value.isoformat() if value else ""


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def minutes(value):
    """A duration (timedelta) in whole minutes: 15."""
    try:
        return int(value.total_seconds() // 60)
    except AttributeError:
        return ""
