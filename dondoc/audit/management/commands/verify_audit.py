"""verify_audit [--no-seal] [--expect-head SEQ:HASH]: check the audit trail's hash chain; exit 1 at the first
entry that does not hold, naming it."""

import sys

from django.core.management.base import BaseCommand, CommandError

from dondoc.audit import chain
from dondoc.vn import format_int


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của nhật ký thay đổi: phát hiện bản ghi bị sửa hoặc bị xóa."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-seal", action="store_true", help="không niêm phong các bản ghi mới trước khi kiểm tra"
        )
        parser.add_argument(
            "--expect-head",
            metavar="SEQ:HASH",
            help="đầu chuỗi đã ghi nhận lần trước (in ra ở cuối mỗi lần kiểm tra): phát hiện cả việc xóa các bản ghi cuối",
        )

    def handle(self, *args, **options):
        expect = None
        if options["expect_head"]:
            seq, _, digest = options["expect_head"].partition(":")
            if not seq.isdigit() or len(digest) != 64:
                raise CommandError(
                    "--expect-head phải có dạng SỐ:MÃ_BĂM (64 ký tự), như dòng cuối của lần kiểm tra trước."
                )
            expect = (int(seq), digest)
        sealed = 0 if options["no_seal"] else chain.seal()
        verdict = chain.verify(expect)
        if sealed:
            self.stdout.write(f"Đã niêm phong {format_int(sealed)} bản ghi mới.")
        if not verdict.ok:
            e = verdict.broken
            if e is None:
                self.stderr.write(f"Nhật ký thay đổi KHÔNG toàn vẹn: {verdict.reason}.")
                sys.exit(1)
            self.stderr.write(
                f"Nhật ký thay đổi KHÔNG toàn vẹn: bản ghi số {e.seq} (id {e.pk}, {e.at:%d/%m/%Y %H:%M:%S}, "
                f"{e.actor_name}, {e.action} {e.object_type} {e.object_id}): {verdict.reason}. "
                f"Đã kiểm tra đúng {format_int(verdict.checked)} bản ghi trước đó."
            )
            sys.exit(1)
        self.stdout.write(
            f"Nhật ký thay đổi toàn vẹn: {format_int(verdict.checked)} bản ghi đã kiểm tra"
            + (f", {format_int(verdict.unsealed)} bản ghi chưa niêm phong" if verdict.unsealed else "")
            + "."
        )
        self.stdout.write(f"Đầu chuỗi: {verdict.head_seq}:{verdict.head_hash}")
