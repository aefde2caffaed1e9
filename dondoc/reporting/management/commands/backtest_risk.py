"""`backtest_risk --as-of DATE [--unit CODE] [--programme CODE] [--until DATE] [--threshold N] [--json]`: how the
early warning (reporting/risk.py) did as of a past date — precision and recall (docs/early-warning.md)."""

import json

from dondoc.cli import BadInput, DondocCommand
from dondoc.reporting import risk
from dondoc.tasks import status
from dondoc.tasks.models import Programme, Task
from dondoc.tasks.selectors import tasks_for_unit
from dondoc.units.models import Unit
from dondoc.vn import format_date, format_int, format_percent

THRESHOLDS = (20, 30, risk.AT_RISK, 50, risk.HIGH)


def _pct(x: float | None) -> str:
    return "—" if x is None else format_percent(x * 100, 1)


class Command(DondocCommand):
    help = (
        "Kiểm tra lại cảnh báo sớm: tính đến một ngày đã qua, trong các nhiệm vụ được cảnh báo có bao nhiêu nhiệm "
        "vụ thực sự chậm so với thời hạn, và bao nhiêu nhiệm vụ chậm không được cảnh báo (độ chính xác, độ bao phủ)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="ngày tính cảnh báo (dd/mm/yyyy hoặc yyyy-mm-dd)")
        parser.add_argument("--unit", help="mã đơn vị (cả các đơn vị cấp dưới); mặc định: mọi đơn vị")
        parser.add_argument("--programme", help="mã chương trình; mặc định: mọi chương trình")
        parser.add_argument("--until", help="ngày xét kết quả; mặc định: hôm nay")
        parser.add_argument("--threshold", type=int, help=f"ngưỡng điểm cảnh báo; mặc định {risk.AT_RISK}")
        parser.add_argument(
            "--within",
            type=int,
            help="chỉ xét nhiệm vụ có thời hạn trong số ngày này sau --as-of (như trên trang)",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        as_of = self.date_option(opts["as_of"], "--as-of")
        until = self.date_option(opts["until"], "--until") or status.today()
        if until <= as_of:
            raise BadInput("Ngày xét kết quả (--until) phải sau ngày tính cảnh báo (--as-of).")
        qs = Task.objects.all()
        unit = None
        if opts["unit"]:
            unit = Unit.objects.filter(code=opts["unit"].strip().upper()).first()
            if unit is None:
                raise BadInput(f"Không có đơn vị mã “{opts['unit']}”.")
            qs = tasks_for_unit(unit)
        if opts["programme"]:
            programme = Programme.objects.filter(code=opts["programme"].strip().upper()).first()
            if programme is None:
                raise BadInput(f"Không có chương trình mã “{opts['programme']}”.")
            qs = qs.filter(programme=programme)
        threshold = opts["threshold"]
        if threshold is not None and not 1 <= threshold <= 100:
            raise BadInput("Ngưỡng điểm (--threshold) phải từ 1 đến 100.")
        within = opts["within"]
        if within is not None and within < 1:
            raise BadInput("Số ngày (--within) phải từ 1 trở lên.")
        thresholds = (threshold,) if threshold is not None else THRESHOLDS
        results = risk.backtest(qs, as_of, until, thresholds, within)
        main = next(r for r in results if r.threshold == (threshold or risk.AT_RISK))
        if opts["json"]:
            out = main.as_json() | {"unit": unit.code if unit else None, "within": within}
            out["thresholds"] = [r.as_json() for r in results]
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        n = format_int
        where = unit.name if unit else "mọi đơn vị"
        self.stdout.write(
            f"Cảnh báo sớm tính đến ngày {format_date(as_of)} ({where}), kết quả xét đến ngày {format_date(until)}:"
        )
        last = min(until, risk.shifted(as_of, within)) if within else until
        self.stdout.write(
            f"{n(main.judged)} nhiệm vụ đang trong hạn có thời hạn đến ngày {format_date(last)}; "
            f"{n(main.late)} nhiệm vụ thực sự chậm ({_pct(main.base_rate)})."
        )
        self.stdout.write(
            f"Ngưỡng {main.threshold} điểm: cảnh báo {n(main.flagged)} nhiệm vụ, {n(main.hits)} nhiệm vụ thực sự chậm, "
            f"{n(main.false_alarms)} báo nhầm; bỏ sót {n(main.missed)} nhiệm vụ chậm."
        )
        self.stdout.write(
            f"Độ chính xác (precision): {_pct(main.precision)}; độ bao phủ (recall): {_pct(main.recall)}."
        )
        if len(results) > 1:
            self.stdout.write(f"{'Ngưỡng':>7} {'Cảnh báo':>9} {'Đúng':>7} {'Chính xác':>10} {'Bao phủ':>8}")
            for r in results:
                self.stdout.write(
                    f"{r.threshold:>7} {n(r.flagged):>9} {n(r.hits):>7} {_pct(r.precision):>10} {_pct(r.recall):>8}"
                )
