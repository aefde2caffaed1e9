"""`make_brief --meeting ID [--format docx|pdf] --out FILE` (shared/contract.md, wave 2): the brief for a committee
meeting, as of the meeting's date and since the previous meeting (dondoc/exports/brief.py)."""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.cli import BadInput, DondocCommand
from dondoc.committees.models import Meeting
from dondoc.exports import brief
from dondoc.exports.pdf import PdfUnavailable


class Command(DondocCommand):
    help = gettext_lazy(
        "Tạo báo cáo phục vụ phiên họp Ban Chỉ đạo (Word hoặc PDF, thể thức văn bản của đơn vị): tình hình chung, "
        "nhiệm vụ hoàn thành, quá hạn, có nguy cơ chậm, kết luận phiên trước, khó khăn, chỉ tiêu chưa đạt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meeting", required=True, help=_("mã số (ID) phiên họp"))
        parser.add_argument("--format", dest="fmt", default="docx", help=_("docx hoặc pdf"))
        parser.add_argument("--out", required=True, help=_("đường dẫn tệp kết quả"))

    def handle(self, *args, **options):
        try:
            pk = int(options["meeting"])
        except ValueError:
            raise BadInput(
                _("Mã phiên họp '%(meeting)s' phải là một số.") % {"meeting": options["meeting"]}
            ) from None
        meeting = (
            Meeting.objects.select_related("committee__unit", "committee__programme", "previous")
            .filter(pk=pk)
            .first()
        )
        if meeting is None:
            raise BadInput(_("Không có phiên họp mã %(pk)s.") % {"pk": pk})
        fmt = options["fmt"].strip().lower()
        if fmt not in brief.FORMATS:
            raise BadInput(
                _("Định dạng '%(fmt)s' không hợp lệ; dùng docx hoặc pdf.") % {"fmt": options["fmt"]}
            )
        try:
            data = brief.render(meeting, fmt)
        except PdfUnavailable as exc:
            raise BadInput(str(exc)) from None
        out = Path(options["out"])
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        except OSError as exc:
            raise BadInput(
                _("Không ghi được tệp '%(out)s': %(strerror)s.") % {"out": out, "strerror": exc.strerror}
            ) from None
        self.stdout.write(f"Đã tạo {out} ({len(data):,} byte).".replace(",", "."))
