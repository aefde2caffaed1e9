"""verify_audit [--no-seal] [--expect-head SEQ:HASH]: check the audit trail's hash chain; exit 1 at the first
entry that does not hold, naming it."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.audit import chain
from dondoc.vn import format_int


class Command(BaseCommand):
    help = gettext_lazy("Kiểm tra chuỗi mã băm của nhật ký thay đổi: phát hiện bản ghi bị sửa hoặc bị xóa.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-seal", action="store_true", help=_("không niêm phong các bản ghi mới trước khi kiểm tra")
        )
        parser.add_argument(
            "--expect-head",
            metavar="SEQ:HASH",
            help=_(
                "đầu chuỗi đã ghi nhận lần trước (in ra ở cuối mỗi lần kiểm tra): phát hiện cả việc xóa các bản ghi cuối"
            ),
        )

    def handle(self, *args, **options):
        expect = None
        if options["expect_head"]:
            seq, _sep, digest = options["expect_head"].partition(":")
            if not seq.isdigit() or len(digest) != 64:
                raise CommandError(
                    _(
                        "--expect-head phải có dạng SỐ:MÃ_BĂM (64 ký tự), như dòng cuối của lần kiểm tra trước."
                    )
                )
            expect = (int(seq), digest)
        sealed = 0 if options["no_seal"] else chain.seal()
        verdict = chain.verify(expect)
        if sealed:
            self.stdout.write(_("Đã niêm phong %(sealed)s bản ghi mới.") % {"sealed": format_int(sealed)})
        if not verdict.ok:
            e = verdict.broken
            if e is None:
                self.stderr.write(
                    _("Nhật ký thay đổi KHÔNG toàn vẹn: %(reason)s.") % {"reason": verdict.reason}
                )
                sys.exit(1)
            self.stderr.write(
                _(
                    "Nhật ký thay đổi KHÔNG toàn vẹn: bản ghi số %(seq)s (id %(pk)s, %(at)s, %(actor)s, %(what)s): "
                    "%(reason)s. Đã kiểm tra đúng %(checked)s bản ghi trước đó."
                )
                % {
                    "seq": e.seq,
                    "pk": e.pk,
                    "at": f"{e.at:%d/%m/%Y %H:%M:%S}",
                    "actor": e.actor_name,
                    "what": f"{e.action} {e.object_type} {e.object_id}",
                    "reason": verdict.reason,
                    "checked": format_int(verdict.checked),
                }
            )
            sys.exit(1)
        self.stdout.write(
            _("Nhật ký thay đổi toàn vẹn: %(checked)s bản ghi đã kiểm tra")
            % {"checked": format_int(verdict.checked)}
            + (
                _(", %(unsealed)s bản ghi chưa niêm phong") % {"unsealed": format_int(verdict.unsealed)}
                if verdict.unsealed
                else ""
            )
            + "."
        )
        self.stdout.write(
            _("Đầu chuỗi: %(head_seq)s:%(head_hash)s")
            % {"head_seq": verdict.head_seq, "head_hash": verdict.head_hash}
        )
