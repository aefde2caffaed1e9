import time
from pathlib import Path

from django.conf import settings
from django.db import connections

from dondoc.backups import archive
from dondoc.cli import BadInput, DondocCommand
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu (SQLite hoặc PostgreSQL) và các tệp tải lên vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, help="tệp sao lưu sẽ ghi, ví dụ /backup/dondoc-2026-12-04.tar.gz"
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        connection = connections["default"]
        db = connection.settings_dict
        sqlite_conn = None
        try:
            if archive.engine_of(db) == "sqlite":
                connection.ensure_connection()
                sqlite_conn = connection.connection
            manifest = archive.backup(
                db, Path(options["out"]), Path(settings.MEDIA_ROOT), sqlite_conn=sqlite_conn
            )
        except archive.BackupError as exc:
            raise BadInput(str(exc)) from None
        size = Path(options["out"]).stat().st_size
        c = manifest.counts
        self.stdout.write(
            f"Đã sao lưu vào {options['out']} ({format_int(size)} byte, "
            f"{format_decimal(time.monotonic() - started, 1)} giây): {manifest.engine}, "
            f"{format_int(c['units_unit'])} đơn vị, {format_int(c['tasks_task'])} nhiệm vụ, "
            f"{format_int(c['reporting_progressreport'])} báo cáo, {format_int(manifest.media_files)} tệp tải lên."
        )
