from dondoc.cli import BadInput, DondocCommand
from dondoc.indicators.actions import import_values
from dondoc.tasks.models import Programme


class Command(DondocCommand):
    help = (
        "Nhập giá trị chỉ tiêu từ tệp .xlsx hoặc .csv (cột: Mã chỉ tiêu, Mã đơn vị, Kỳ, Giá trị, Tử số, Mẫu số, "
        "Ghi chú). Có lỗi ở bất kỳ dòng nào thì không nhập dòng nào."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--programme", help="mã chương trình, khi mã chỉ tiêu có ở nhiều chương trình")

    def handle(self, *args, **options):
        programme = None
        if options.get("programme"):
            programme = Programme.objects.filter(code=options["programme"].strip().upper()).first()
            if programme is None:
                raise BadInput(f"Không có chương trình mang mã '{options['programme']}'.")
        result = import_values(options["file"], programme=programme)
        self.stdout.write(str(result))
