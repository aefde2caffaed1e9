from dondoc.cli import BadInput, DondocCommand
from dondoc.exchange import actions
from dondoc.exchange import package as pkg
from dondoc.units.models import Unit, User


class Command(DondocCommand):
    help = "Đăng ký khóa công khai của một đơn vị gửi gói số liệu (một tỉnh chạy dondoc riêng)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="mã đơn vị gửi (đơn vị gốc của gói)")
        parser.add_argument("public_key_file", help="tệp khóa công khai (.pub) do make_signing_key tạo")
        parser.add_argument("--parent", help="mã đơn vị ở hệ thống này mà đơn vị gửi được đặt dưới")
        parser.add_argument("--user", help="tài khoản ở hệ thống này mà đơn vị gửi dùng để gửi qua API")

    def handle(self, *args, **options):
        try:
            pem = open(options["public_key_file"], encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(
                f"Không đọc được tệp khóa công khai {options['public_key_file']}: {exc}."
            ) from None
        parent = None
        if options["parent"]:
            parent = Unit.objects.filter(code=options["parent"].strip().upper()).first()
            if parent is None:
                raise BadInput(f"Không có đơn vị mã '{options['parent']}'.")
        account = None
        if options["user"]:
            account = User.objects.filter(username=options["user"]).first()
            if account is None:
                raise BadInput(f"Không có tài khoản '{options['user']}'.")
        try:
            sender = actions.register_sender(options["code"], pem, parent=parent, account=account)
        except (pkg.PackageRefused, ValueError) as exc:
            raise BadInput(str(exc)) from None
        place = sender.parent.code if sender.parent else "(giữ chỗ hiện có)"
        self.stdout.write(f"Đã đăng ký đơn vị gửi {sender.code} (khóa {sender.key_id}), đặt dưới {place}.")
