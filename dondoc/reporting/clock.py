"""The current moment of the reporting cycle: one place, so that tests and the demo's history (reports sent
weeks ago, written through the same actions) can set it."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from django.utils import timezone

_fixed: list[datetime] = []


def now() -> datetime:
    return _fixed[-1] if _fixed else timezone.now()


@contextmanager
def at(moment: datetime):
    """Within it, now() is `moment`."""
    _fixed.append(moment)
    try:
        yield
    finally:
        _fixed.pop()
