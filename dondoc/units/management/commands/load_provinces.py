from dondoc.cli import DondocCommand
from dondoc.units.actions import load_provinces


class Command(DondocCommand):
    help = "Nạp dữ liệu tham chiếu: Trung ương (mã VN) và 34 tỉnh, thành phố (từ 1/7/2025). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        root, created = load_provinces()
        self.stdout.write(f"Đã nạp {created} đơn vị mới; {root.subtree().count()} đơn vị dưới {root.code}.")
