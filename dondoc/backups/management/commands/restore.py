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
        "Khôi phục một bản sao lưu (make backup) vào cơ sở dữ liệu trống và thư mục tệp tải lên trống; từ chối "
        "nếu đã có dữ liệu, trừ khi thêm --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--in", dest="archive", required=True, help=_("tệp sao lưu"))
        parser.add_argument("--force", action="store_true", help=_("thay toàn bộ dữ liệu đang có"))

    def handle(self, *args, **options):
        started = time.monotonic()
        path = Path(options["archive"])
        if not path.exists():
            raise BadInput(_("Không có tệp %(path)s.") % {"path": path})
        db = connections["default"].settings_dict
        connections.close_all()  # the restore replaces the database under Django's feet
        try:
            manifest = archive.restore(path, db, Path(settings.MEDIA_ROOT), force=options["force"])
        except archive.BackupError as exc:
            raise BadInput(str(exc)) from None
        c = manifest["counts"]
        self.stdout.write(
            _(
                "Đã khôi phục %(path)s (%(format_decimal)s giây; bản sao lưu lúc %(replace)s UTC): %(units_unit)s đơn vị, %(tasks_task)s nhiệm vụ, %(reporting_progressreport)s báo cáo, %(media_files)s tệp tải lên. Chạy tiếp `manage.py migrate` nếu mã nguồn mới hơn bản sao lưu."
            )
            % {
                "path": path,
                "format_decimal": format_decimal(time.monotonic() - started, 1),
                "replace": manifest["made_at"][:19].replace("T", " "),
                "units_unit": format_int(c["units_unit"]),
                "tasks_task": format_int(c["tasks_task"]),
                "reporting_progressreport": format_int(c["reporting_progressreport"]),
                "media_files": format_int(manifest["media_files"]),
            }
        )
