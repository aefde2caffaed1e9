"""Settings read from the environment: an empty DATABASE_URL means the default database, not a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, dondoc.settings as s; d = s.DATABASES['default'];"
    "print(json.dumps({'engine': d['ENGINE'], 'name': str(d['NAME']), 'replica': 'replica' in s.DATABASES}))"
)


def _settings_with(**env) -> dict:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    environ.update(env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_database_url_means_the_default_sqlite_file(value):
    got = _settings_with(DATABASE_URL=value, DATABASE_REPLICA_URL=value)
    assert got == {
        "engine": "django.db.backends.sqlite3",
        "name": str(ROOT / "data" / "dondoc.db"),
        "replica": False,
    }
    assert got == _settings_with()  # exactly as if unset


def test_a_database_url_still_picks_the_database():
    got = _settings_with(DATABASE_URL="postgres://postgres@127.0.0.1:5432/elsewhere")
    assert (got["engine"], got["name"]) == ("django.db.backends.postgresql", "elsewhere")


def test_manage_py_check_runs_with_an_empty_database_url():
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    environ["DATABASE_URL"] = ""
    r = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
