from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.cli import BadInput, DondocCommand
from dondoc.exchange import actions
from dondoc.exchange import package as pkg
from dondoc.units.models import Unit, User


class Command(DondocCommand):
    help = gettext_lazy("Đăng ký khóa công khai của một đơn vị gửi gói số liệu (một tỉnh chạy dondoc riêng).")

    def add_arguments(self, parser):
        parser.add_argument("code", help=_("mã đơn vị gửi (đơn vị gốc của gói)"))
        parser.add_argument("public_key_file", help=_("tệp khóa công khai (.pub) do make_signing_key tạo"))
        parser.add_argument("--parent", help=_("mã đơn vị ở hệ thống này mà đơn vị gửi được đặt dưới"))
        parser.add_argument("--user", help=_("tài khoản ở hệ thống này mà đơn vị gửi dùng để gửi qua API"))

    def handle(self, *args, **options):
        try:
            pem = open(options["public_key_file"], encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(
                _("Không đọc được tệp khóa công khai %(public_key_file)s: %(exc)s.")
                % {"public_key_file": options["public_key_file"], "exc": exc}
            ) from None
        parent = None
        if options["parent"]:
            parent = Unit.objects.filter(code=options["parent"].strip().upper()).first()
            if parent is None:
                raise BadInput(_("Không có đơn vị mã '%(parent)s'.") % {"parent": options["parent"]})
        account = None
        if options["user"]:
            account = User.objects.filter(username=options["user"]).first()
            if account is None:
                raise BadInput(_("Không có tài khoản '%(user)s'.") % {"user": options["user"]})
        try:
            sender = actions.register_sender(options["code"], pem, parent=parent, account=account)
        except (pkg.PackageRefused, ValueError) as exc:
            raise BadInput(str(exc)) from None
        place = sender.parent.code if sender.parent else _("(giữ chỗ hiện có)")
        self.stdout.write(
            _("Đã đăng ký đơn vị gửi %(code)s (khóa %(key_id)s), đặt dưới %(place)s.")
            % {"code": sender.code, "key_id": sender.key_id, "place": place}
        )
