from dondoc.cli import BadInput, DondocCommand
from dondoc.demo import province as demo


class Command(DondocCommand):
    help = "Nạp tỉnh mẫu (DEMO, chương trình NQ57) và các tài khoản dùng thử vào cơ sở dữ liệu trống."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="không báo lỗi nếu cơ sở dữ liệu đã có dữ liệu (dùng cho make run)",
        )

    def handle(self, *args, **options):
        if not demo.is_empty():
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: bỏ qua bước nạp dữ liệu mẫu.")
                self.stdout.write(demo.LOGINS.format(password=demo.PASSWORD))
                return
            raise BadInput("Cơ sở dữ liệu đã có dữ liệu: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.")
        ctx = demo.load()
        self.stdout.write(
            f"Đã nạp tỉnh mẫu: {len(ctx.units)} đơn vị, {len(ctx.tasks)} nhiệm vụ của chương trình {ctx.programme.code}."
        )
        self.stdout.write(demo.LOGINS.format(password=demo.PASSWORD))
