from dondoc.cli import DondocCommand
from dondoc.tasks.importer import import_tasks


class Command(DondocCommand):
    help = (
        "Nhập danh mục nhiệm vụ từ tệp .xlsx hoặc .csv vào một chương trình (tạo chương trình nếu chưa có)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--programme", required=True, help="mã chương trình, ví dụ NQ57")

    def handle(self, *args, **options):
        result = import_tasks(options["file"], options["programme"])
        self.stdout.write(str(result))
