from dondoc.cli import BadInput, DondocCommand
from dondoc.units.actions import issue_token
from dondoc.units.models import User


class Command(DondocCommand):
    help = "Tạo mã truy cập API cá nhân cho người dùng và in ra (chỉ lưu bản băm)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="dòng lệnh")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise BadInput(f"Không có người dùng '{options['username']}' (hoặc tài khoản đã bị khóa).")
        self.stdout.write(issue_token(user, name=options["name"]))
