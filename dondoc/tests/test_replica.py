"""A real PostgreSQL streaming replica (shared/machines.md): a primary made with initdb, a standby copied from it
with pg_basebackup. dondoc run with DATABASE_URL on the primary and DATABASE_REPLICA_URL on the standby reads its
dashboards from the standby, gives the primary's figures there, and never writes to it (a hot standby refuses
every write). Skipped where PostgreSQL's server programs are not installed or cannot run as user postgres."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from dondoc.tests.scratch import manage

PGBIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*cmd: str) -> None:
    line = " ".join(f"'{c}'" for c in cmd)
    run = subprocess.run(["su", "postgres", "-c", line], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        raise RuntimeError(f"{line}: {run.stderr or run.stdout}")


@pytest.fixture
def streaming_pair():
    if not (PGBIN / "initdb").exists() or shutil.which("su") is None or os.geteuid() != 0:
        pytest.skip("PostgreSQL 15's initdb/pg_ctl (as user postgres) are not available here")
    base = Path(tempfile.mkdtemp(prefix="dondoc-replica-"))
    shutil.chown(base, "postgres")
    primary, standby = base / "primary", base / "standby"
    p_port, s_port = _free_port(), _free_port()
    started = []
    try:
        _as_postgres(str(PGBIN / "initdb"), "-D", str(primary), "-A", "trust", "-U", "postgres")
        with open(primary / "pg_hba.conf", "a") as f:
            f.write("host replication all 127.0.0.1/32 trust\n")
        _as_postgres(
            str(PGBIN / "pg_ctl"),
            "-D",
            str(primary),
            "-l",
            str(base / "primary.log"),
            "-w",
            "-o",
            f"-p {p_port} -k {base} -c listen_addresses=127.0.0.1",
            "start",
        )
        started.append(primary)
        _as_postgres(
            str(PGBIN / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(p_port),
            "-U",
            "postgres",
            "-D",
            str(standby),
            "-R",
            "-X",
            "stream",
        )
        _as_postgres(
            str(PGBIN / "pg_ctl"),
            "-D",
            str(standby),
            "-l",
            str(base / "standby.log"),
            "-w",
            "-o",
            f"-p {s_port} -k {base} -c listen_addresses=127.0.0.1",
            "start",
        )
        started.append(standby)
        _as_postgres(
            str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(p_port), "-U", "postgres", "dondoc"
        )
        yield (
            f"postgres://postgres@127.0.0.1:{p_port}/dondoc",
            f"postgres://postgres@127.0.0.1:{s_port}/dondoc",
        )
    except RuntimeError as exc:
        pytest.skip(f"could not start a streaming pair: {exc}")
    finally:
        for d in reversed(started):
            subprocess.run(
                ["su", "postgres", "-c", f"'{PGBIN / 'pg_ctl'}' -D '{d}' -m immediate -w stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


PROBE = """
import json, time
from django.db import connections
from django.test import Client
from dondoc.dbrouters import read_replica
from dondoc.tasks import selectors
from dondoc.tasks.models import Programme, Task
from dondoc.units.models import Unit, User
with connections["replica"].cursor() as c:
    c.execute("SELECT pg_is_in_recovery()")
    recovery = c.fetchone()[0]
unit, programme = Unit.objects.get(code="DEMO"), Programme.objects.get(code="NQ57")
with read_replica():
    on_replica = selectors.summary(unit, programme=programme).as_json()
    read_from = Task.objects.all().db
    Unit.objects.filter(code="DEMO").update(email="vanphong@demo.gov.vn")   # a write, inside: to the primary
on_primary = selectors.summary(unit, programme=programme).as_json()
seen = False
for _ in range(100):
    with read_replica():
        if Unit.objects.get(code="DEMO").email == "vanphong@demo.gov.vn":
            seen = True
            break
    time.sleep(0.05)
client = Client()
client.force_login(User.objects.get(username="lanhdao"))
page = client.get("/tong-quan/?programme=NQ57").status_code
api = client.get("/api/v1/summary?unit=DEMO&programme=NQ57").json()
print(json.dumps({"recovery": recovery, "read_from": read_from, "same": on_replica == on_primary,
                  "replicated": seen, "page": page, "api_total": api["total"], "total": on_primary["total"]}))
"""


def test_dashboards_read_from_a_real_streaming_replica_and_writes_go_to_the_primary(streaming_pair):
    primary, standby = streaming_pair
    manage(primary, "migrate", "--noinput", "-v0")
    manage(primary, "load_demo")
    out = manage(primary, "shell", "-v", "0", "-c", PROBE, env={"DATABASE_REPLICA_URL": standby})
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {
        "recovery": True,
        "read_from": "replica",
        "same": True,
        "replicated": True,
        "page": 200,
        "api_total": got["total"],
        "total": got["total"],
    }
    assert got["total"] > 0
