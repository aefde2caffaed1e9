"""The set-up of benchmark (c): fresh weekly periods, one reporter token per reporting unit, and the jobs
(one unit's report for one period each), so that every submission creates exactly one new report."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from dondoc.reporting import periods as P
from dondoc.reporting.models import Period, Schedule
from dondoc.tasks.models import Task
from dondoc.units.models import ApiToken, Membership, Unit, User, hash_token

MAX_ITEMS = 5


def prepare_submissions(ctx, total: int) -> tuple[list[dict], list[int]]:
    schedule = (
        Schedule.objects.filter(programme=ctx.programme, owner=ctx.root, period_type=P.WEEKLY)
        .order_by("pk")
        .first()
    )
    if schedule is None:
        schedule = Schedule.objects.create(
            programme=ctx.programme,
            name="Báo cáo tiến độ hằng tuần (đo hiệu năng)",
            period_type=P.WEEKLY,
            owner=ctx.root,
            unit_kinds="province,department,commune",
            deadline_offset=1,
            starts_on=date(2025, 7, 7),
        )
    units = list(
        Unit.objects.filter(path__startswith=ctx.root.path, kind__in=["department", "commune"])
        .annotate(n=Count("led_tasks", filter=Q(led_tasks__programme=ctx.programme)))
        .filter(n__gt=0)
        .order_by("pk")[:total]
    )
    if not units:
        return [], []
    # One reporter per unit (the generated one, or a new one) and one fresh token each.
    reporters = dict(
        Membership.objects.filter(unit__in=units, role=Membership.Role.REPORTER)
        .order_by("unit_id", "user_id")
        .values_list("unit_id", "user_id")
    )
    for u in units:
        if u.pk not in reporters:
            user = User.objects.create(username=f"{u.code.lower()}.bench", full_name=f"Đầu mối {u.name}")
            Membership.objects.create(user=user, unit=u, role=Membership.Role.REPORTER)
            reporters[u.pk] = user.pk
    raw_of = {}
    tokens = []
    expires = timezone.now() + timedelta(days=1)  # tokens expire (issue 13)
    for u in units:
        raw = "ddk_" + secrets.token_urlsafe(32)
        raw_of[u.pk] = raw
        tokens.append(
            ApiToken(
                user_id=reporters[u.pk],
                name="bench",
                prefix=raw[:10],
                key_hash=hash_token(raw),
                expires_at=expires,
            )
        )
    ApiToken.objects.bulk_create(tokens, batch_size=2000)
    # Fresh periods after the last one, as many as needed.
    n_periods = -(-total // len(units))
    last = schedule.periods.order_by("-end").first()
    spec = (
        P.next_period(P.WEEKLY, P.period_containing(P.WEEKLY, last.end))
        if last
        else P.period_containing(P.WEEKLY, schedule.starts_on)
    )
    periods = []
    for _ in range(n_periods):
        periods.append(
            Period.objects.create(
                schedule=schedule, code=spec.code, start=spec.start, end=spec.end,
                deadline=P.deadline_for(spec.end, schedule.deadline_offset),
            )
        )  # fmt: skip
        spec = P.next_period(P.WEEKLY, spec)
    tasks_of: dict[int, list[int]] = {}
    for tid, lead in (
        Task.objects.filter(programme=ctx.programme, lead__in=units)
        .order_by("lead_id", "id")
        .values_list("id", "lead_id")
    ):
        ids = tasks_of.setdefault(lead, [])
        if len(ids) < MAX_ITEMS:
            ids.append(tid)
    jobs = []
    for p in periods:
        for u in units:
            if len(jobs) >= total:
                break
            jobs.append(
                {
                    "period": p.pk,
                    "unit": u.code,
                    "token": raw_of[u.pk],
                    "key": str(uuid.uuid4()),
                    "items": [
                        {
                            "task": t,
                            "state": "in_progress",
                            "percent": 40,
                            "done_this_period": "Đã triển khai theo kế hoạch",
                        }
                        for t in tasks_of[u.pk]
                    ],
                }
            )
    return jobs, [p.pk for p in periods]
