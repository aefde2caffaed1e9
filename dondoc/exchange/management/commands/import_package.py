import json
import sys
import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.cli import BadInput, DondocCommand
from dondoc.exchange import actions
from dondoc.exchange.models import ReceivedPackage
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = gettext_lazy(
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
            raise BadInput(
                _("Không đọc được tệp %(file)s: %(strerror)s.")
                % {"file": options["file"], "strerror": exc.strerror}
            ) from None
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
                _("%(result)s: gói của %(sender)s, %(programme)s, tính đến %(as_of)s (%(seconds)s giây)")
                % {
                    "result": r.get_result_display(),
                    "sender": r.sender_code,
                    "programme": r.programme_code,
                    "as_of": f"{r.as_of:%d/%m/%Y}",
                    "seconds": format_decimal(elapsed, 1),
                }
                + (f". {what}." if what else ".")
            )
        if outcome.result == ReceivedPackage.Result.REFUSED:
            self.stderr.write(
                _("Không nhận gói %(file)s: %(reason)s") % {"file": options["file"], "reason": outcome.reason}
            )
            sys.exit(1)
