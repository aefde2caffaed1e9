from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.cli import BadInput, DondocCommand
from dondoc.exports import actions, periods
from dondoc.exports.pdf import PdfUnavailable
from dondoc.tasks import status
from dondoc.tasks.models import Programme
from dondoc.units.models import Unit
from dondoc.units.scope import Scope


class Command(DondocCommand):
    help = gettext_lazy(
        "Tạo báo cáo (Word, PDF) hoặc tệp Excel cho một đơn vị và cấp dưới, một chương trình, tính đến một ngày. "
        "Loại: dinh_ky, qua_han, don_doc, chi_tieu, danh_muc (hoặc periodic, overdue, reminder, indicators)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--programme", required=True)
        parser.add_argument("--as-of", dest="as_of", help=_("dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay"))
        parser.add_argument("--kind", default="dinh_ky")
        parser.add_argument("--format", dest="fmt", default="docx", help=_("docx, pdf hoặc xlsx"))
        parser.add_argument(
            "--period", default=periods.QUARTER, choices=[c for c, _ in periods.CHOICES], help=_("kỳ báo cáo")
        )
        parser.add_argument("--out", required=True, help=_("đường dẫn tệp kết quả"))

    def handle(self, *args, **options):
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
            kind = actions.parse_kind(options["kind"])
            fmt = actions.parse_format(options["fmt"])
            out = Path(options["out"])
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                # An Excel workbook is written to the file as it is built (constant memory).
                data = actions.render(
                    kind,
                    fmt,
                    unit,
                    programme,
                    as_of,
                    period=options["period"],
                    scope=Scope.everything(),
                    out=out,
                )
                if data is not None:
                    out.write_bytes(data)
            except OSError as exc:
                raise BadInput(
                    _("Không ghi được tệp '%(out)s': %(strerror)s.") % {"out": out, "strerror": exc.strerror}
                ) from None
        except (ValueError, PdfUnavailable) as exc:
            raise BadInput(str(exc)) from None
        self.stdout.write(f"Đã tạo {out} ({out.stat().st_size:,} byte).".replace(",", "."))
