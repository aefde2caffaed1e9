"""seed_national --scale S [--seed N]: the synthetic national dataset (see dondoc.demo.national)."""

import time

from dondoc.cli import BadInput, DondocCommand
from dondoc.demo import national
from dondoc.vn import format_int


class Command(DondocCommand):
    help = (
        "Sinh bộ dữ liệu toàn quốc giả lập để đo hiệu năng: đơn vị gốc VN, 34 tỉnh, thành phố, sở ngành, xã "
        "phường, người dùng, nhiệm vụ NQ57, gia hạn, báo cáo tiến độ hằng tuần, giá trị chỉ tiêu. "
        "Chỉ chạy vào cơ sở dữ liệu trống (đã migrate)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="hệ số quy mô: 1 = toàn quốc, 0.05 = chạy nhanh"
        )
        parser.add_argument(
            "--seed", type=int, default=57, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)"
        )
        parser.add_argument("--no-users", action="store_true", help="không tạo người dùng và vai trò")
        parser.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình")

    def handle(self, *args, **options):
        scale = options["scale"]
        if not 0 < scale <= 4:
            raise BadInput("Tham số --scale phải lớn hơn 0 và không quá 4 (1 = toàn quốc).")
        try:
            national.check_empty()
        except national.AlreadySeeded as exc:
            raise BadInput(str(exc)) from None
        started = time.monotonic()
        if options["quiet"]:
            stats = national.build(scale, options["seed"], users=not options["no_users"])
        else:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            with Progress(
                TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                transient=False,
            ) as bar:  # fmt: skip
                ids: dict[str, int] = {}

                def progress(phase: str, done: int, total: int) -> None:
                    if phase not in ids:
                        ids[phase] = bar.add_task(phase, total=total)
                    bar.update(ids[phase], completed=done, total=total)

                stats = national.build(
                    scale, options["seed"], progress=progress, users=not options["no_users"]
                )
        n = format_int
        self.stdout.write(
            f"Đã sinh dữ liệu toàn quốc (quy mô {scale:g}, hạt giống {options['seed']}) trong "
            f"{time.monotonic() - started:.0f} giây: {n(stats.units)} đơn vị ({stats.provinces} tỉnh, thành phố; "
            f"{n(stats.departments)} sở, ngành; {n(stats.communes)} xã, phường), {n(stats.users)} người dùng, "
            f"{n(stats.tasks)} nhiệm vụ ({n(stats.subtasks)} nhiệm vụ con), {n(stats.extensions)} lần gia hạn, "
            f"{n(stats.reports)} báo cáo với {n(stats.updates)} cập nhật tiến độ, {n(stats.values)} giá trị chỉ tiêu."
        )
        for note in stats.notes:
            self.stdout.write(note)
        if stats.users:
            self.stdout.write(
                f"Tài khoản: vn.lanhdao (lãnh đạo), vn.vanphong (thường trực), <mã đơn vị>.baocao; "
                f"mật khẩu {national.PASSWORD}"
            )
