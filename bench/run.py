"""dondoc benchmarks at national scale (issue 7). `make bench` runs this file.

    .venv/bin/python bench/run.py [--db postgres|sqlite] [--scale S] [--quick] [--seed N] [--workers W]
    .venv/bin/python bench/run.py --scales 0.25,1,4     # each scale in turn, then the growth table

Builds (or reuses) a benchmark database of its own, seeded with `seed_national --scale S`, serves the app with
gunicorn on 127.0.0.1 (a free port) and measures:
  (a) the national summary + per-province breakdown at random as-of dates: in-process, over HTTP, and the
      same counts computed by DuckDB in memory over the same rows (counts asserted identical);
  (b) the leader dashboard page /tong-quan/ (else the unit page /don-vi/VN/);
  (c) report submissions from N concurrent clients through the reporting API;
  (d) import_tasks of a 50,000-row xlsx;
  (e) make_report DOCX for one province;
  (f) the peak RSS of one web worker;
  (g) make_brief DOCX: the brief of a meeting of one province's committee (set up once in the bench database).
Prints ONE table and appends it, with the machine, date, database and dataset size, to bench/RESULTS.md.
All traffic goes to 127.0.0.1 only, bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PY = sys.executable
PG_URL = "postgres://postgres@127.0.0.1:5432/dondoc_bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

# The targets of issue 17 (a national rollout on 2 cores and PostgreSQL, at S=1).
TARGETS = {
    "a_in": ("≤ 2× DuckDB", lambda r: r.get("ratio") is not None and r["ratio"] <= 2),
    "a_http": ("p95 ≤ 50 ms", lambda r: r.get("p95") is not None and r["p95"] <= 50),
    "b": ("p95 ≤ 150 ms", lambda r: r.get("p95") is not None and r["p95"] <= 150),
    "page": ("p95 ≤ 150 ms", lambda r: r.get("p95") is not None and r["p95"] <= 150),
    "c": (
        "≥ 500/s, p95 ≤ 100 ms, 0 lỗi, không mất",
        lambda r: (
            r.get("rate", 0) >= 500
            and r.get("p95", 1e9) <= 100
            and r.get("errors") == 0
            and r.get("lost") == 0
        ),
    ),
    "c_kill": (
        "mọi báo cáo đã xác nhận có trong CSDL, không trùng",
        lambda r: r.get("missing") == 0 and r.get("duplicated") == 0,
    ),
    "d": ("≥ 20.000 dòng/s", lambda r: r.get("rate", 0) >= 20000),
    "e": ("≤ 1 s", lambda r: r.get("seconds") is not None and r["seconds"] <= 1),
    "f": ("≤ 200 MB", lambda r: r.get("mb") is not None and r["mb"] <= 200),
    "g": ("≤ 2 s", lambda r: r.get("seconds") is not None and r["seconds"] <= 2),
}


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {msg}", flush=True)


# -- database ---------------------------------------------------------------------------------------------------
def prepare_database(args) -> str:
    """The benchmark database URL, seeded at the asked scale (reused when it already holds that dataset)."""
    if args.db == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL", PG_URL)
    else:
        (BENCH / ".data").mkdir(exist_ok=True)
        url = f"sqlite:///{BENCH / '.data' / f'bench-{args.scale:g}-{args.seed}.db'}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0"}
    marker = f"{args.scale:g}/{args.seed}"
    if args.db == "postgres":
        _pg_settings(url, jit=args.pg_jit)
    if not args.reseed and _seeded_marker(url) == marker:
        log(f"Dùng lại cơ sở dữ liệu đã sinh (quy mô {marker}).")
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        _nightly(args, env)
        return url
    _recreate(url)
    if args.db == "postgres":
        _pg_settings(url, jit=args.pg_jit)
    log("migrate …")
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    log(f"seed_national --scale {args.scale:g} --seed {args.seed} …")
    t0 = time.monotonic()
    subprocess.run(
        [PY, "manage.py", "seed_national", "--scale", str(args.scale), "--seed", str(args.seed)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    args.seed_seconds = time.monotonic() - t0
    _set_marker(url, marker)
    _nightly(args, env)
    return url


def _nightly(args, env) -> None:
    """What runs between a bulk load and the measures on a deployment: what cron runs every night
    (docs/operations.md), the month-end snapshots, then VACUUM ANALYZE (autovacuum's work, done now so that it
    does not run during the measures and the planner knows the new rows: the seed's own VACUUM can find rows
    not yet removable) and a CHECKPOINT."""
    log("refresh_snapshots (việc hằng đêm) …")
    t0 = time.monotonic()
    # 36 months rather than the deployment's default 24: the bench's as-of dates reach back to March 2025 and a
    # trend shows the 12 month-ends before them, so every point it can ask for is one a nightly run keeps.
    subprocess.run([PY, "manage.py", "refresh_snapshots", "--months", "36"], cwd=ROOT, env=env, check=True)
    args.nightly_seconds = time.monotonic() - t0
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        log("VACUUM ANALYZE, CHECKPOINT …")
        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            # Write out now what the load left in memory: a checkpoint spread over the next minutes would
            # otherwise run during the first measures (seen: dashboard p50 289 ms on the first run, 218 after).
            try:
                conn.execute("CHECKPOINT")
            except psycopg.Error as exc:
                log(f"không CHECKPOINT được: {exc}")


def _pg_settings(url: str, *, jit: bool) -> None:
    """The database-level settings docs/deploy-national.md recommends: JIT off (its compile time, ~0.5 s,
    dwarfs these short aggregate queries). --pg-jit keeps PostgreSQL's default, for a before/after."""
    name = url.rsplit("/", 1)[1]
    try:
        with _pg_admin(url) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                return
            conn.execute(f'ALTER DATABASE "{name}" SET jit = {"on" if jit else "off"}')
    except Exception as exc:
        log(f"không đặt được jit: {exc}")


def pg_available() -> bool:
    try:
        with _pg_admin(os.environ.get("BENCH_DATABASE_URL", PG_URL)):
            return True
    except Exception:
        return False


def _pg_admin(url: str):
    import psycopg

    base = url.rsplit("/", 1)[0] + "/postgres"
    return psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True)


def _recreate(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    name = url.rsplit("/", 1)[1]
    with _pg_admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _seeded_marker(url: str) -> str | None:
    if url.startswith("sqlite"):
        p = Path(url.split("sqlite:///", 1)[1] + ".seeded")
        return p.read_text().strip() if p.exists() else None
    name = url.rsplit("/", 1)[1]
    try:
        with _pg_admin(url) as conn:
            row = conn.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
    except Exception:
        return None
    return row[0] if row else None


def _set_marker(url: str, marker: str) -> None:
    if url.startswith("sqlite"):
        Path(url.split("sqlite:///", 1)[1] + ".seeded").write_text(marker)
        return
    name = url.rsplit("/", 1)[1]
    with _pg_admin(url) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")


# -- the app under gunicorn -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving dondoc on 127.0.0.1; samples the RSS of its workers while it runs."""

    def __init__(self, url: str, workers: int, app: str = "dondoc.wsgi:application"):
        self.port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "DB_CONN_MAX_AGE": "600"}
        self.proc = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                app,
                "--pythonpath",
                str(BENCH),
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        self.peak_rss = 0
        self._stop = threading.Event()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn không khởi động được")
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        import psutil

        master = psutil.Process(self.proc.pid)
        while not self._stop.is_set():
            try:
                for child in master.children():
                    self.peak_rss = max(self.peak_rss, child.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.1)

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, port: int, headers: dict[str, str]):
        import http.client

        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = headers

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        h = {**self.headers, **(headers or {})}
        if body is not None:
            h["Content-Type"] = "application/json"
        t0 = time.perf_counter()
        self.conn.request(method, path, body=body, headers=h)
        resp = self.conn.getresponse()
        data = resp.read()
        return resp.status, data, (time.perf_counter() - t0) * 1000


# -- the benchmarks --------------------------------------------------------------------------------------------
def random_dates(rng, n: int) -> list[date]:
    first, last = date(2025, 3, 1), date(2026, 12, 31)
    return [first + timedelta(days=rng.randrange((last - first).days + 1)) for _ in range(n)]


def bench_summary_inprocess(ctx, dates) -> tuple[dict, dict]:
    from dondoc.tasks import selectors

    times, results = [], {}
    for d in dates:
        t0 = time.perf_counter()
        s = selectors.summary(ctx.root, programme=ctx.programme, as_of=d, scope=ctx.scope)
        rows = selectors.child_breakdown(ctx.root, programme=ctx.programme, as_of=d, scope=ctx.scope)
        times.append((time.perf_counter() - t0) * 1000)
        results[d] = (
            s.counts.as_dict(),
            {("0" if u.pk == ctx.root.pk else str(u.pk)): c.as_dict() for u, c in rows},
        )
    return {"p50": pct(times, 50), "p95": pct(times, 95), "n": len(times)}, results


def rows_touched(ctx, dates) -> dict:
    """What the kept counts read for the national summary + 34 provinces as of each date (not a time): the kept
    rows of the nearest kept day, and the tasks of the correction (those whose status can change between that
    day and the date), beside every task of the programme (what a recount reads)."""
    from django.db.models import Q

    from dondoc.tasks import snapshots
    from dondoc.tasks.models import StatusSnapshot, Task

    kept = snapshots.kept_days(ctx.programme)
    total = Task.objects.filter(programme=ctx.programme).count()
    if not kept:
        return {"tasks": total, "kept_days": 0}
    window, rows = [], []
    for d in dates:
        k = snapshots._nearest(kept, d)
        rows.append(
            StatusSnapshot.objects.filter(programme=ctx.programme, day=k)
            .filter(Q(unit=ctx.root) | Q(unit__parent=ctx.root))
            .count()
        )
        lo, hi = min(d, k), max(d, k)
        window.append(
            0
            if d == k
            else Task.objects.filter(programme=ctx.programme).filter(snapshots._window([(lo, hi)])).count()
        )
    return {
        "tasks": total,
        "kept_days": len(kept),
        "rows_p50": pct(rows, 50),
        "window_p50": pct(window, 50),
        "window_max": max(window),
    }


def bench_duckdb(ctx, dates, expected) -> dict:
    import duckdb
    from duckdb_counts import DuckCounts

    t0 = time.perf_counter()
    duck = DuckCounts(duckdb, ctx.programme.pk, ctx.root.path)
    load_s = time.perf_counter() - t0
    times, mismatches = [], []
    for d in dates:
        t1 = time.perf_counter()
        total, by_seg = duck.counts(d)
        times.append((time.perf_counter() - t1) * 1000)
        exp_total, exp_seg = expected[d]
        if total != exp_total:
            mismatches.append(f"{d}: tổng {total} ≠ {exp_total}")
        for seg, counts in exp_seg.items():
            got = by_seg.get(seg, dict.fromkeys(counts, 0))
            if got != counts:
                mismatches.append(f"{d} nhánh {seg}: {got} ≠ {counts}")
    return {
        "p50": pct(times, 50),
        "p95": pct(times, 95),
        "load": load_s,
        "rows": duck.rows,
        "mismatches": mismatches,
    }


def bench_http_get(port, headers, paths, warm=8) -> dict:
    """Sequential GETs on one keep-alive connection, after warming every worker up."""
    c = Client(port, headers)
    for p in (paths * warm)[:warm]:
        Client(port, headers).request("GET", p)
    times, errors = [], 0
    for p in paths:
        status_code, _body, ms = c.request("GET", p)
        if status_code != 200:
            errors += 1
        times.append(ms)
    return {"p50": pct(times, 50), "p95": pct(times, 95), "n": len(times), "errors": errors}


def bench_submissions(
    ctx,
    port,
    n_clients: int,
    total: int,
    time_limit: float,
    mode: str = "one",
    server_pid: int = 0,
    kill_at: float | None = None,
) -> dict:
    """Each submission, by the unit's reporter with an Idempotency-Key: one POST that saves and sends the report
    (mode "one", what the phone form and other systems use), or PUT the draft (version 0) then POST …/submit
    (mode "two"). A client whose connection breaks sends the same job again with the same key (as a phone
    does), at most 3 times. `kill_at`: after that share of the jobs is acknowledged, one gunicorn worker is
    killed with SIGKILL (gunicorn starts another); the result then says whether every acknowledged report is in
    the database once."""
    import json
    import queue

    from submissions import prepare_submissions

    plan, period_ids = prepare_submissions(ctx, total)
    if not plan:
        return {"skip": "không có đơn vị báo cáo nào có nhiệm vụ"}
    work: queue.Queue = queue.Queue()
    for job in plan:
        work.put(job)
    lock = threading.Lock()
    times, acked, errors, items_acked = [], [], [], 0
    deadline = time.monotonic() + time_limit
    killed: list[int] = []
    retries = 0

    def maybe_kill() -> None:
        import signal

        import psutil

        if kill_at is None or killed or len(acked) < kill_at * len(plan):
            return
        workers = psutil.Process(server_pid).children()
        if workers:
            killed.append(workers[0].pid)
            os.kill(workers[0].pid, signal.SIGKILL)

    def client_loop():
        nonlocal items_acked, retries
        c = Client(port, {})
        while time.monotonic() < deadline:
            try:
                job = work.get_nowait()
            except queue.Empty:
                return
            with lock:
                maybe_kill()
            c.headers = {"Authorization": f"Bearer {job['token']}"}
            base = f"/api/v1/reporting/periods/{job['period']}/reports/{job['unit']}"
            body = json.dumps({"version": 0, "items": job["items"]}).encode()
            t0 = time.perf_counter()
            try:
                if mode == "one":
                    s1, b1 = 200, b""
                    s2, b2, _ = c.request("POST", base, body, {"Idempotency-Key": job["key"]})
                else:
                    s1, b1, _ = c.request("PUT", base, body)
                    s2, b2, _ = c.request("POST", base + "/submit", b"{}", {"Idempotency-Key": job["key"]})
            except Exception as exc:
                c = Client(port, {})
                with lock:
                    job["tries"] = job.get("tries", 0) + 1
                    if job["tries"] <= 3:
                        retries += 1
                        work.put(job)  # the same Idempotency-Key: sent again, never saved twice
                    else:
                        errors.append(f"{job['unit']}: {exc}")
                continue
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                times.append(ms)
                if s1 == 200 and s2 == 200:
                    acked.append(job)
                    items_acked += len(job["items"])
                else:
                    errors.append(f"{job['unit']}: {s1} {b1[:120]!r} / {s2} {b2[:120]!r}")

    threads = [threading.Thread(target=client_loop) for _ in range(n_clients)]
    cpu0 = cpu_by_role(server_pid)
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    cpu1 = cpu_by_role(server_pid)
    from django.db.models import Count

    from dondoc.reporting.models import ProgressReport, ReportItem

    reports_db = ProgressReport.objects.filter(period_id__in=period_ids, status="submitted").count()
    items_db = ReportItem.objects.filter(report__period_id__in=period_ids, report__status="submitted").count()
    in_db = {
        (r["period_id"], r["unit__code"]): r["n"]
        for r in ProgressReport.objects.filter(period_id__in=period_ids, status="submitted")
        .values("period_id", "unit__code")
        .annotate(n=Count("id"))
    }
    missing = sum(1 for j in acked if (j["period"], j["unit"]) not in in_db)
    duplicated = sum(n - 1 for n in in_db.values() if n > 1)
    return {
        "killed": killed,
        "retries": retries,
        "missing": missing,
        "duplicated": duplicated,
        "rate": len(acked) / elapsed if elapsed else 0,
        "p50": pct(times, 50),
        "p95": pct(times, 95),
        "n": len(times),
        "acked": len(acked),
        "errors": len(errors),
        "first_errors": errors[:3],
        "db_reports": reports_db,
        "db_items": items_db,
        "items_acked": items_acked,
        "lost": abs(reports_db - len(acked)) + abs(items_db - items_acked),
        "clients": n_clients,
        # CPU milliseconds per acknowledged submission, by who spent them: where the 2 cores go.
        "cpu_ms": {k: (cpu1[k] - cpu0[k]) * 1000 / max(1, len(acked)) for k in cpu1},
    }


def cpu_by_role(server_pid: int) -> dict[str, float]:
    """CPU seconds (user + system) used so far by the web workers, PostgreSQL's processes and this process
    (the clients)."""
    import psutil

    def cpu(p) -> float:
        try:
            t = p.cpu_times()
            return t.user + t.system
        except psutil.Error:
            return 0.0

    web = sum(cpu(c) for c in psutil.Process(server_pid).children())
    pg = sum(cpu(p) for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("postgres"))
    return {"web": web, "postgres": pg, "clients": cpu(psutil.Process())}


def bench_import(ctx, rows: int) -> dict:
    from django.core.management import call_command
    from import_file import cleanup_programme, write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "nhiem-vu.xlsx"
        t0 = time.perf_counter()
        code = write_xlsx(path, rows, ctx)
        gen = time.perf_counter() - t0
        out = open(os.devnull, "w")
        t1 = time.perf_counter()
        try:
            call_command("import_tasks", str(path), "--programme", code, stdout=out, stderr=out)
        except SystemExit as exc:
            raise RuntimeError(f"import_tasks thoát với mã {exc.code}") from None
        finally:
            seconds = time.perf_counter() - t1
            cleanup_programme(code)
    return {"rate": rows / seconds, "seconds": seconds, "rows": rows, "gen": gen}


def bench_make_report(ctx, province) -> dict:
    from django.core.management import call_command, get_commands

    if "make_report" not in get_commands():
        return {"skip": "chưa có lệnh make_report (dondoc/exports)"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bao-cao.docx"
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            call_command(
                "make_report", "--unit", province.code, "--programme", ctx.programme.code, "--format", "docx",
                "--out", str(out), "--as-of", "2026-06-30", stdout=open(os.devnull, "w"),
            )  # fmt: skip
            times.append(time.perf_counter() - t0)
        size = out.stat().st_size
    return {"seconds": min(times), "first": times[0], "size": size}


def bench_make_brief(ctx, province) -> dict:
    """(g) the meeting brief of one province (make_brief): a committee and two meetings of the province are set up
    once (the national generator has none), then the brief of the second is made as of 30/06/2026."""
    from django.core.management import call_command, get_commands

    if "make_brief" not in get_commands():
        return {"skip": "chưa có lệnh make_brief (dondoc/exports)"}
    from dondoc.committees import actions as committee_actions
    from dondoc.committees.models import Committee

    committee = Committee.objects.filter(unit=province, name__startswith="Ban Chỉ đạo (đo hiệu năng)").first()
    if committee is None:
        committee = committee_actions.create_committee(
            province, f"Ban Chỉ đạo (đo hiệu năng) {province.name}", programme=ctx.programme
        )
    meetings = {m.number: m for m in committee.meetings.all()}
    first = meetings.get(1) or committee_actions.create_meeting(
        committee, held_on=date(2026, 3, 31), number=1
    )
    second = meetings.get(2) or committee_actions.create_meeting(
        committee, held_on=date(2026, 6, 30), number=2
    )
    assert second.previous_id == first.pk  # create_meeting links the meeting before
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bao-cao-phien-hop.docx"
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            call_command(
                "make_brief", "--meeting", str(second.pk), "--out", str(out), stdout=open(os.devnull, "w")
            )
            times.append(time.perf_counter() - t0)
        size = out.stat().st_size
    return {"seconds": min(times), "first": times[0], "size": size}


def bench_excel(url: str, unit_code: str) -> dict:
    """make_report --format xlsx of one unit's subtree in a process of its own, its peak RSS sampled (psutil)."""
    import psutil

    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "danh-muc.xlsx"
        cmd = [PY, "manage.py", "make_report", "--unit", unit_code, "--programme", "NQ57", "--format", "xlsx"]
        cmd += ["--out", str(out), "--as-of", "2026-06-30"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                peak = max(peak, ps.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.read().decode()[-300:])
        size = out.stat().st_size
    return {"seconds": seconds, "mb": peak / 2**20, "size": size}


# -- context ---------------------------------------------------------------------------------------------------
class Ctx:
    pass


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dondoc.settings")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()


def make_context() -> Ctx:
    from dondoc.tasks.models import Programme
    from dondoc.units.actions import issue_token
    from dondoc.units.models import Membership, Unit, User
    from dondoc.units.scope import Scope

    ctx = Ctx()
    ctx.root = Unit.objects.get(code="VN")
    ctx.programme = Programme.objects.get(code="NQ57")
    leader = User.objects.filter(username="vn.lanhdao").first()
    if leader is None:
        leader = User.objects.create(username="vn.lanhdao", full_name="Lãnh đạo Trung ương")
        Membership.objects.get_or_create(user=leader, unit=ctx.root, role=Membership.Role.LEADER)
    ctx.leader = leader
    ctx.scope = Scope.for_user(leader)
    ctx.token = issue_token(leader, name="bench")
    ctx.session = session_cookie(leader)
    return ctx


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.save()
    return f"{settings.SESSION_COOKIE_NAME}={s.session_key}"


def dataset_size() -> dict:
    from django.apps import apps

    from dondoc.tasks.models import DeadlineExtension, Task
    from dondoc.units.models import Unit, User

    out = {
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "tasks": Task.objects.filter(programme__code="NQ57").count(),
        "extensions": DeadlineExtension.objects.count(),
    }
    try:
        out["updates"] = apps.get_model("reporting.ReportItem").objects.count()
    except LookupError:
        out["updates"] = None
    try:
        out["values"] = apps.get_model("indicators.Value").objects.count()
    except LookupError:
        out["values"] = None
    return out


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    ram = psutil.virtual_memory().total / 2**30
    return f"{cpu}, {os.cpu_count()} lõi, {ram:.0f} GB RAM, {platform.system()} {platform.release()}"


def db_version() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            return f"PostgreSQL {cur.fetchone()[0]}"
        cur.execute("select sqlite_version()")
        return f"SQLite {cur.fetchone()[0]}"


# -- main --------------------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    ap.add_argument(
        "--scale", type=float, default=None, help="mặc định 1 (postgres), 0.03 (sqlite), 0.05 (--quick)"
    )
    ap.add_argument("--seed", type=int, default=57)
    ap.add_argument("--quick", action="store_true", help="ít lần đo hơn, quy mô 0.05 nếu không ghi --scale")
    ap.add_argument("--workers", type=int, default=4, help="số tiến trình gunicorn")
    ap.add_argument("--clients", type=int, default=16, help="số máy khách đồng thời ở phép đo (c)")
    ap.add_argument(
        "--submit-mode",
        choices=["one", "two"],
        default="one",
        help="(c): một POST lưu và gửi (mặc định) hay PUT nháp rồi POST …/submit",
    )
    ap.add_argument("--pg-jit", action="store_true", help="để PostgreSQL bật JIT (mặc định của PostgreSQL)")
    ap.add_argument("--only", default="", help="chỉ đo các mục này, ví dụ 'a,b'")
    ap.add_argument("--reseed", action="store_true", help="xóa và sinh lại cơ sở dữ liệu đo")
    ap.add_argument("--no-record", action="store_true", help="không ghi vào bench/RESULTS.md")
    ap.add_argument("--label", default="", help="ghi chú thêm cho lần chạy (ví dụ: 'trước khi thêm chỉ mục')")
    ap.add_argument(
        "--scales",
        default="",
        help="đo lần lượt ở các quy mô này (ví dụ '0.25,1,4'; mỗi quy mô sinh lại dữ liệu) rồi in bảng tăng trưởng",
    )
    ap.add_argument("--json", default="", help="ghi các số đo ra tệp JSON này")
    args = ap.parse_args()
    if args.scales:
        return growth(args)
    if args.db == "postgres" and not pg_available():
        log(
            f"Không kết nối được PostgreSQL ({os.environ.get('BENCH_DATABASE_URL', PG_URL)}): đo trên SQLite (--db sqlite)."
        )
        args.db = "sqlite"
    if args.scale is None:
        args.scale = 0.05 if args.quick else (1.0 if args.db == "postgres" else 0.03)
    args.seed_seconds = None
    import random

    rng = random.Random(args.seed)
    n_dates = 20 if args.quick else 60
    url = prepare_database(args)
    setup_django(url)
    ctx = make_context()
    size = dataset_size()
    log(f"Dữ liệu: {size}")
    rows: list[tuple[str, str, str, str]] = []  # (measure, result, target, verdict)
    results: dict[str, dict] = {}
    notes: list[str] = []

    def verdict(key: str, r: dict) -> tuple[str, str]:
        if key not in TARGETS:
            return "", ""
        text, ok = TARGETS[key]
        return text, ("đạt" if ok(r) else "CHƯA ĐẠT")

    def want(key: str) -> bool:
        return not args.only or key in args.only.split(",")

    # (a) in-process and DuckDB
    dates = random_dates(rng, n_dates)
    duck: dict = {}
    f: dict = {}
    if want("a"):
        log("(a) tổng hợp toàn quốc trong tiến trình …")
        bench_summary_inprocess(ctx, dates[:3])  # warm-up
        a_in, expected = bench_summary_inprocess(ctx, dates)
        results["a_in"] = a_in
        rows.append(
            (
                "(a) summary + child_breakdown VN, trong tiến trình",
                f"p50 {a_in['p50']:.0f} ms · p95 {a_in['p95']:.0f} ms ({a_in['n']} ngày)",
                "",
                "",
            )
        )
        touched = rows_touched(ctx, dates)
        results["a_rows"] = touched
        if touched.get("kept_days"):
            rows.append(
                (
                    "(a) dòng đọc cho mỗi lần tổng hợp (không phải thời gian)",
                    f"{touched['rows_p50']:.0f} dòng số liệu chốt + nhiệm vụ hiệu chỉnh p50 {touched['window_p50']:.0f}; "
                    f"nhiều nhất {touched['window_max']:,} trên {touched['tasks']:,} nhiệm vụ "
                    f"({touched['kept_days']} ngày chốt)".replace(",", "."),
                    "",
                    "",
                )
            )
        log("(a) DuckDB …")
        try:
            duck = bench_duckdb(ctx, dates, expected)
            results["a_duck"] = duck
            ratio = a_in["p50"] / duck["p50"] if duck["p50"] else float("nan")
            a_in["ratio"] = ratio
            t, v = verdict("a_in", a_in)
            i = next(j for j, r in enumerate(rows) if r[0].startswith("(a) summary + child_breakdown"))
            rows[i] = (rows[i][0], rows[i][1] + f"; {ratio:.1f}× DuckDB", t, v)
            same = (
                "số liệu trùng khớp"
                if not duck["mismatches"]
                else f"LỆCH {len(duck['mismatches'])}: {duck['mismatches'][:2]}"
            )
            rows.append(
                (
                    "(a) cùng phép đếm bằng DuckDB trong bộ nhớ",
                    f"p50 {duck['p50']:.1f} ms · p95 {duck['p95']:.1f} ms; dondoc/DuckDB = {ratio:.1f}× ({same}; nạp {duck['rows']:,} dòng trong {duck['load']:.1f} s)",
                    "",
                    "đạt" if not duck["mismatches"] else "LỆCH",
                )
            )
        except Exception as exc:
            rows.append(("(a) DuckDB", f"lỗi: {exc}", "", "LỖI"))
            duck = {"mismatches": [str(exc)]}

    server = Server(url, args.workers) if any(map(want, "abcf")) else None
    try:
        auth = {"Authorization": f"Bearer {ctx.token}"}
        log("(a) qua HTTP …")
        unit_paths = [
            f"/don-vi/VN/?programme=NQ57&as_of={d.isoformat()}" for d in dates[: max(10, n_dates // 4)]
        ]
        if want("a"):
            paths = [f"/api/v1/summary?unit=VN&programme=NQ57&as_of={d.isoformat()}" for d in dates]
            a_http = bench_http_get(server.port, auth, paths)
            results["a_http"] = a_http
            t, v = verdict("a_http", a_http)
            rows.append(
                (
                    f"(a) GET /api/v1/summary?unit=VN (gunicorn {args.workers} tiến trình, Bearer)",
                    f"p50 {a_http['p50']:.0f} ms · p95 {a_http['p95']:.0f} ms · lỗi {a_http['errors']}",
                    t,
                    v,
                )
            )
            a_page = bench_http_get(server.port, {"Cookie": ctx.session}, unit_paths)
            rows.append(
                (
                    "(a) trang đơn vị /don-vi/VN/ (tổng hợp + 34 tỉnh) qua HTTP",
                    f"p50 {a_page['p50']:.0f} ms · p95 {a_page['p95']:.0f} ms · lỗi {a_page['errors']}",
                    "",
                    "",
                )
            )

        # (b) the leader dashboard
        if want("b"):
            log("(b) trang tổng quan …")
            from django.urls import NoReverseMatch, reverse

            # Half the dates (30; 10 with --quick): a p95 over 15 requests was their maximum. Every worker is
            # warmed first on other dates, so no measured request pays a worker's first page.
            n_b = max(10, n_dates // 2)
            try:
                home = reverse("dashboards:home")
                b_paths = [f"{home}?unit=VN&programme=NQ57&as_of={d.isoformat()}" for d in dates[:n_b]]
                warm_paths = [
                    f"{home}?unit=VN&programme=NQ57&as_of={d.isoformat()}"
                    for d in random_dates(random.Random(args.seed + 1), 4 * args.workers)
                ]
                name = f"(b) trang tổng quan {home} của lãnh đạo VN ({len(b_paths)} ngày)"
            except NoReverseMatch:
                b_paths = warm_paths = unit_paths
                name = "(b) trang đơn vị /don-vi/VN/ (chưa có /tong-quan/)"
            for p in warm_paths:
                Client(server.port, {"Cookie": ctx.session}).request("GET", p)
            b = bench_http_get(server.port, {"Cookie": ctx.session}, b_paths, warm=0)
            results["b"] = b
            t, v = verdict("b", b)
            rows.append((name, f"p50 {b['p50']:.0f} ms · p95 {b['p95']:.0f} ms · lỗi {b['errors']}", t, v))

        # (b) the other pages of issue 17: a province's unit page and task list, the completeness page
        if want("b"):
            from dondoc.units.models import Unit as _Unit

            prov = _Unit.objects.filter(parent=ctx.root).order_by("code").first()
            pages = {
                f"/don-vi/{prov.code}/ (một tỉnh)": [
                    f"/don-vi/{prov.code}/?programme=NQ57&as_of={d.isoformat()}" for d in dates[:20]
                ],
                f"/nhiem-vu/?unit={prov.code} (danh mục một tỉnh)": [
                    f"/nhiem-vu/?programme=NQ57&unit={prov.code}&as_of={d.strftime('%d/%m/%Y')}"
                    for d in dates[:20]
                ],
                "/bao-cao/day-du/ (đầy đủ, kịp thời)": ["/bao-cao/day-du/"] * 20,
            }
            for label, ps in pages.items():
                r = bench_http_get(server.port, {"Cookie": ctx.session}, ps, warm=2 * args.workers)
                results[f"page {label}"] = r
                t, v = verdict("page", r)
                rows.append(
                    (
                        f"(b) {label}",
                        f"p50 {r['p50']:.0f} ms · p95 {r['p95']:.0f} ms · lỗi {r['errors']}",
                        t,
                        v,
                    )
                )

        # (c) concurrent submissions
        if want("c"):
            log("(c) gửi báo cáo đồng thời …")
            if args.db == "sqlite":
                c_total, c_time = (150, 30) if args.quick else (400, 60)
            else:
                c_total, c_time = (300, 30) if args.quick else (3000, 90)
            try:
                import dondoc.reporting.api  # noqa: F401

                c = bench_submissions(
                    ctx, server.port, args.clients, c_total, c_time, args.submit_mode, server.proc.pid
                )
            except ModuleNotFoundError:
                c = {"skip": "chưa có API báo cáo (dondoc/reporting/api.py)"}
            results["c"] = c
            if "skip" in c:
                rows.append(("(c) gửi báo cáo đồng thời", f"bỏ qua: {c['skip']}", TARGETS["c"][0], "—"))
            else:
                t, v = verdict("c", c)
                how = "một POST lưu và gửi" if args.submit_mode == "one" else "PUT nháp + POST gửi"
                rows.append((
                    f"(c) gửi báo cáo ({how}), {c['clients']} máy khách đồng thời",
                    f"{c['rate']:.0f} báo cáo/s · p50 {c['p50']:.0f} ms · p95 {c['p95']:.0f} ms · lỗi {c['errors']} · "
                    f"ghi nhận {c['acked']} = trong CSDL {c['db_reports']} báo cáo, {c['db_items']}/{c['items_acked']} dòng",
                    t, v,
                ))  # fmt: skip
                if c["first_errors"]:
                    notes.append("Lỗi (c): " + " | ".join(c["first_errors"]))
                # The same with a worker killed (SIGKILL) halfway: every acknowledged report in once.
                k_total = 300 if args.quick else 1500
                ck = bench_submissions(
                    ctx,
                    server.port,
                    args.clients,
                    k_total,
                    c_time,
                    args.submit_mode,
                    server.proc.pid,
                    kill_at=0.5,
                )
                results["c_kill"] = ck
                t, v = verdict("c_kill", ck)
                rows.append((
                    f"(c) như trên, một tiến trình gunicorn bị kill -9 giữa chừng (pid {ck['killed']})",
                    f"{ck['rate']:.0f} báo cáo/s · ghi nhận {ck['acked']} · thiếu trong CSDL {ck['missing']} · "
                    f"trùng {ck['duplicated']} · gửi lại {ck['retries']} · lỗi {ck['errors']}",
                    t, v,
                ))  # fmt: skip
                cpu = c["cpu_ms"]
                db_part = f"PostgreSQL {cpu['postgres']:.1f} ms, " if args.db == "postgres" else ""
                notes.append(
                    "CPU cho mỗi báo cáo gửi ở (c): "
                    + f"tiến trình web {cpu['web']:.1f} ms{' (cả SQLite)' if not db_part else ''}, {db_part}"
                    + f"máy khách đo {cpu['clients']:.1f} ms — tổng {sum(cpu.values()):.1f} ms trên 2 lõi "
                    + f"(trần ≈ {2000 / max(0.1, sum(cpu.values())):.0f} báo cáo/s)"
                )
        # (f) memory of one worker, over everything above
        if server is not None:
            f = {"mb": server.peak_rss / 2**20}
    finally:
        if server is not None:
            server.stop()

    # (d) import
    if want("d"):
        log("(d) import_tasks 50.000 dòng …")
        d_rows = 5000 if args.quick else 50_000
        try:
            d = bench_import(ctx, d_rows)
            t, v = verdict("d", d)
            rows.append(
                (
                    f"(d) import_tasks tệp xlsx {d_rows:,} dòng".replace(",", "."),
                    f"{d['rate']:,.0f} dòng/s ({d['seconds']:.1f} s)".replace(",", "."),
                    t,
                    v,
                )
            )
        except Exception as exc:
            rows.append(("(d) import_tasks", f"lỗi: {str(exc)[:200]}", TARGETS["d"][0], "LỖI"))
    # (e) DOCX
    if want("e"):
        log("(e) make_report DOCX …")
        from dondoc.units.models import Unit

        province = Unit.objects.filter(parent=ctx.root).order_by("code").first()
        try:
            e = bench_make_report(ctx, province)
        except (Exception, SystemExit) as exc:
            e = {"skip": f"lỗi: {str(exc)[:200]}"}
        if "skip" in e:
            rows.append(("(e) make_report DOCX một tỉnh", e["skip"], TARGETS["e"][0], "—"))
        else:
            t, v = verdict("e", e)
            rows.append(
                (
                    f"(e) make_report DOCX tỉnh {province.code}",
                    f"{e['seconds']:.2f} s (lần đầu {e['first']:.2f} s, {e['size'] / 1024:.0f} KB)",
                    t,
                    v,
                )
            )
    # (g) the meeting brief
    if want("g"):
        log("(g) make_brief DOCX …")
        from dondoc.units.models import Unit

        province = Unit.objects.filter(parent=ctx.root).order_by("code").first()
        try:
            g = bench_make_brief(ctx, province)
        except (Exception, SystemExit) as exc:
            g = {"skip": f"lỗi: {str(exc)[:200]}"}
        if "skip" in g:
            rows.append(("(g) make_brief DOCX một tỉnh", g["skip"], TARGETS["g"][0], "—"))
        else:
            t, v = verdict("g", g)
            rows.append(
                (
                    f"(g) make_brief DOCX phiên họp của tỉnh {province.code}",
                    f"{g['seconds']:.2f} s (lần đầu {g['first']:.2f} s, {g['size'] / 1024:.0f} KB)",
                    t,
                    v,
                )
            )
    # (e) the national Excel export: constant memory (one province for comparison)
    if want("e"):
        log("(e) Excel toàn quốc …")
        try:
            from dondoc.tasks.models import Task as _Task

            province = Unit.objects.filter(parent=ctx.root).order_by("code").first()
            small = bench_excel(url, province.code)
            big = bench_excel(url, "VN")
            n_all = _Task.objects.filter(programme=ctx.programme).count()
            n_small = _Task.objects.filter(
                programme=ctx.programme, lead__path__startswith=province.path
            ).count()
            results["e_xlsx"] = {"vn": big, "province": small}
            rows.append((
                f"(e) Excel danh mục toàn quốc ({n_all:,} nhiệm vụ; tỉnh {province.code}: {n_small:,})".replace(",", "."),
                f"{big['seconds']:.1f} s, RSS cao nhất {big['mb']:.0f} MB, {big['size'] / 2**20:.1f} MB "
                f"(một tỉnh: {small['seconds']:.1f} s, {small['mb']:.0f} MB)",
                "bộ nhớ không đổi theo số nhiệm vụ",
                "đạt" if big["mb"] <= small["mb"] * 1.5 else "CHƯA ĐẠT",
            ))  # fmt: skip
        except Exception as exc:
            rows.append(("(e) Excel toàn quốc", f"lỗi: {str(exc)[:200]}", "", "LỖI"))
    if f:
        t, v = verdict("f", f)
        rows.append(
            ("(f) RSS cao nhất của một tiến trình web (gunicorn) trong (a)–(c)", f"{f['mb']:.0f} MB", t, v)
        )

    # the table
    head = (
        f"### {datetime.now():%d/%m/%Y %H:%M} (giờ Việt Nam) · {db_version()} · quy mô {args.scale:g} (hạt giống {args.seed})"
        + (
            " · JIT bật"
            if args.db == "postgres" and args.pg_jit
            else (" · jit=off" if args.db == "postgres" else "")
        )
        + (f" · {args.label}" if args.label else "")
    )
    meta = [
        f"- Máy: {machine()}; gunicorn {args.workers} tiến trình; Python {platform.python_version()}",
        "- Dữ liệu: "
        + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in size.items() if v is not None)
        + (f"; sinh dữ liệu {args.seed_seconds:.0f} s" if args.seed_seconds else "")
        + (
            f"; chốt số liệu cuối tháng (refresh_snapshots) {args.nightly_seconds:.0f} s"
            if getattr(args, "nightly_seconds", None)
            else ""
        ),
    ]
    table = ["| phép đo | kết quả | mục tiêu | |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join([head, "", *meta, *(f"- {n}" for n in notes), "", *table, ""])
    print()
    print(text)
    if not args.no_record:
        with open(BENCH / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    if args.json:
        import json

        Path(args.json).write_text(
            json.dumps(
                {"scale": args.scale, "seed_seconds": args.seed_seconds, "size": size, "results": results},
                default=str,
            )
        )
    return 1 if duck.get("mismatches") else 0


def growth(args) -> int:
    """Run the whole bench at each scale of --scales (one subprocess each, reseeding), then print one table of
    the figures that must not grow with the data like a scan (issue 17: S=1 → S=4 at most 1.5×)."""
    import json

    scales = [float(x) for x in args.scales.split(",") if x.strip()]
    found = {}
    for scale in scales:
        out = Path(tempfile.gettempdir()) / f"dondoc-bench-{os.getpid()}-{scale:g}.json"
        cmd = [PY, str(Path(__file__)), "--db", args.db, "--scale", str(scale), "--seed", str(args.seed)]
        cmd += ["--workers", str(args.workers), "--clients", str(args.clients), "--json", str(out)]
        for flag in ("quick", "no_record", "reseed"):
            if getattr(args, flag):
                cmd.append("--" + flag.replace("_", "-"))
        if args.only:
            cmd += ["--only", args.only]
        if args.label:
            cmd += ["--label", args.label]
        log(f"quy mô {scale:g} …")
        subprocess.run(cmd, check=False)
        if out.exists():
            found[scale] = json.loads(out.read_text())
            out.unlink()

    def fig(r: dict, key: str, field: str) -> float | None:
        v = r["results"].get(key, {}).get(field)
        return float(v) if v is not None else None

    measures = [
        ("tổng hợp + 34 tỉnh trong tiến trình, p50 ms", "a_in", "p50"),
        ("nhiệm vụ đọc để hiệu chỉnh, p50 (số dòng)", "a_rows", "window_p50"),
        ("cùng phép đếm DuckDB, p50 ms", "a_duck", "p50"),
        ("GET /api/v1/summary, p95 ms", "a_http", "p95"),
        ("trang tổng quan, p95 ms", "b", "p95"),
        ("gửi báo cáo, báo cáo/s", "c", "rate"),
        ("gửi báo cáo, p95 ms", "c", "p95"),
    ]
    head = "| phép đo | " + " | ".join(f"S={s:g}" for s in found) + " | S=1 → S=4 (tối đa 1,5×) |"
    lines = [
        f"### Tăng trưởng theo quy mô · {datetime.now():%d/%m/%Y %H:%M} (giờ Việt Nam)",
        "",
        "- Nhiệm vụ: "
        + ", ".join(f"S={s:g}: {r['size'].get('tasks', 0):,}".replace(",", ".") for s, r in found.items())
        + "; sinh dữ liệu: "
        + ", ".join(
            f"S={s:g}: {r['seed_seconds']:.0f} s" if r.get("seed_seconds") else f"S={s:g}: dùng lại"
            for s, r in found.items()
        ),
        "",
        head,
        "|---|" + "---|" * (len(found) + 1),
    ]
    for label, key, field in measures:
        values = {s: fig(r, key, field) for s, r in found.items()}
        cells = [f"{v:.0f}" if v is not None else "—" for v in values.values()]
        ratio = ""
        if values.get(1.0) and values.get(4.0):
            ratio = f"{values[4.0] / values[1.0]:.1f}×".replace(".", ",")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if not args.no_record:
        with open(BENCH / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
