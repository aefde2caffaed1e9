"""A backup is one archive (.tar.gz): the whole database, the uploaded files (MEDIA_ROOT) and a manifest.

- SQLite: a consistent copy through SQLite's online backup API (safe while the site runs, WAL included).
- PostgreSQL: `pg_dump -Fc` (one consistent snapshot), restored with `pg_restore` in a single transaction.

Restoring goes into an empty database (no dondoc data: no units, users or tasks) and an empty MEDIA_ROOT, unless
forced; the archive's checksum and the row counts in its manifest are checked. Works on settings dicts (as in
settings.DATABASES) and the databases' own drivers, so it can restore into a database Django is not connected to.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = "dondoc-backup"
VERSION = 1
# Tables whose rows make a database "not empty", and whose counts the manifest keeps to check a restore.
COUNTED = (
    "units_unit",
    "units_user",
    "tasks_task",
    "reporting_progressreport",
    "indicators_value",
    "audit_auditentry",
)


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Vietnamese."""


@dataclass
class Manifest:
    engine: str
    database: str
    sha256: str
    media_files: int
    counts: dict
    made_at: str

    def as_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION, **self.__dict__}


def engine_of(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(engine)s.") % {"engine": engine})


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# -- the database's own drivers -------------------------------------------------------------------------------
def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _pg_connect(db: dict, name: str | None = None):
    import psycopg

    return psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        dbname=name or db["NAME"],
        autocommit=True,
    )


def counts(db: dict, sqlite_conn: sqlite3.Connection | None = None) -> dict:
    """Rows of the counted tables (absent tables: none)."""
    out = {}
    if engine_of(db) == "sqlite":
        conn = sqlite_conn or sqlite3.connect(db["NAME"])
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for t in COUNTED:
                out[t] = conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] if t in names else 0
        finally:
            if sqlite_conn is None:
                conn.close()
        return out
    with _pg_connect(db) as conn:
        names = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        for t in COUNTED:
            out[t] = conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] if t in names else 0
    return out


def is_empty(db: dict) -> bool:
    if engine_of(db) == "sqlite" and not Path(db["NAME"]).exists():
        return True
    c = counts(db)
    return not any(c[t] for t in ("units_unit", "units_user", "tasks_task"))


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file())


# -- backup ---------------------------------------------------------------------------------------------------
def backup(
    db: dict, out: Path, media_root: Path, *, sqlite_conn: sqlite3.Connection | None = None
) -> Manifest:
    """Write the archive to `out` (written beside it, then moved: never half-written)."""
    engine = engine_of(db)
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="dondoc-backup-") as tmp:
        if engine == "sqlite":
            dump = Path(tmp) / "db.sqlite3"
            src = sqlite_conn or sqlite3.connect(db["NAME"])
            dst = sqlite3.connect(dump)
            try:
                src.backup(dst)  # the online backup API: a consistent copy while others write
            finally:
                dst.close()
                if sqlite_conn is None:
                    src.close()
            table_counts = counts({"ENGINE": db["ENGINE"], "NAME": str(dump)})
        else:
            dump = Path(tmp) / "db.pgdump"
            args, env = _pg_env(db)
            run = subprocess.run(
                ["pg_dump", "-Fc", "--no-owner", "--no-privileges", *args, "-f", str(dump), db["NAME"]],
                env=env,
                capture_output=True,
                text=True,
            )
            if run.returncode != 0:
                raise BackupError(_("pg_dump không chạy được: %(stderr)s") % {"stderr": run.stderr.strip()})
            table_counts = counts(db)
        files = _media_files(media_root)
        manifest = Manifest(
            engine=engine,
            database=dump.name,
            sha256=_sha256(dump),
            media_files=len(files),
            counts=table_counts,
            made_at=datetime.now(UTC).isoformat(),
        )
        partial = out.with_name(out.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                data = json.dumps(manifest.as_json(), ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                info.mtime = int(datetime.now(UTC).timestamp())
                tar.addfile(info, io.BytesIO(data))
                tar.add(dump, arcname=dump.name)
                for f in files:
                    tar.add(f, arcname="media/" + f.relative_to(media_root).as_posix())
            os.replace(partial, out)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BackupError(
                _("Không ghi được tệp sao lưu %(out)s: %(strerror)s.")
                % {"out": out, "strerror": exc.strerror}
            ) from None
    return manifest


# -- restore --------------------------------------------------------------------------------------------------
def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError):
        raise BackupError(_("Tệp không phải bản sao lưu dondoc (thiếu manifest.json).")) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            _("Bản sao lưu theo định dạng %(get)s %(get2)s: không đọc được.")
            % {"get": manifest.get("format"), "get2": manifest.get("version")}
        )
    return manifest


def restore(archive: Path, db: dict, media_root: Path, *, force: bool = False) -> dict:
    """Restore the archive into the database `db` and `media_root`. Refuses a database or a MEDIA_ROOT that
    already holds data unless `force`. Returns the manifest."""
    engine = engine_of(db)
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("Không đọc được tệp sao lưu %(archive)s: %(exc)s.") % {"archive": archive, "exc": exc}
        ) from None
    with tar, tempfile.TemporaryDirectory(prefix="dondoc-restore-") as tmp:
        try:
            return _restore(tar, Path(tmp), engine, db, media_root, force)
        except (tarfile.TarError, EOFError, zlib.error) as exc:
            raise BackupError(
                _("Bản sao lưu %(archive)s hỏng hoặc không đầy đủ: %(exc)s.")
                % {"archive": archive, "exc": exc}
            ) from None


def _restore(tar: tarfile.TarFile, tmp: Path, engine: str, db: dict, media_root: Path, force: bool) -> dict:
    manifest = read_manifest(tar)
    if manifest["engine"] != engine:
        raise BackupError(
            _(
                "Bản sao lưu của cơ sở dữ liệu %(engine)s không khôi phục được vào %(engine2)s: đặt DATABASE_URL đúng loại."
            )
            % {"engine": manifest["engine"], "engine2": engine}
        )
    if not force and not is_empty(db):
        raise BackupError(
            _(
                "Cơ sở dữ liệu đích đã có dữ liệu (đơn vị, người dùng hoặc nhiệm vụ): không khôi phục đè. Dùng một cơ "
                "sở dữ liệu trống, hoặc thêm FORCE=1 (make restore) / --force nếu thật sự muốn thay toàn bộ."
            )
        )
    if not force and _media_files(media_root):
        raise BackupError(
            _("Thư mục tệp tải lên %(media_root)s đã có tệp: không khôi phục đè (thêm --force).")
            % {"media_root": media_root}
        )
    tar.extractall(tmp, filter="data")
    dump = Path(tmp) / manifest["database"]
    if not dump.exists() or _sha256(dump) != manifest["sha256"]:
        raise BackupError(_("Bản sao lưu hỏng: tệp cơ sở dữ liệu không khớp mã kiểm tra trong manifest."))
    if engine == "sqlite":
        target = Path(db["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        src, dst = sqlite3.connect(dump), sqlite3.connect(target)
        try:
            src.backup(dst)  # replaces the whole target database, pages and schema
        finally:
            src.close()
            dst.close()
    else:
        with _pg_connect(db) as conn:
            conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
            conn.execute("CREATE SCHEMA public")
        args, env = _pg_env(db)
        run = subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                "-d",
                db["NAME"],
                str(dump),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise BackupError(_("pg_restore không chạy được: %(stderr)s") % {"stderr": run.stderr.strip()})
    got = counts(db)
    if got != manifest["counts"]:
        raise BackupError(
            _("Sau khi khôi phục, số dòng không khớp bản sao lưu: %(got)s ≠ %(counts)s.")
            % {"got": got, "counts": manifest["counts"]}
        )
    media = Path(tmp) / "media"
    if force and media_root.exists():
        for f in _media_files(media_root):
            f.unlink()
    if media.exists():
        media_root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest
