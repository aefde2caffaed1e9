"""Where a change comes from: the address and the program of the person making it.

A request sets its origin (dondoc.middleware.AuditOriginMiddleware); every audit record written while it is
handled carries it. Outside a request, the origin is the command line itself ("manage.py import_tasks").
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    ip: str | None = None
    user_agent: str = ""


_current: ContextVar[Origin | None] = ContextVar("dondoc_audit_origin", default=None)


def _process_origin() -> Origin:
    argv = sys.argv or [""]
    program = os.path.basename(argv[0])
    if program == "manage.py" and len(argv) > 1:
        return Origin(None, f"manage.py {argv[1]}")
    return Origin(None, program[:300])


_PROCESS = _process_origin()


def current() -> Origin:
    """The origin of what is being done now."""
    return _current.get() or _PROCESS


@contextmanager
def origin(ip: str | None, user_agent: str = ""):
    """Within it, records carry this address and program."""
    token = _current.set(Origin(ip or None, (user_agent or "")[:300]))
    try:
        yield
    finally:
        _current.reset(token)
