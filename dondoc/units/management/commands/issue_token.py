from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.cli import BadInput, DondocCommand
from dondoc.units.actions import issue_token
from dondoc.units.models import User


class Command(DondocCommand):
    help = gettext_lazy("Tạo mã truy cập API cá nhân cho người dùng và in ra (chỉ lưu bản băm).")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default=_("dòng lệnh"))

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise BadInput(
                _("Không có người dùng '%(username)s' (hoặc tài khoản đã bị khóa).")
                % {"username": options["username"]}
            )
        self.stdout.write(issue_token(user, name=options["name"]))
