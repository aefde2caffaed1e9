"""Task data for the dashboard tests: a catalogue spread over the world's units, every status present."""

from __future__ import annotations

from datetime import date, timedelta

from dondoc.tasks.actions import create_task

AS_OF = date(2025, 7, 15)


def make_tasks(world, n: int, *, prefix: str = "T") -> list:
    """n tasks led by A, B, C and P in turn, groups 1..7, statuses cycling through every bucket as of AS_OF."""
    groups = list(world.programme.groups.order_by("number"))
    leads = [world.A, world.B, world.C, world.P]
    out = []
    for i in range(n):
        kind = i % 6
        due = date(2025, 3, 31) + timedelta(days=(i * 7) % 200)
        fields = {"due": due, "recurring": False, "started": date(2025, 2, 1), "done": None}
        if kind == 0:  # done on time
            fields["done"] = due - timedelta(days=3)
        elif kind == 1:  # done late
            fields["done"] = due + timedelta(days=5)
        elif kind == 5:  # recurring
            fields = {"due": None, "recurring": True, "started": date(2025, 2, 1), "done": None}
        out.append(
            create_task(
                world.programme,
                code=f"{prefix}.{i:04d}",
                title=f"Nhiệm vụ thử nghiệm số {i}",
                group=groups[i % len(groups)],
                lead=leads[i % len(leads)],
                note="Ghi chú nội bộ: không công khai",
                **fields,
            )
        )
    return out
