"""The deployment files (docs/deploy.md) hold together: the compose stack has what the issue names, every file it
mounts exists, the systemd units run commands that exist, and the smoke script never fails where Docker is absent."""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_the_compose_stack_is_a_primary_a_replica_two_web_processes_and_a_worker():
    services = compose()["services"]
    assert {"db-primary", "db-replica", "web1", "web2", "worker", "nginx", "migrate"} <= set(services)
    for name in ("web1", "web2", "worker"):
        env = services[name]["environment"]
        assert "@db-primary:" in env["DATABASE_URL"] and "@db-replica:" in env["DATABASE_REPLICA_URL"]
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["worker"]["command"][-1] == "db_worker"
    assert "pg_basebackup" in (ROOT / "deploy/postgres/replica-entrypoint.sh").read_text()
    nginx = (ROOT / "deploy/nginx/compose.conf").read_text()
    assert "web1:8000" in nginx and "web2:8000" in nginx


def test_every_file_the_stack_mounts_or_builds_from_exists():
    for service in compose()["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), source
    assert (ROOT / "Dockerfile").exists()


def test_the_systemd_units_run_commands_that_exist():
    commands = set(get_commands())
    units = sorted((ROOT / "deploy/systemd").glob("*.service"))
    assert {u.stem for u in units} >= {
        "dondoc-web",
        "dondoc-worker",
        "dondoc-reminders",
        "dondoc-snapshots",
        "dondoc-backup",
    }
    for unit in units:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.read(unit, encoding="utf-8")
        start = parser["Service"]["ExecStart"]
        if "manage.py" in start:
            assert start.split("manage.py", 1)[1].split()[0] in commands, unit.name
    for timer in (ROOT / "deploy/systemd").glob("*.timer"):
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.read(timer, encoding="utf-8")
        assert "Asia/Ho_Chi_Minh" in parser["Timer"]["OnCalendar"]
        assert (timer.with_suffix(".service")).exists()
    gunicorn = (ROOT / "deploy/gunicorn.conf.py").read_text()
    assert "unix:/run/dondoc/web.sock" in gunicorn
    assert "unix:/run/dondoc/web.sock" in (ROOT / "deploy/nginx/dondoc.conf").read_text()


def test_the_smoke_script_succeeds_or_says_why_it_skips():
    result = subprocess.run(
        ["bash", str(ROOT / "deploy/smoke.sh")], capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke:" in result.stdout


def test_the_readme_links_the_deployment_the_exchange_and_the_backups():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in ("docs/deploy.md", "docs/exchange.md", "docs/operations.md"):
        assert doc in readme
        assert (ROOT / doc).exists()
