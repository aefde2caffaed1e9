import json
import sys
import time

from dondoc.cli import BadInput, DondocCommand
from dondoc.exchange import actions
from dondoc.exchange.models import ReceivedPackage
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = (
        "Nhận một gói số liệu đã ký: kiểm tra chữ ký, phiên bản, đơn vị gửi; ghi tất cả hoặc không gì; nhận lại "
        "cùng gói không thay đổi gì; gói mới hơn thay gói cũ; gói cũ hơn, bị sửa, không rõ nguồn bị từ chối."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            with open(options["file"], "rb") as f:
                data = f.read()
        except OSError as exc:
            raise BadInput(f"Không đọc được tệp {options['file']}: {exc.strerror}.") from None
        outcome = actions.import_package(data, via="file")
        elapsed = time.monotonic() - started
        if options["json"]:
            self.stdout.write(
                json.dumps({**outcome.as_json(), "seconds": round(elapsed, 3)}, ensure_ascii=False)
            )
        elif outcome.result == ReceivedPackage.Result.REFUSED:
            pass
        else:
            r = outcome.received
            what = "; ".join(
                f"{actions.CHANGE_LABELS.get(k, k)}: {format_int(v)}" for k, v in outcome.changes.items()
            )
            self.stdout.write(
                f"{r.get_result_display()}: gói của {r.sender_code}, {r.programme_code}, tính đến "
                f"{r.as_of:%d/%m/%Y} ({format_decimal(elapsed, 1)} giây)" + (f". {what}." if what else ".")
            )
        if outcome.result == ReceivedPackage.Result.REFUSED:
            self.stderr.write(f"Không nhận gói {options['file']}: {outcome.reason}")
            sys.exit(1)
