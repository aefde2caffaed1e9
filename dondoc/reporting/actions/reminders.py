"""Reminders (đôn đốc): what is due or late today, sent once a day by e-mail and in the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dondoc.tasks import status as task_status
from dondoc.tasks.models import Task
from dondoc.units.models import Membership, Unit, User
from dondoc.vn import format_date

from .. import periods as P
from .. import risk, selectors
from ..jobs import MAX_ATTEMPTS, enqueue_delivery
from ..models import Notification, Period, ProgressReport, Reminder, WorkdayOverride
from .notifications import people_of
from .periods import ensure_all_periods, own_schedules


@dataclass
class PlannedReminder:
    kind: str
    recipient: Any
    item_key: str
    subject: str
    body: str
    url: str = ""


RISK_WEEKDAY = 0  # the tasks at risk are sent once a week, on Mondays


def plan_reminders(as_of: date, days: int = 3) -> list[PlannedReminder]:
    """What should be sent today: reporters whose report is due within `days` working days or missing,
    people of units whose tasks are due within `days` days or overdue, on Mondays the people of units whose
    tasks are at risk of missing their deadline (reporting/risk.py), and a digest for each office."""
    K = Reminder.Kind
    overrides = WorkdayOverride.as_map()
    out: list[PlannedReminder] = []
    due_url = reverse("reporting:due")
    digest: dict[int, list[str]] = {}
    owners: dict[int, Unit] = {}
    for s in own_schedules().select_related("owner", "programme"):
        # "Missing": the latest period whose deadline has passed.
        current = Period.objects.filter(schedule=s, deadline__lt=as_of).order_by("-end").first()
        candidates = list(
            Period.objects.filter(schedule=s, start__lte=as_of, deadline__gte=as_of, locked=False)
        )
        soon = [p for p in candidates if P.working_days_between(as_of, p.deadline, overrides) <= days]
        missing = [current] if current and not current.locked else []
        expected = list(s.reporting_units())
        owners[s.owner_id] = s.owner
        for kind, periods in ((K.REPORT_DUE, soon), (K.REPORT_MISSING, missing)):
            for p in periods:
                sent = set(
                    ProgressReport.objects.filter(period=p, status__in=selectors.COUNTED).values_list(
                        "unit_id", flat=True
                    )
                )
                late_units = [u for u in expected if u.pk not in sent]
                if kind == K.REPORT_MISSING and late_units:
                    digest.setdefault(s.owner_id, []).append(
                        f"- {s.name}, {p.label} (hạn {format_date(p.deadline)}): {len(late_units)} đơn vị chưa gửi: "
                        + ", ".join(u.name for u in late_units[:30])
                        + ("..." if len(late_units) > 30 else "")
                    )
                for u in late_units:
                    for person in people_of(u, [Membership.Role.REPORTER]):
                        if kind == K.REPORT_DUE:
                            subject = f"[dondoc] Báo cáo {p.label} hạn nộp {format_date(p.deadline)}"
                            body = (
                                f"Kính gửi {person.get_full_name()},\n\n{u.name} chưa gửi báo cáo {s.name} kỳ "
                                f"{p.label}. Hạn nộp: {format_date(p.deadline)}."
                            )
                        else:
                            subject = f"[dondoc] Quá hạn nộp báo cáo {p.label}"
                            body = (
                                f"Kính gửi {person.get_full_name()},\n\n{u.name} chưa gửi báo cáo {s.name} kỳ "
                                f"{p.label}; hạn nộp {format_date(p.deadline)} đã qua. Đề nghị gửi ngay."
                            )
                        out.append(
                            PlannedReminder(
                                kind, person, f"period:{p.pk}:unit:{u.pk}", subject, body, due_url
                            )
                        )
    # Tasks due soon or overdue, one reminder per unit and person.
    horizon = as_of + timedelta(days=days)
    tasks = (
        task_status.with_status(
            Task.objects.filter(programme__is_active=True, recurring=False, done__isnull=True), as_of
        )
        .filter(due_now__lte=horizon)
        .select_related("lead")
        .order_by("lead_id", "due_now", "code")
    )
    by_unit: dict[tuple[int, str], list[Task]] = {}
    for t in tasks:
        kind = K.TASK_OVERDUE if t.due_now < as_of else K.TASK_DUE
        by_unit.setdefault((t.lead_id, kind), []).append(t)
    # Tasks at risk of missing their deadline (the early warning), once a week, one reminder per unit and person.
    risky: dict[int, list[risk.Risk]] = {}
    if as_of.weekday() == RISK_WEEKDAY:
        for r in risk.at_risk(Task.objects.filter(programme__is_active=True), as_of):
            risky.setdefault(r.task.lead_id, []).append(r)
    members: dict[int, list] = {}
    for m in Membership.objects.filter(
        unit_id__in={k[0] for k in by_unit} | set(risky),
        role__in=[Membership.Role.REPORTER, Membership.Role.LEADER],
    ).select_related("user"):
        if m.user.is_active:
            members.setdefault(m.unit_id, []).append(m.user)
    for (unit_id, kind), ts in by_unit.items():
        unit = ts[0].lead
        lines = "\n".join(f"- {t.code}: {t.title[:150]} (hạn {format_date(t.due_now)})" for t in ts)
        what = "quá hạn" if kind == K.TASK_OVERDUE else f"đến hạn trong {days} ngày tới"
        for person in {u.pk: u for u in members.get(unit_id, [])}.values():
            out.append(
                PlannedReminder(
                    kind,
                    person,
                    f"unit:{unit_id}",
                    f"[dondoc] {len(ts)} nhiệm vụ {what} — {unit.name}",
                    f"Kính gửi {person.get_full_name()},\n\n{unit.name} có {len(ts)} nhiệm vụ {what}:\n{lines}",
                    reverse("tasks:catalogue") + f"?unit={unit_id}",
                )
            )
        if kind == K.TASK_OVERDUE:
            for owner_id, owner in owners.items():
                if unit.path.startswith(owner.path):
                    digest.setdefault(owner_id, []).append(f"- {unit.name}: {len(ts)} nhiệm vụ quá hạn")
    for unit_id, rs in risky.items():
        unit = rs[0].task.lead
        lines = "\n".join(
            f"- {r.task.code}: {r.task.title[:150]} (hạn {format_date(r.task.due_now)}; {r.score} điểm): "
            f"{r.reason_text}"
            for r in rs
        )
        for person in {u.pk: u for u in members.get(unit_id, [])}.values():
            out.append(
                PlannedReminder(
                    K.TASK_AT_RISK,
                    person,
                    f"unit:{unit_id}",
                    f"[dondoc] {len(rs)} nhiệm vụ có nguy cơ chậm — {unit.name}",
                    f"Kính gửi {person.get_full_name()},\n\n{unit.name} có {len(rs)} nhiệm vụ còn trong hạn nhưng có "
                    f"nguy cơ không hoàn thành đúng hạn:\n{lines}",
                    reverse("unit", args=[unit.code]) + "#nguy-co",
                )
            )
        for owner_id, owner in owners.items():
            if unit.path.startswith(owner.path):
                digest.setdefault(owner_id, []).append(f"- {unit.name}: {len(rs)} nhiệm vụ có nguy cơ chậm")
    for owner_id, lines in digest.items():
        owner = owners[owner_id]
        for person in User.objects.filter(
            memberships__unit=owner, memberships__role=Membership.Role.OFFICE, is_active=True
        ).distinct():
            out.append(
                PlannedReminder(
                    K.DIGEST,
                    person,
                    f"digest:{owner_id}",
                    f"[dondoc] Tổng hợp đôn đốc ngày {format_date(as_of)} — {owner.name}",
                    "Tình hình báo cáo và nhiệm vụ cần đôn đốc:\n" + "\n".join(lines),
                    reverse("reporting:grid"),
                )
            )
    return out


def send_reminders(as_of: date | None = None, *, days: int = 3, dry_run: bool = False) -> dict[str, int]:
    """Send today's reminders by e-mail (in the background) and in the app. A reminder already recorded
    for the same kind, person, item and day is not sent again. Also re-queues e-mails that failed earlier.
    Returns how many of each kind (and "retried")."""
    as_of = as_of or timezone.localdate()
    if not dry_run:
        ensure_all_periods(as_of)
    counts = {k: 0 for k in Reminder.Kind.values}
    planned = plan_reminders(as_of, days)
    done = set(Reminder.objects.filter(day=as_of).values_list("kind", "recipient_id", "item_key"))
    for r in planned:
        key = (r.kind, r.recipient.pk, r.item_key)
        if key in done:
            continue
        done.add(key)
        counts[r.kind] += 1
        if dry_run:
            continue
        try:
            with transaction.atomic():
                row = Reminder.objects.create(
                    kind=r.kind,
                    recipient=r.recipient,
                    item_key=r.item_key,
                    day=as_of,
                    subject=r.subject[:255],
                    body=r.body,
                    url=r.url,
                )
                Notification.objects.create(
                    user=r.recipient, text=r.subject.removeprefix("[dondoc] ")[:500], url=r.url
                )
                enqueue_delivery(row.pk)
        except IntegrityError:  # another run recorded it meanwhile
            counts[r.kind] -= 1
    retry = Reminder.objects.filter(
        status__in=[Reminder.Status.PENDING, Reminder.Status.FAILED],
        attempts__gt=0,
        attempts__lt=MAX_ATTEMPTS,
    )
    counts["retried"] = retry.count()
    if not dry_run:
        for pk in retry.values_list("pk", flat=True):
            enqueue_delivery(pk)
    return counts
