"""Writing many rows fast: COPY on PostgreSQL, Django's bulk_create elsewhere.

Used where an action writes thousands of rows at once (importing a plan of 50.000 tasks). The rows are model
instances whose every concrete field is already set (ids included where the caller needs them).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from operator import attrgetter

from django.db import connections, models


def pg_text(v) -> str:
    """One value in the text format of PostgreSQL's COPY (NULL as \\N, tabs and newlines escaped)."""
    if type(v) is str:  # the common case first
        if "\\" in v or "\t" in v or "\n" in v or "\r" in v:
            v = v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return v
    if type(v) is int:
        return str(v)
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, dict | list):
        v = json.dumps(v, ensure_ascii=False)
    if isinstance(v, Decimal):
        return str(v)
    v = str(v)
    if "\\" in v or "\t" in v or "\n" in v or "\r" in v:
        v = v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return v


def is_postgres(model: type[models.Model]) -> bool:
    return connections[model.objects.db].vendor == "postgresql"


def allocate_ids(model: type[models.Model], n: int) -> list[int] | None:
    """n fresh primary keys from the table's sequence (PostgreSQL); None elsewhere (bulk_create sets them)."""
    if not n or not is_postgres(model):
        return None
    table = model._meta.db_table
    with connections[model.objects.db].cursor() as cur:
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n]
        )
        return [row[0] for row in cur.fetchall()]


def insert(model: type[models.Model], objs: list[models.Model], batch_size: int = 2000) -> None:
    """Insert `objs` (every field set, ids included on PostgreSQL) in as few round trips as possible."""
    if not objs:
        return
    if not is_postgres(model):
        model.objects.bulk_create(objs, batch_size=batch_size)
        return
    fields = list(model._meta.concrete_fields)
    if all(o.pk is None for o in objs):  # the sequence numbers them
        fields = [f for f in fields if not f.primary_key]
    # pre_save fills auto_now / auto_now_add as bulk_create would; other fields are read as they are.
    getters = [
        (lambda o, f=f: f.pre_save(o, True))
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else attrgetter(f.attname)
        for f in fields
    ]
    qn = connections[model.objects.db].ops.quote_name
    cols = ", ".join(qn(f.column) for f in fields)
    with connections[model.objects.db].cursor() as cur:
        with cur.cursor.copy(f"COPY {qn(model._meta.db_table)} ({cols}) FROM STDIN") as copy:
            for start in range(0, len(objs), 5000):
                chunk = objs[start : start + 5000]
                data = "".join("\t".join([pg_text(get(o)) for get in getters]) + "\n" for o in chunk)
                copy.write(data.encode())
