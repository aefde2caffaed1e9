"""Database routing: reads of summaries and dashboards may go to a read replica, writes never do.

With `DATABASE_REPLICA_URL` set, settings add a "replica" database (a PostgreSQL streaming standby). Nothing reads
from it unless the code says so: a view or an API operation that only shows figures opts in with
`@replica_reads` (or a block `with read_replica():`). Inside, every read goes to the replica; every write, and
every read that locks rows (select_for_update: the kept counts' check, for instance), still goes to the primary.
Without a replica configured, everything uses "default".

The replica lags the primary by a fraction of a second: a figure read there may miss a change made that instant.
That is fine for a dashboard; a page that must show what its own request just wrote does not opt in. The kept
counts of dondoc.tasks.snapshots stay exact: a count is kept only if the programme's epoch it read before
counting is the one the primary holds when it stores (read under lock, on the primary).
"""

from __future__ import annotations

import functools
import inspect
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"

_reading: ContextVar[bool] = ContextVar("dondoc_replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def read_replica():
    """Within the block, reads may go to the replica (when one is configured)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_reads(view):
    """A view (or API operation) whose reads may go to the replica: it shows figures and writes nothing of its
    own that it must read back."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        # Who is asking is read from the primary, before: a session made a moment ago may not be on the replica.
        user = getattr(args[0], "user", None) if args else None
        if user is not None:
            bool(getattr(user, "is_authenticated", False))
        with read_replica():
            return view(*args, **kwargs)

    # The view's parameters with their types resolved where it was written (django-ninja reads them from here).
    wrapped.__signature__ = inspect.signature(view, eval_str=True)
    wrapped.reads_from_replica = True  # carried by decorators above it (functools.wraps copies __dict__)
    return wrapped


class ReadReplicaRouter:
    """Reads inside read_replica() to the replica; everything else, and every write, to the primary."""

    def db_for_read(self, model, **hints):
        if _reading.get() and replica_configured():
            return REPLICA
        return None  # Django's own choice: the instance's database, else default

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary by streaming; it is never migrated itself.
        return db == PRIMARY
