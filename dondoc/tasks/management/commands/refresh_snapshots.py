import time

from django.db import connection

from dondoc.cli import BadInput, DondocCommand
from dondoc.tasks import snapshots
from dondoc.tasks.models import Programme, StatusSnapshot
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = (
        "Chốt số liệu của mọi đơn vị theo nhóm nhiệm vụ vào các ngày cuối tháng, ngày 15 và ngày gần nhất đủ cũ "
        "(hôm kia): tổng hợp, bảng theo đơn vị và biểu đồ diễn biến đọc số liệu chốt cộng phần hiệu chỉnh nhỏ thay "
        "vì đếm lại mọi nhiệm vụ. Các hành động giữ số liệu chốt luôn đúng; chạy hằng đêm bằng cron; chạy lại "
        "không sao."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="mã chương trình; mặc định mọi chương trình đang theo dõi")
        parser.add_argument("--months", type=int, default=24, help="số tháng gần nhất (mặc định 24)")
        parser.add_argument(
            "--again", action="store_true", help="tính lại cả những ngày đã chốt (mặc định chỉ ngày mới)"
        )

    def handle(self, *args, **options):
        if not 1 <= options["months"] <= 120:
            raise BadInput("--months phải từ 1 đến 120.")
        progs = Programme.objects.filter(is_active=True)
        if options["programme"]:
            progs = Programme.objects.filter(code=options["programme"].strip().upper())
            if not progs.exists():
                raise BadInput(f"Không có chương trình mã '{options['programme']}'.")
        days = snapshots.days_to_keep(snapshots.latest_day(), options["months"])
        for prog in progs:
            t0 = time.perf_counter()
            n = snapshots.refresh(prog, days, again=options["again"])
            gone = snapshots.prune(prog, days)
            self.stdout.write(
                f"{prog.code}: {format_int(n)} số liệu chốt ({len(days)} ngày chốt, "
                f"{days[0]:%d/%m/%Y}–{days[-1]:%d/%m/%Y}; bỏ {format_int(gone)} ngày cũ) "
                f"trong {format_decimal(time.perf_counter() - t0, 1)} giây."
            )
        with connection.cursor() as cur:
            # The table was rewritten: let the planner know its size before the first dashboard reads it.
            cur.execute(f"ANALYZE {StatusSnapshot._meta.db_table}")
