"""`send_reminders [--dry-run] [--days N] [--as-of DATE]`: today's reminders (đôn đốc), for cron."""

from dondoc.cli import BadInput, DondocCommand
from dondoc.reporting import actions
from dondoc.reporting.models import Reminder
from dondoc.vn import format_int


class Command(DondocCommand):
    help = "Gửi nhắc việc: báo cáo sắp đến hạn hoặc chưa nộp, nhiệm vụ sắp đến hạn, quá hạn hoặc có nguy cơ chậm (thứ Hai), tổng hợp gửi thường trực."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không gửi")
        parser.add_argument("--days", type=int, default=3, help="số ngày (làm việc) báo trước; mặc định 3")
        parser.add_argument("--as-of", help="ngày chạy (mặc định hôm nay)")

    def handle(self, *args, **opts):
        if opts["days"] < 0:
            raise BadInput("Tham số --days phải là số không âm.")
        as_of = self.date_option(opts["as_of"], "--as-of")
        counts = actions.send_reminders(as_of, days=opts["days"], dry_run=opts["dry_run"])
        labels = dict(Reminder.Kind.choices)
        prefix = "Sẽ gửi (chạy thử)" if opts["dry_run"] else "Đã gửi"
        for kind, label in labels.items():
            self.stdout.write(f"{prefix} — {label}: {format_int(counts.get(kind, 0))}")
        self.stdout.write(f"Gửi lại thư lỗi lần trước: {format_int(counts.get('retried', 0))}")
        self.stdout.write(f"Tổng: {format_int(sum(counts.get(k, 0) for k in labels))}")
