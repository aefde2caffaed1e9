"""`completeness --unit CODE --programme CODE [--as-of DATE] [--json]` (shared/contract.md)."""

import json

from dondoc.cli import BadInput, DondocCommand
from dondoc.reporting import selectors
from dondoc.tasks import status
from dondoc.tasks.models import Programme
from dondoc.units.models import Unit
from dondoc.vn import format_date, format_int, format_percent


class Command(DondocCommand):
    help = "Mức độ đầy đủ, đúng hạn của báo cáo theo kỳ cho một đơn vị và các đơn vị trực thuộc."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--programme", required=True)
        parser.add_argument("--as-of")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        unit = Unit.objects.filter(code=opts["unit"].strip().upper()).first()
        if unit is None:
            raise BadInput(f"Không có đơn vị mã “{opts['unit']}”.")
        programme = Programme.objects.filter(code=opts["programme"].strip().upper()).first()
        if programme is None:
            raise BadInput(f"Không có chương trình mã “{opts['programme']}”.")
        as_of = self.date_option(opts["as_of"], "--as-of") or status.today()
        rows = selectors.completeness(unit, programme, as_of)
        if opts["json"]:
            self.stdout.write(json.dumps([r.as_json() for r in rows], ensure_ascii=False))
            return
        self.stdout.write(f"Báo cáo của {unit.name} ({programme.code}), tính đến ngày {format_date(as_of)}:")
        if not rows:
            self.stdout.write("Chưa có kỳ báo cáo nào kết thúc.")
            return
        head = f"{'Kỳ':<10} {'Hạn nộp':<10} {'Phải gửi':>8} {'Đúng hạn':>8} {'Muộn':>6} {'Chưa gửi':>8} {'Đầy đủ':>8} {'Đúng hạn %':>10}"
        self.stdout.write(head)
        for r in rows:
            self.stdout.write(
                f"{r.period:<10} {format_date(r.deadline):<10} {format_int(r.expected):>8} {format_int(r.on_time):>8} "
                f"{format_int(r.late):>6} {format_int(r.missing):>8} {format_percent(r.completeness * 100, 1):>8} "
                f"{format_percent(r.timeliness * 100, 1):>10}"
            )
