import time

from django.db import connection

from dondoc.cli import BadInput, DondocCommand
from dondoc.tasks import snapshots
from dondoc.tasks.models import Programme, StatusSnapshot
from dondoc.vn import format_decimal, format_int


class Command(DondocCommand):
    help = (
        "Chốt số liệu cuối mỗi tháng đã qua cho mọi đơn vị (điểm của biểu đồ diễn biến trên trang tổng quan). "
        "Chạy hằng đêm bằng cron; chạy lại không sao."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="mã chương trình; mặc định mọi chương trình đang theo dõi")
        parser.add_argument("--months", type=int, default=24, help="số tháng gần nhất (mặc định 24)")

    def handle(self, *args, **options):
        if not 1 <= options["months"] <= 120:
            raise BadInput("--months phải từ 1 đến 120.")
        progs = Programme.objects.filter(is_active=True)
        if options["programme"]:
            progs = Programme.objects.filter(code=options["programme"].strip().upper())
            if not progs.exists():
                raise BadInput(f"Không có chương trình mã '{options['programme']}'.")
        days = snapshots.month_ends(snapshots.latest_day(), options["months"])
        for prog in progs:
            t0 = time.perf_counter()
            n = snapshots.refresh(prog, days)
            self.stdout.write(
                f"{prog.code}: {format_int(n)} số liệu chốt ({len(days)} cuối tháng, "
                f"{days[0]:%d/%m/%Y}–{days[-1]:%d/%m/%Y}) trong {format_decimal(time.perf_counter() - t0, 1)} giây."
            )
        with connection.cursor() as cur:
            # The table was rewritten: let the planner know its size before the first dashboard reads it.
            cur.execute(f"ANALYZE {StatusSnapshot._meta.db_table}")
