import time
from pathlib import Path

from django.conf import settings
from django.db import connections

from dondoc.backups import archive
from dondoc.cli import BadInput, DondocCommand
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = (
        "Khôi phục một bản sao lưu (make backup) vào cơ sở dữ liệu trống và thư mục tệp tải lên trống; từ chối "
        "nếu đã có dữ liệu, trừ khi thêm --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--in", dest="archive", required=True, help="tệp sao lưu")
        parser.add_argument("--force", action="store_true", help="thay toàn bộ dữ liệu đang có")

    def handle(self, *args, **options):
        started = time.monotonic()
        path = Path(options["archive"])
        if not path.exists():
            raise BadInput(f"Không có tệp {path}.")
        db = connections["default"].settings_dict
        connections.close_all()  # the restore replaces the database under Django's feet
        try:
            manifest = archive.restore(path, db, Path(settings.MEDIA_ROOT), force=options["force"])
        except archive.BackupError as exc:
            raise BadInput(str(exc)) from None
        c = manifest["counts"]
        self.stdout.write(
            f"Đã khôi phục {path} ({format_decimal(time.monotonic() - started, 1)} giây; bản sao lưu lúc "
            f"{manifest['made_at'][:19].replace('T', ' ')} UTC): {format_int(c['units_unit'])} đơn vị, "
            f"{format_int(c['tasks_task'])} nhiệm vụ, {format_int(c['reporting_progressreport'])} báo cáo, "
            f"{format_int(manifest['media_files'])} tệp tải lên. Chạy tiếp `manage.py migrate` nếu mã nguồn mới hơn "
            "bản sao lưu."
        )
