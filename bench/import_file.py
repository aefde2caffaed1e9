"""The 50,000-row task file of benchmark (d), written with openpyxl, and the clean-up after the import."""

from __future__ import annotations

import random
from datetime import datetime

from django.db import connection, transaction

from dondoc.tasks.models import Programme, Task
from dondoc.units.models import Unit

HEADER = [
    "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Nhóm nhiệm vụ", "Mã nhiệm vụ cha", "Cơ quan chủ trì", "Cơ quan phối hợp",
    "Thời hạn", "Sản phẩm", "Ngày bắt đầu thực hiện", "Ngày hoàn thành", "Ghi chú",
]  # fmt: skip
DUES = [
    "30/06/2025",
    "quý III/2025",
    "tháng 9/2025",
    "6 tháng cuối năm 2025",
    "năm 2026",
    "thường xuyên",
    "31/03/2026",
]


def write_xlsx(path, rows: int, ctx, seed: int = 7) -> str:
    """Write the file; returns the programme code to import it under (new each run)."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    leads = list(
        Unit.objects.filter(path__startswith=ctx.root.path, kind__in=["department", "commune"])
        .order_by("pk")
        .values_list("code", flat=True)[:2000]
    )
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Nhiệm vụ")
    ws.append(HEADER)
    for i in range(1, rows + 1):
        code = f"NV{i:06d}"
        parent = f"NV{rng.randrange(1, i):06d}" if i > 10 and rng.random() < 0.3 else ""
        partners = ";".join(rng.sample(leads, 2)) if rng.random() < 0.3 else ""
        started = f"{rng.randint(1, 28):02d}/{rng.randint(1, 11):02d}/2025" if rng.random() < 0.6 else ""
        done = "15/12/2025" if started and rng.random() < 0.3 else ""
        ws.append(
            [code, f"Triển khai nội dung số {i} của kế hoạch chuyển đổi số", rng.randint(1, 7), parent,
             rng.choice(leads), partners, rng.choice(DUES), "Báo cáo kết quả", started, done, ""]
        )  # fmt: skip
    wb.save(path)
    return f"BENCH{datetime.now():%m%d%H%M%S}"


def cleanup_programme(code: str) -> None:
    """Remove the imported benchmark programme and its tasks (benchmark database only)."""
    prog = Programme.objects.filter(code=code).first()
    if prog is None:
        return
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cur:
        through = Task.partners.through._meta.db_table
        ext = "tasks_deadlineextension"
        task = Task._meta.db_table
        cur.execute(
            f"DELETE FROM {qn(through)} WHERE task_id IN (SELECT id FROM {qn(task)} WHERE programme_id = %s)",
            [prog.pk],
        )
        cur.execute(
            f"DELETE FROM {qn(ext)} WHERE task_id IN (SELECT id FROM {qn(task)} WHERE programme_id = %s)",
            [prog.pk],
        )
        cur.execute(f"UPDATE {qn(task)} SET parent_id = NULL WHERE programme_id = %s", [prog.pk])
        cur.execute(f"DELETE FROM {qn(task)} WHERE programme_id = %s", [prog.pk])
        cur.execute("DELETE FROM tasks_taskgroup WHERE programme_id = %s", [prog.pk])
        cur.execute(f"DELETE FROM {qn(Programme._meta.db_table)} WHERE id = %s", [prog.pk])
