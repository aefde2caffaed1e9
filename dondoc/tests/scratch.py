"""Scratch databases for tests that need a second (or third) database beside the test database: the exchange
between two instances, a backup restored into an empty database. A second SQLite file, or on PostgreSQL (when
DATABASE_URL names one, as in CI) a database created for the test and dropped after it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    )


@contextmanager
def scratch_database(tmp_path: Path, name: str):
    """A URL of an empty database (no tables) that lives for the block."""
    if not on_postgres():
        yield f"sqlite:///{tmp_path / (name + '.db')}"
        return
    base = os.environ["DATABASE_URL"]
    parts = urlsplit(base)
    db = f"h15_{name}_{secrets.token_hex(4)}"
    with _admin_connection(base) as conn:
        conn.execute(f'CREATE DATABASE "{db}"')
    try:
        yield urlunsplit(parts._replace(path="/" + db))
    finally:
        with _admin_connection(base) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [db])
            conn.execute(f'DROP DATABASE IF EXISTS "{db}"')


def manage(
    url: str, *args: str, media: str | None = None, check: bool = True, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run `manage.py ARGS` on the database at `url`, in a process of its own (as an operator would)."""
    env = {**os.environ, "DATABASE_URL": url, "DONDOC_ENV": "development", **(env or {})}
    if media:
        env["MEDIA_ROOT"] = media
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(args)} → {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result
