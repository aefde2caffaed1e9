import os

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.cli import BadInput, DondocCommand
from dondoc.exchange import package as pkg
from dondoc.vn import clean


class Command(DondocCommand):
    help = gettext_lazy(
        "Tạo cặp khóa Ed25519 để ký gói số liệu của một đơn vị: khóa bí mật ghi vào FILE (quyền 0600, giữ ngoài "
        "cơ sở dữ liệu), khóa công khai vào FILE.pub (gửi cho nơi nhận để đăng ký)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help=_("mã đơn vị gửi"))
        parser.add_argument(
            "--out", required=True, help=_("tệp khóa bí mật; khóa công khai ghi vào tệp .pub bên cạnh")
        )
        parser.add_argument("--force", action="store_true", help=_("ghi đè tệp khóa đã có"))

    def handle(self, *args, **options):
        code = clean(options["unit"]).upper()
        if not code:
            raise BadInput(_("Cần mã đơn vị (--unit)."))
        out = options["out"]
        pub = out + ".pub"
        for path in (out, pub):
            if os.path.exists(path) and not options["force"]:
                raise BadInput(
                    _("Tệp %(path)s đã có: không ghi đè khóa (thêm --force nếu thật sự muốn thay khóa).")
                    % {"path": path}
                )
        private_pem, public_pem = pkg.new_key_pair()
        try:
            if options["force"] and os.path.exists(out):
                os.remove(out)
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(private_pem)
            os.chmod(out, 0o600)
            with open(pub, "wb") as f:
                f.write(public_pem)
        except OSError as exc:
            raise BadInput(
                _("Không ghi được tệp khóa: %(strerror)s (%(filename)s).")
                % {"strerror": exc.strerror, "filename": exc.filename}
            ) from None
        kid = pkg.key_id(pkg.load_public_key(public_pem))
        self.stdout.write(
            _(
                "Đã tạo khóa ký của %(code)s (dấu vân tay %(kid)s).\n- Khóa bí mật: %(out)s (quyền 0600; giữ kín, không đưa vào cơ sở dữ liệu, sao lưu riêng).\n- Khóa công khai: %(pub)s — gửi cho nơi nhận để chạy: manage.py register_sender %(code)s %(pub2)s"
            )
            % {"code": code, "kid": kid, "out": out, "pub": pub, "pub2": os.path.basename(pub)}
        )
