import os
import time

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.cli import BadInput, DondocCommand
from dondoc.exchange import package as pkg
from dondoc.tasks import status
from dondoc.tasks.models import Programme
from dondoc.units.models import Unit
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = gettext_lazy(
        "Ghi gói số liệu đã ký của một đơn vị (cây đơn vị, nhiệm vụ và tình trạng tính đến một ngày, kỳ báo cáo, "
        "giá trị chỉ tiêu) vào một tệp để gửi lên cấp trên."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--programme", required=True)
        parser.add_argument("--as-of", dest="as_of", help=_("dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay"))
        parser.add_argument("--key", required=True, help=_("tệp khóa bí mật (make_signing_key)"))
        parser.add_argument("--out", required=True, help=_("tệp gói số liệu sẽ ghi"))

    def handle(self, *args, **options):
        started = time.monotonic()
        unit = Unit.objects.filter(code=options["unit"].strip().upper()).first()
        if unit is None:
            raise BadInput(_("Không có đơn vị mã '%(unit)s'.") % {"unit": options["unit"]})
        programme = Programme.objects.filter(code=options["programme"].strip().upper()).first()
        if programme is None:
            raise BadInput(
                _("Không có chương trình mã '%(programme)s'.") % {"programme": options["programme"]}
            )
        as_of = self.date_option(options["as_of"], "--as-of") or status.today()
        try:
            key = pkg.load_private_key(options["key"])
        except pkg.PackageRefused as exc:
            raise BadInput(str(exc)) from None
        # One consistent reading of the database (a snapshot on PostgreSQL; SQLite reads within one transaction).
        with transaction.atomic():
            payload = pkg.build_payload(unit, programme, as_of)
        data = pkg.sign(payload, key)
        out = options["out"]
        tmp = f"{out}.tmp-{os.getpid()}"
        try:
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, out)  # never a half-written package
        except OSError as exc:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise BadInput(
                _("Không ghi được tệp %(out)s: %(strerror)s.") % {"out": out, "strerror": exc.strerror}
            ) from None
        self.stdout.write(
            _("Đã ghi gói %(out)s (%(data)s byte, %(format_decimal)s giây): ")
            % {
                "out": out,
                "data": format_int(len(data)),
                "format_decimal": format_decimal(time.monotonic() - started, 1),
            }
            + pkg.describe(payload)
            + f".\n{status.Counts(**payload['check']['summary']).sentence}"
        )
