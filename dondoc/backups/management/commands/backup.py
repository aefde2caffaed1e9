import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.backups import archive
from dondoc.cli import BadInput, DondocCommand
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = gettext_lazy(
        "Sao lưu toàn bộ cơ sở dữ liệu (SQLite hoặc PostgreSQL) và các tệp tải lên vào một tệp .tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, help=_("tệp sao lưu sẽ ghi, ví dụ /backup/dondoc-2026-12-04.tar.gz")
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
            _(
                "Đã sao lưu vào %(out)s (%(size)s byte, %(format_decimal)s giây): %(engine)s, %(units_unit)s đơn vị, %(tasks_task)s nhiệm vụ, %(reporting_progressreport)s báo cáo, %(media_files)s tệp tải lên."
            )
            % {
                "out": options["out"],
                "size": format_int(size),
                "format_decimal": format_decimal(time.monotonic() - started, 1),
                "engine": manifest.engine,
                "units_unit": format_int(c["units_unit"]),
                "tasks_task": format_int(c["tasks_task"]),
                "reporting_progressreport": format_int(c["reporting_progressreport"]),
                "media_files": format_int(manifest.media_files),
            }
        )
