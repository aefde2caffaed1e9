"""The audit trail's hash chain, and the database's refusal to edit or delete an entry.

Sealing: right after a transaction that wrote entries commits, `seal()` numbers every committed entry not yet
sealed (`seq`: 1, 2, 3 … without gaps, in the order sealed) and gives it `prev_hash` (the hash of entry seq−1)
and `hash` = SHA-256 of `prev_hash` and the entry's canonical content. Entries are written unsealed inside the
writing transaction and sealed after it, so that writers never wait for each other; only the short sealing
step is serialised (an advisory lock on PostgreSQL, SQLite's single writer elsewhere). An entry edited
afterwards no longer matches its hash; a removed one leaves a gap in `seq` or breaks the next `prev_hash`.
`verify()` walks the chain and names the first entry that does not hold.

Triggers: the database itself refuses DELETE, TRUNCATE, and any UPDATE of an entry other than its one sealing
(setting `seq`, `prev_hash`, `hash` on an entry that has none). They are installed by a migration.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC

from django.db import connection, transaction
from django.utils.translation import gettext as _

from .models import AuditEntry

log = logging.getLogger("dondoc.audit")

TABLE = AuditEntry._meta.db_table
CONTENT = (
    "id",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "unit_id",
    "changes",
    "note",
    "ip",
    "user_agent",
)
LOCK_KEY = 57_2024_1222  # PostgreSQL advisory lock of the sealing step
BATCH = 5000


def canonical(row: dict) -> bytes:
    """The bytes an entry's hash covers: its content and place in the chain, as sorted compact JSON."""
    data = {k: row[k] for k in CONTENT}
    data["at"] = row["at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    data["seq"] = row["seq"]
    data["prev_hash"] = row["prev_hash"]
    if isinstance(data["changes"], str):  # a database without a JSON type hands back text
        data["changes"] = json.loads(data["changes"])
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def digest(row: dict) -> str:
    return hashlib.sha256(canonical(row)).hexdigest()


def _head() -> tuple[int, str]:
    last = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").values("seq", "hash").first()
    return (last["seq"], last["hash"]) if last else (0, "")


def _write(sealed: list[tuple[int, int, str, str]]) -> None:
    """Set (seq, prev_hash, hash) of entries by id in one statement per batch (the one UPDATE the triggers let
    through)."""
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql" and len(sealed) > 100:
        # Many entries (an import): COPY them into a temporary table, then one UPDATE from it, instead of a
        # statement with four parameters an entry quoted on the client.
        with connection.cursor() as cur:
            cur.execute(
                "CREATE TEMPORARY TABLE IF NOT EXISTS audit_seal (id bigint, seq bigint, prev_hash text, "
                "hash text) ON COMMIT DELETE ROWS"
            )
            with cur.cursor.copy("COPY audit_seal (id, seq, prev_hash, hash) FROM STDIN") as copy:
                copy.write("".join(f"{i}\t{q}\t{p}\t{h}\n" for i, q, p, h in sealed).encode())
            cur.execute(
                f"UPDATE {qn(TABLE)} SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash "
                f"FROM audit_seal v WHERE {qn(TABLE)}.id = v.id"
            )
            cur.execute("DELETE FROM audit_seal")
        return
    marks = ", ".join(["(%s, %s, %s, %s)"] * len(sealed))
    params = [v for row in sealed for v in row]
    cast = "::bigint" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cur:
        cur.execute(
            f"WITH v(id, seq, prev_hash, hash) AS (VALUES {marks}) "
            f"UPDATE {qn(TABLE)} SET seq = v.seq{cast}, prev_hash = v.prev_hash, hash = v.hash "
            f"FROM v WHERE {qn(TABLE)}.id = v.id{cast}",
            params,
        )


def seal() -> int:
    """Seal every committed entry not yet sealed. Returns how many."""
    total = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cur:
                    cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            seq, prev = _head()
            rows = list(AuditEntry.objects.filter(seq__isnull=True).order_by("id").values(*CONTENT)[:BATCH])
            if not rows:
                return total
            sealed = []
            for row in rows:
                seq += 1
                row["seq"], row["prev_hash"] = seq, prev
                prev = digest(row)
                sealed.append((row["id"], seq, row["prev_hash"], prev))
            _write(sealed)
            total += len(rows)
        if len(rows) < BATCH:
            return total


def _seal_committed() -> None:
    try:
        seal()
    except Exception:  # the change itself is committed; the next seal (or verify_audit) picks it up
        log.exception("Chưa niêm phong được nhật ký thay đổi; lần sau sẽ niêm phong tiếp.")


def seal_after_commit() -> None:
    """Seal once the current transaction commits (once per transaction, however many entries it wrote)."""
    if connection.in_atomic_block and any(f is _seal_committed for _, f, _ in connection.run_on_commit):
        return
    transaction.on_commit(_seal_committed)


@dataclass
class Verdict:
    checked: int
    unsealed: int
    head_seq: int
    head_hash: str
    broken: AuditEntry | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(expect_head: tuple[int, str] | None = None) -> Verdict:
    """Walk the chain from the first entry: every seq follows the one before, every prev_hash is the previous
    entry's hash, every hash matches the entry's content. Stops at the first that does not hold."""
    expected_seq, prev = 1, ""
    checked = 0
    last_id = None
    rows = (
        AuditEntry.objects.filter(seq__isnull=False)
        .order_by("seq")
        .values(*CONTENT, "seq", "prev_hash", "hash")
    )
    for row in rows.iterator(chunk_size=BATCH):
        reason = ""
        if row["seq"] != expected_seq:
            reason = (
                _("thiếu bản ghi số %(expected_seq)s") % {"expected_seq": expected_seq}
                + (_(" đến %(v)s") % {"v": row["seq"] - 1} if row["seq"] - 1 > expected_seq else "")
                + _(" (đã bị xóa)")
            )
        elif row["prev_hash"] != prev:
            reason = _("không nối tiếp bản ghi trước (bản ghi trước đã bị sửa hoặc thay)")
        elif digest(row) != row["hash"]:
            reason = _("nội dung không khớp mã băm (đã bị sửa)")
        if reason:
            return Verdict(
                checked, _unsealed(), expected_seq - 1, prev, AuditEntry.objects.get(pk=row["id"]), reason
            )
        if expect_head and row["seq"] == expect_head[0] and row["hash"] != expect_head[1]:
            return Verdict(
                checked,
                _unsealed(),
                row["seq"],
                row["hash"],
                AuditEntry.objects.get(pk=row["id"]),
                _("khác với mã băm đã ghi nhận trước đây"),
            )
        checked += 1
        expected_seq, prev, last_id = row["seq"] + 1, row["hash"], row["id"]
    head_seq = expected_seq - 1
    if expect_head and expect_head[0] > head_seq:
        last = AuditEntry.objects.get(pk=last_id) if last_id else None
        return Verdict(
            checked,
            _unsealed(),
            head_seq,
            prev,
            last,
            _(
                "chuỗi chỉ còn đến bản ghi số %(head_seq)s, trước đây đã có đến số %(expect_head)s (các bản ghi cuối đã bị xóa)"
            )
            % {"head_seq": head_seq, "expect_head": expect_head[0]},
        )
    return Verdict(checked, _unsealed(), head_seq, prev)


def _unsealed() -> int:
    return AuditEntry.objects.filter(seq__isnull=True).count()


# -- the database's refusal ------------------------------------------------------------------------------------
_CONTENT_COLUMNS = [
    "id",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "unit_id",
    "changes",
    "note",
    "ip",
    "user_agent",
]

PG_INSTALL = f"""
CREATE OR REPLACE FUNCTION dondoc_audit_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'Nhật ký thay đổi không được xóa.';
  END IF;
  IF OLD.hash <> '' OR NEW.hash = '' OR NEW.seq IS NULL
     OR ({", ".join("NEW." + c for c in _CONTENT_COLUMNS)}) IS DISTINCT FROM
        ({", ".join("OLD." + c for c in _CONTENT_COLUMNS)}) THEN
    RAISE EXCEPTION 'Nhật ký thay đổi không được sửa.';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS dondoc_audit_no_change ON {TABLE};
CREATE TRIGGER dondoc_audit_no_change BEFORE UPDATE OR DELETE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION dondoc_audit_guard();
DROP TRIGGER IF EXISTS dondoc_audit_no_truncate ON {TABLE};
CREATE TRIGGER dondoc_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION dondoc_audit_guard();
"""
PG_REMOVE = f"""
DROP TRIGGER IF EXISTS dondoc_audit_no_change ON {TABLE};
DROP TRIGGER IF EXISTS dondoc_audit_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS dondoc_audit_guard();
"""
SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS dondoc_audit_no_delete",
    f"""CREATE TRIGGER dondoc_audit_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'Nhật ký thay đổi không được xóa.'); END""",
    "DROP TRIGGER IF EXISTS dondoc_audit_no_update",
    f"""CREATE TRIGGER dondoc_audit_no_update BEFORE UPDATE ON {TABLE}
        WHEN OLD.hash <> '' OR NEW.hash = '' OR NEW.seq IS NULL
          OR {" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _CONTENT_COLUMNS)}
        BEGIN SELECT RAISE(ABORT, 'Nhật ký thay đổi không được sửa.'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS dondoc_audit_no_delete",
    "DROP TRIGGER IF EXISTS dondoc_audit_no_update",
]


def install_guards(conn=None) -> None:
    """Create the triggers that refuse edits and deletions (idempotent)."""
    conn = conn or connection
    with conn.cursor() as cur:
        if conn.vendor == "postgresql":
            cur.execute(PG_INSTALL)
        elif conn.vendor == "sqlite":
            for sql in SQLITE_INSTALL:
                cur.execute(sql)


def remove_guards(conn=None) -> None:
    """Drop them: only for emptying a test database (Django's flush), never in operation."""
    conn = conn or connection
    with conn.cursor() as cur:
        if conn.vendor == "postgresql":
            cur.execute(PG_REMOVE)
        elif conn.vendor == "sqlite":
            for sql in SQLITE_REMOVE:
                cur.execute(sql)
