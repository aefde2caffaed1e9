"""Done when the restore test passes on both backends: data built (tasks, reports, indicator values, an uploaded
file), backed up, restored into an empty second database (a second SQLite file; on PostgreSQL a database made
for the test and dropped after it), and the restored instance gives the same summaries and completeness."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import dj_database_url
import pytest
from django.core.management import call_command
from django.db import connection

from dondoc.backups import archive
from dondoc.reporting.selectors import completeness
from dondoc.tasks import selectors
from dondoc.tasks.models import Programme
from dondoc.tests.scratch import manage, scratch_database
from dondoc.units.models import Unit


def backup_of_this_database(out: Path, media: Path) -> archive.Manifest:
    db = connection.settings_dict
    raw = None
    if archive.engine_of(db) == "sqlite":
        connection.ensure_connection()
        raw = connection.connection  # the test database lives in memory: copy it through this connection
    return archive.backup(db, out, media, sqlite_conn=raw)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_gives_the_same_figures(tmp_path, settings):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    call_command("load_demo")
    evidence = media / "minh-chung" / "2026" / "12" / "bien-ban.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 bien ban hop\n")
    unit, programme = Unit.objects.get(code="DEMO"), Programme.objects.get(code="NQ57")
    today = selectors.status.today()
    want_summary = selectors.summary(unit, programme=programme, as_of=today).as_json()
    want_complete = [r.as_json() for r in completeness(unit, programme, today)]
    assert want_summary["total"] > 0 and any(r["on_time"] for r in want_complete)

    out = tmp_path / "dondoc.tar.gz"
    manifest = backup_of_this_database(out, media)
    assert manifest.media_files == 1 and manifest.counts["tasks_task"] == want_summary["total"] + 2
    with tarfile.open(out) as tar:
        assert {"manifest.json", manifest.database, "media/minh-chung/2026/12/bien-ban.pdf"} <= set(
            tar.getnames()
        )

    restored_media = tmp_path / "restored-media"
    with scratch_database(tmp_path, "restore") as url:
        target = dj_database_url.parse(url)
        archive.restore(out, target, restored_media)
        assert (
            restored_media / "minh-chung" / "2026" / "12" / "bien-ban.pdf"
        ).read_bytes() == evidence.read_bytes()
        got = manage(
            url, "summary", "--unit", "DEMO", "--programme", "NQ57", "--as-of", today.isoformat(), "--json"
        )
        assert json.loads(got.stdout) == want_summary
        got = manage(
            url,
            "completeness",
            "--unit",
            "DEMO",
            "--programme",
            "NQ57",
            "--as-of",
            today.isoformat(),
            "--json",
        )
        assert json.loads(got.stdout) == want_complete
        # The restored database is complete: nothing left to migrate.
        assert "No planned migration" in manage(url, "migrate", "--plan").stdout

        # A database that has data is not restored over, unless forced.
        with pytest.raises(archive.BackupError, match="đã có dữ liệu"):
            archive.restore(out, target, tmp_path / "empty-media")
        archive.restore(out, target, restored_media, force=True)
        assert json.loads(manage(url, "summary", "--unit", "DEMO", "--json").stdout)["total"] > 0


def test_a_backup_of_the_other_engine_or_a_damaged_one_is_refused(tmp_path):
    out = tmp_path / "b.tar.gz"
    src = tmp_path / "src.db"
    import sqlite3

    sqlite3.connect(src).execute("CREATE TABLE units_unit (id integer)").connection.commit()
    archive.backup({"ENGINE": "django.db.backends.sqlite3", "NAME": str(src)}, out, tmp_path / "none")
    pg = {"ENGINE": "django.db.backends.postgresql", "NAME": "khong_co"}
    with pytest.raises(archive.BackupError, match="không khôi phục được vào postgresql"):
        archive.restore(out, pg, tmp_path / "m")
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(out.read_bytes()[:200])
    with pytest.raises(archive.BackupError):
        archive.restore(
            damaged, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "t.db")}, tmp_path / "m"
        )
    not_a_backup = tmp_path / "x.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as tar:
        tar.add(src, arcname="db.sqlite3")
    # A MEDIA_ROOT that has files is not restored over either.
    media = tmp_path / "media"
    (media / "a").mkdir(parents=True)
    (media / "a" / "f.pdf").write_bytes(b"%PDF")
    with pytest.raises(archive.BackupError, match="đã có tệp"):
        archive.restore(out, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "t2.db")}, media)
    with pytest.raises(archive.BackupError, match="manifest"):
        archive.restore(
            not_a_backup,
            {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "t.db")},
            tmp_path / "m",
        )
