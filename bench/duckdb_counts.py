"""The national counts recomputed by DuckDB in memory over the same task and extension rows, by the same rules
(shared/domain.md, "Task status, as of a date D"), as an independent check and a yardstick for dondoc's speed."""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from pathlib import Path

FIELDS = (
    "total",
    "done",
    "on_time",
    "late",
    "open",
    "in_term",
    "overdue",
    "started",
    "not_started",
    "recurring",
)

QUERY = """
WITH ext AS (
    SELECT task_id, arg_max(new_due, date_diff('day', DATE '2000-01-01', granted_on)::BIGINT * 10000000000 + id)
           AS new_due
    FROM e WHERE granted_on <= $d GROUP BY task_id
), x AS (
    SELECT t.seg, t.recurring, t.started, t.done,
           CASE WHEN t.extended THEN coalesce(ext.new_due, t.due) ELSE t.due END AS due_now
    FROM t LEFT JOIN ext ON ext.task_id = t.id
), y AS (
    SELECT *, (recurring OR due_now IS NULL) AS rec,
           (NOT (recurring OR due_now IS NULL) AND (done IS NULL OR done > $d)) AS is_open
    FROM x
)
SELECT seg,
       count(*) AS total,
       count(*) FILTER (WHERE NOT rec AND done <= $d) AS done,
       count(*) FILTER (WHERE NOT rec AND done <= $d AND done <= due_now) AS on_time,
       count(*) FILTER (WHERE NOT rec AND done <= $d AND done > due_now) AS late,
       count(*) FILTER (WHERE is_open) AS open,
       count(*) FILTER (WHERE is_open AND due_now >= $d) AS in_term,
       count(*) FILTER (WHERE is_open AND due_now < $d) AS overdue,
       count(*) FILTER (WHERE is_open AND started <= $d) AS started,
       count(*) FILTER (WHERE is_open AND NOT coalesce(started <= $d, false)) AS not_started,
       count(*) FILTER (WHERE rec) AS recurring
FROM y GROUP BY seg
"""


class DuckCounts:
    """Tasks of one programme under one unit, with their extensions, loaded into an in-memory DuckDB."""

    def __init__(self, duckdb, programme_id: int, root_path: str):
        from django.db import connection

        self.con = duckdb.connect(":memory:")
        with tempfile.TemporaryDirectory() as tmp:
            tasks_csv, ext_csv = Path(tmp) / "t.csv", Path(tmp) / "e.csv"
            with connection.cursor() as cur, open(tasks_csv, "w", newline="") as fh:
                cur.execute(
                    "SELECT t.id, u.path, t.recurring, t.due, t.started, t.done, t.extended FROM tasks_task t "
                    "JOIN units_unit u ON u.id = t.lead_id WHERE t.programme_id = %s AND u.path LIKE %s",
                    [programme_id, root_path + "%"],
                )
                w = csv.writer(fh)
                w.writerow(["id", "seg", "recurring", "due", "started", "done", "extended"])
                n = 0
                cut = len(root_path)
                for tid, path, rec, due, started, done, extended in cur.fetchall():
                    seg = "0" if path == root_path else path[cut:].split("/", 1)[0]
                    w.writerow([tid, seg, bool(rec), due or "", started or "", done or "", bool(extended)])
                    n += 1
            with connection.cursor() as cur, open(ext_csv, "w", newline="") as fh:
                cur.execute(
                    "SELECT e.id, e.task_id, e.new_due, e.granted_on FROM tasks_deadlineextension e "
                    "JOIN tasks_task t ON t.id = e.task_id WHERE t.programme_id = %s",
                    [programme_id],
                )
                w = csv.writer(fh)
                w.writerow(["id", "task_id", "new_due", "granted_on"])
                rows = cur.fetchall()
                w.writerows(rows)
            self.rows = n + len(rows)
            types_t = {"id": "BIGINT", "seg": "VARCHAR", "recurring": "BOOLEAN", "due": "DATE", "started": "DATE",
                       "done": "DATE", "extended": "BOOLEAN"}  # fmt: skip
            types_e = {"id": "BIGINT", "task_id": "BIGINT", "new_due": "DATE", "granted_on": "DATE"}
            self.con.execute(
                f"CREATE TABLE t AS SELECT * FROM read_csv('{tasks_csv}', header=true, columns={types_t!r}, "
                "nullstr='')"
            )
            self.con.execute(
                f"CREATE TABLE e AS SELECT * FROM read_csv('{ext_csv}', header=true, columns={types_e!r})"
            )

    def counts(self, as_of: date) -> tuple[dict, dict[str, dict]]:
        """(whole subtree counts, counts per direct child id as text; "0" = the unit's own tasks)."""
        rows = self.con.execute(QUERY, {"d": as_of}).fetchall()
        by_seg = {r[0]: dict(zip(FIELDS, (int(v) for v in r[1:]), strict=True)) for r in rows}
        total = {f: sum(c[f] for c in by_seg.values()) for f in FIELDS}
        return total, by_seg
