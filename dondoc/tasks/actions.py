"""Writes to programmes and tasks. Each owns its transaction and writes the task's history."""

from __future__ import annotations

import hashlib
from contextlib import nullcontext
from datetime import date, timedelta
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from dondoc.audit.actions import diff, record, record_many
from dondoc.tabular import bulk
from dondoc.vn import clean, format_date

from . import snapshots
from .models import DeadlineExtension, PendingImport, Programme, Task, TaskGroup

IMPORT_KEPT_FOR = timedelta(days=1)  # an uploaded plan waits this long for its confirmation

NQ57_GROUPS = [
    "Nâng cao nhận thức, đổi mới tư duy, lãnh đạo, chỉ đạo, tạo xung lực mới, khích lệ mới trong toàn xã hội "
    "về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "Khẩn trương, quyết liệt hoàn thiện thể chế; xoá bỏ mọi tư tưởng, quan niệm, rào cản đang cản trở sự phát "
    "triển; đưa thể chế thành một lợi thế cạnh tranh",
    "Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài đáp ứng yêu cầu phát triển khoa học, công nghệ, "
    "đổi mới sáng tạo và chuyển đổi số",
    "Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của các cơ quan "
    "trong hệ thống chính trị",
    "Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong doanh nghiệp",
    "Tăng cường hợp tác quốc tế trong phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
]
NQ57_NAME = "Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"

TRACKED_FIELDS = (
    "title",
    "group",
    "parent",
    "lead",
    "due",
    "due_phrase",
    "recurring",
    "output",
    "source",
    "note",
    "started",
    "done",
    "progress",
)


def snapshot(task: Task, partners: list[str] | None = None) -> dict[str, Any]:
    """The values history compares, in readable form."""
    data = {f: getattr(task, f) for f in TRACKED_FIELDS}
    if task.pk is not None or partners is not None:
        data["partners"] = partners if partners is not None else sorted(u.code for u in task.partners.all())
    return data


def ensure_programme(code: str, *, name: str = "", actor=None) -> Programme:
    """The programme with this code, created if new (NQ57 with its seven groups)."""
    code = clean(code).upper()
    prog = Programme.objects.filter(code=code).first()
    if prog is not None:
        return prog
    with transaction.atomic():
        if code == "NQ57":
            prog = Programme.objects.create(code=code, name=name or NQ57_NAME, plan_year=2025)
            for i, group_name in enumerate(NQ57_GROUPS, start=1):
                TaskGroup.objects.create(programme=prog, number=i, name=group_name)
        else:
            prog = Programme.objects.create(code=code, name=clean(name) or f"Chương trình {code}")
        record(actor=actor, action="create", obj=prog)
    return prog


PROGRAMME_FIELDS = ("name", "description", "document", "plan_year", "is_active")


def update_programme(programme: Programme, *, actor=None, **fields) -> dict:
    """Change a programme's name, description, founding document, plan year or whether it is followed.
    Returns the changes (empty: nothing written)."""
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        before = {f: getattr(programme, f) for f in PROGRAMME_FIELDS}
        for name, value in fields.items():
            setattr(programme, name, clean(value) if isinstance(value, str) else value)
        changes = diff(before, {f: getattr(programme, f) for f in PROGRAMME_FIELDS})
        if not changes:
            return {}
        programme.save()
        record(actor=actor, action="update", obj=programme, changes=changes)
        return changes


def create_task(programme: Programme, *, actor=None, partners=(), **fields) -> Task:
    """Add a task to the catalogue. A code already used in the programme is refused (ValueError)."""
    with transaction.atomic():
        task = Task(programme=programme, **fields)
        task.title, task.code = clean(task.title), clean(task.code)
        if not task.title or not task.code:
            raise ValueError("Nhiệm vụ cần có mã và nội dung.")
        if not task.recurring and task.due is None:
            raise ValueError("Nhiệm vụ không thường xuyên cần có thời hạn.")
        if Task.objects.filter(programme=programme, code=task.code).exists():
            raise ValueError(f"Chương trình {programme.code} đã có nhiệm vụ mã {task.code}.")
        if task.parent is not None and task.parent.programme_id != programme.pk:
            raise ValueError("Nhiệm vụ cụ thể thuộc cùng chương trình với nhiệm vụ cha.")
        with snapshots.kept_exact([programme.pk], None) as kept:  # a new task counts at every date
            task.save()
            kept.created([task.pk])
        if partners:
            task.partners.set(partners)
        record(actor=actor, action="create", obj=task, unit=task.lead, changes=diff({}, snapshot(task)))
        return task


def create_tasks(
    programme: Programme, specs: list[dict], *, actor=None, action: str = "create"
) -> dict[str, Task]:
    """Add many tasks at once (an imported plan): bulk inserts, each task with its history entry.

    Each spec holds Task fields plus `partners` (units) and `parent_code` (a task of the same programme,
    possibly one of these). Returns the new tasks by code."""
    with transaction.atomic():
        tasks = []
        for spec in specs:
            fields = {k: v for k, v in spec.items() if k not in ("partners", "parent_code")}
            task = Task(programme=programme, **fields)
            task.title = clean(task.title)
            task.fill_search_text()
            tasks.append(task)
        by_code = {t.code: t for t in tasks}
        parent_code = {s["code"]: s.get("parent_code") for s in specs}
        outside = {p for p in parent_code.values() if p and p not in by_code}
        known = {t.code: t for t in Task.objects.filter(programme=programme, code__in=outside)}

        # Insert parents before their children, layer by layer, so every parent id is known at insert time.
        def depth(code: str) -> int:
            n, seen = 0, set()
            while parent_code.get(code) in by_code and code not in seen:
                seen.add(code)
                code, n = parent_code[code], n + 1
            return n

        layers: dict[int, list[Task]] = {}
        for task in tasks:
            layers.setdefault(depth(task.code), []).append(task)
        ids = bulk.allocate_ids(Task, len(tasks))
        if ids is not None:
            for task, pk in zip(tasks, ids, strict=True):
                task.pk = pk
        with snapshots.kept_exact(
            [programme.pk] if tasks else [], None
        ) as kept:  # new tasks count every date
            for level in sorted(layers):
                for task in layers[level]:
                    code = parent_code.get(task.code)
                    if code:
                        task.parent = by_code.get(code) or known[code]
                bulk.insert(Task, layers[level])
            kept.created([t.pk for t in tasks])
        through = Task.partners.through
        bulk.insert(
            through,
            [
                through(task_id=t.pk, unit_id=u.pk)
                for s, t in zip(specs, tasks, strict=True)
                for u in s.get("partners", ())
            ],
        )
        record_many(
            actor=actor,
            action=action,
            items=[
                (t, _created(t, sorted(u.code for u in s.get("partners", ()))), t.lead)
                for s, t in zip(specs, tasks, strict=True)
            ],
        )
        return by_code


def split_task(
    parent: Task, units, *, title: str, due, due_phrase: str, recurring: bool, output: str = "", actor=None
) -> list[Task]:
    """Split a task into sub-tasks, one for each unit (nhiệm vụ cụ thể của từng đơn vị), coded after the parent
    (1.2 → 1.2.1, 1.2.2 ...: the next free numbers), in the parent's group; each with its own history."""
    units = [u for u in units]
    if not units:
        raise ValueError("Chọn ít nhất một đơn vị nhận nhiệm vụ cụ thể.")
    if not clean(title):
        raise ValueError("Thiếu nội dung nhiệm vụ cụ thể.")
    with transaction.atomic():
        taken = set(Task.objects.filter(programme_id=parent.programme_id).values_list("code", flat=True))
        specs, n = [], 0
        for unit in units:
            n += 1
            while f"{parent.code}.{n}" in taken:
                n += 1
            specs.append(
                {
                    "code": f"{parent.code}.{n}",
                    "title": title,
                    "group": parent.group,
                    "lead": unit,
                    "due": due,
                    "due_phrase": due_phrase,
                    "recurring": recurring,
                    "output": clean(output),
                    "source": parent.source,
                    "parent_code": parent.code,
                }
            )
        made = create_tasks(parent.programme, specs, actor=actor)
        return [made[s["code"]] for s in specs]


def _created(task: Task, partner_codes: list[str]) -> dict:
    """History of a new task: every field it was given, as [None, value] (what diff({}, snapshot) gives,
    without the empty fields), built directly because an imported plan has tens of thousands of them."""
    out = {}
    for name in TRACKED_FIELDS:
        value = getattr(task, name)
        if value is None or value == "" or value is False:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, models.Model):
            value = str(value)
        out[name] = [None, value]
    if partner_codes:
        out["partners"] = [None, partner_codes]
    return out


_COUNTED = {
    "lead": "lead_id",
    "programme": "programme_id",
    "group": "group_id",
    "recurring": "recurring",
    "due": "due",
    "done": "done",
    "started": "started",
}


def _counted(task: Task) -> dict[str, Any]:
    """The fields the status counts read."""
    return {k: getattr(task, v) for k, v in _COUNTED.items()}


def _kept_exact(task: Task, before: dict[str, Any], after: dict[str, Any]):
    """Keep the kept counts exact across a change of the counted fields: at every kept day when the task moves
    (lead, programme, group) or becomes or stops being recurring; else from the earliest date that changed (old
    or new value). Nothing to keep when none of them changes."""
    changed = [k for k in before if before[k] != after[k]]
    if not changed:
        return nullcontext()
    programmes = {before["programme"], after["programme"]}
    if {"lead", "programme", "group", "recurring"} & set(changed):
        return snapshots.kept_exact(programmes, None, ids=[task.pk])
    since = snapshots.earliest(*(v for k in changed for v in (before[k], after[k])))
    return snapshots.kept_exact(programmes, since, ids=[task.pk])


# What an update may carry: the tracked fields, plus the code and the programme (moved with its sub-tasks).
UPDATABLE = (*TRACKED_FIELDS, "code", "programme")
# Fields an update refuses, with the reason (never silently dropped).
NOT_UPDATABLE = {
    "extended": "Thời hạn gia hạn chỉ ghi qua gia hạn nhiệm vụ (giữ thời hạn ban đầu).",
    "search_text": "Trường tìm kiếm do hệ thống tự tính.",
    "created_at": "Thời điểm tạo do hệ thống ghi.",
    "updated_at": "Thời điểm sửa do hệ thống ghi.",
    "id": "Không đổi được số định danh của nhiệm vụ.",
    "pk": "Không đổi được số định danh của nhiệm vụ.",
}


def _refuse_unknown(fields: dict) -> None:
    refused = [NOT_UPDATABLE[f] for f in fields if f in NOT_UPDATABLE]
    unknown = sorted(f for f in fields if f not in NOT_UPDATABLE and f not in UPDATABLE)
    if unknown:
        refused.append(f"Nhiệm vụ không có trường: {', '.join(unknown)}.")
    if refused:
        raise ValueError(" ".join(refused))


def _check_update(task: Task, fields: dict, old_programme_id: int) -> None:
    """Refuse, with the reason, an update that would leave the task inconsistent; fill the group of a task moved
    to another programme when none was given (the group of the same number there, else none)."""
    if "code" in fields:
        fields["code"] = clean(fields["code"] or "")
        if not fields["code"] or len(fields["code"]) > 64:
            raise ValueError("Mã nhiệm vụ phải có từ 1 đến 64 ký tự.")
    if "title" in fields:
        fields["title"] = clean(fields["title"] or "")
        if not fields["title"]:
            raise ValueError("Thiếu nội dung nhiệm vụ.")
    programme = fields.get("programme", task.programme)
    moved = programme.pk != old_programme_id
    if moved and "group" not in fields and task.group_id is not None:
        fields["group"] = programme.groups.filter(number=task.group.number).first()
    group = fields.get("group", task.group)
    if group is not None and group.programme_id != programme.pk:
        raise ValueError(f"Nhóm nhiệm vụ “{group}” không thuộc chương trình {programme.code}.")
    parent = fields.get("parent", task.parent)
    if parent is not None:
        if parent.programme_id != programme.pk:
            raise ValueError(
                f"Nhiệm vụ cha {parent.code} thuộc chương trình khác: nhiệm vụ cụ thể đi cùng chương trình "
                "của nhiệm vụ cha (đổi chương trình của nhiệm vụ cha, hoặc bỏ nhiệm vụ cha)."
            )
        cur, seen = parent, set()
        while cur is not None and cur.pk not in seen:
            if cur.pk == task.pk:
                raise ValueError(
                    "Nhiệm vụ cha không được là chính nhiệm vụ này hoặc một nhiệm vụ cụ thể của nó."
                )
            seen.add(cur.pk)
            cur = cur.parent
    code = fields.get("code", task.code)
    if (moved or "code" in fields) and (
        Task.objects.filter(programme=programme, code=code).exclude(pk=task.pk).exists()
    ):
        raise ValueError(f"Chương trình {programme.code} đã có nhiệm vụ mã {code}.")
    recurring = fields.get("recurring", task.recurring)
    if not recurring and fields.get("due", task.due) is None:
        raise ValueError("Nhiệm vụ không thường xuyên cần có thời hạn.")
    progress = fields.get("progress", task.progress)
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValueError("Tiến độ là số phần trăm từ 0 đến 100.")


def update_task(
    task: Task, *, actor=None, partners=None, action: str = "update", reason: str = "", **fields
) -> dict:
    """Change a task's fields; history keeps before → after. Returns the changes (empty: nothing written).

    Every field an update may carry is applied (UPDATABLE), any other is refused with a ValueError naming why:
    nothing is silently dropped. A change of programme moves the task's sub-tasks with it (each with its own
    history); the task keeps its dates, extensions and reports, so its status history is unchanged. `note` is the
    task's own note (ghi chú); `reason` is the note of this change in the history."""
    _refuse_unknown(fields)
    with transaction.atomic():
        before = {**snapshot(task), "code": task.code, "programme": task.programme}
        # What the counts read, as the database holds it (locked): the object in hand may be older.
        row = Task.objects.select_for_update().filter(pk=task.pk).values(*_COUNTED.values()).first()
        counted = {k: row[v] for k, v in _COUNTED.items()} if row else _counted(task)
        _check_update(task, fields, counted["programme"])
        for name, value in fields.items():
            setattr(task, name, value)
        after_partners = sorted(u.code for u in partners) if partners is not None else before.get("partners")
        after = {**snapshot(task, after_partners), "code": task.code, "programme": task.programme}
        changes = diff(before, after)
        if not changes:
            return {}
        # Only what this update carries: a stale object in hand must not write back other columns (`extended`
        # set by an extension since it was read).
        with _kept_exact(task, counted, _counted(task)):
            task.save(update_fields=[*fields, "search_text", "updated_at"])
        if partners is not None and "partners" in changes:
            task.partners.set(partners)
        record(actor=actor, action=action, obj=task, unit=task.lead, changes=changes, note=reason)
        if "programme" in changes:
            for child in task.children.select_related("group", "programme"):
                update_task(child, actor=actor, action=action, reason=reason, programme=task.programme)
        return changes


def extend_deadline(
    task: Task, new_due: date, reason: str, *, granted_on: date, actor=None
) -> DeadlineExtension:
    """Grant an extension (gia hạn): the new deadline is in force from `granted_on`; the original is kept."""
    if task.recurring:
        raise ValueError("Nhiệm vụ thường xuyên không có thời hạn để gia hạn.")
    reason = clean(reason)
    if not reason:
        raise ValueError("Cần ghi lý do gia hạn.")
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        current = (
            task.extensions.order_by("-granted_on", "-id").values_list("new_due", flat=True).first()
            or task.due
        )
        if new_due <= current:
            raise ValueError(
                f"Thời hạn mới ({format_date(new_due)}) phải sau thời hạn đang áp dụng ({format_date(current)})."
            )
        # The deadline in force changes from that day.
        with snapshots.kept_exact([task.programme_id], granted_on, ids=[task.pk]):
            ext = DeadlineExtension.objects.create(
                task=task,
                old_due=current,
                new_due=new_due,
                reason=reason,
                granted_on=granted_on,
                granted_by=actor,
            )
            Task.objects.filter(pk=task.pk).update(extended=True)
        record(
            actor=actor,
            action="extend_deadline",
            obj=task,
            unit=task.lead,
            changes={"due_in_force": [current.isoformat(), new_due.isoformat()]},
            note=reason,
        )
        return ext


def mark_started(task: Task, on: date, *, actor=None) -> None:
    """Record the first progress date, if none was recorded yet (or an earlier one is given)."""
    if task.started is None or on < task.started:
        update_task(task, actor=actor, action="start", started=on)


def complete_task(task: Task, on: date, *, actor=None, note: str = "") -> None:
    """Record the completion date (as accepted by the office); the status engine counts it from then."""
    fields: dict[str, Any] = {"done": on, "progress": 100}
    if task.started is None or task.started > on:
        fields["started"] = on
    update_task(task, actor=actor, action="complete", reason=note, **fields)


def reopen_task(task: Task, *, actor=None, note: str = "") -> None:
    """Undo a completion: the task is open again (history keeps the earlier completion)."""
    update_task(task, actor=actor, action="reopen", reason=note, done=None)


def ensure_group(programme: Programme, number: int, name: str, *, actor=None) -> TaskGroup:
    """The programme's task group with this number, created if new (a programme other than NQ57 brought by a
    package or a plan). An existing group keeps its name."""
    with transaction.atomic():
        group = TaskGroup.objects.filter(programme=programme, number=number).first()
        if group is None:
            group = TaskGroup.objects.create(programme=programme, number=number, name=clean(name))
            record(actor=actor, action="create", obj=group, changes={"name": [None, group.name]})
        return group


def set_extensions(task: Task, extensions: list[dict], *, actor=None, note: str = "") -> bool:
    """Make the task's deadline extensions exactly these ({old_due, new_due, granted_on, reason}, in the order
    granted), as another instance recorded them: used for the copy of a province's catalogue. Keeps those already
    equal, drops the rest, adds the new ones; one history entry. Returns whether anything changed."""

    def key(e) -> tuple:
        return (e["old_due"], e["new_due"], e["granted_on"], e["reason"])

    with transaction.atomic():
        current = list(task.extensions.order_by("granted_on", "id"))
        have = [
            key({f: getattr(e, f) for f in ("old_due", "new_due", "granted_on", "reason")}) for e in current
        ]
        want = [key(e) for e in extensions]
        if have == want:
            return False
        same = 0
        while same < min(len(have), len(want)) and have[same] == want[same]:
            same += 1
        gone = current[same:]
        changed_days = [e.granted_on for e in gone] + [w[2] for w in want[same:]]
        with snapshots.kept_exact([task.programme_id], snapshots.earliest(*changed_days), ids=[task.pk]):
            if gone:
                DeadlineExtension.objects.filter(pk__in=[e.pk for e in gone]).delete()
            DeadlineExtension.objects.bulk_create(
                [
                    DeadlineExtension(
                        task=task, old_due=o, new_due=n, granted_on=g, reason=r, granted_by=None
                    )
                    for o, n, g, r in want[same:]
                ]
            )
            Task.objects.filter(pk=task.pk).update(extended=bool(want))
        task.extended = bool(want)
        record(
            actor=actor,
            action="extend_deadline",
            obj=task,
            unit=task.lead,
            changes={
                "extensions": [
                    [f"{o.isoformat()} → {n.isoformat()} ({g.isoformat()})" for o, n, g, _ in have],
                    [f"{o.isoformat()} → {n.isoformat()} ({g.isoformat()})" for o, n, g, _ in want],
                ]
            },
            note=note,
        )
        return True


def delete_tasks(tasks: list[Task], *, actor=None, note: str = "") -> int:
    """Remove tasks from the catalogue (a copy of a province's catalogue losing the tasks the province no longer
    has). History keeps each task's last values; their sub-tasks among them go too, others lose their parent."""
    if not tasks:
        return 0
    with transaction.atomic():
        ids = [t.pk for t in tasks]
        records = [(t, diff(snapshot(t), {}), t.lead) for t in tasks]
        Task.objects.filter(parent_id__in=ids).update(parent=None)
        # A task gone changes every date.
        with snapshots.kept_exact({t.programme_id for t in tasks}, None, ids=ids):
            Task.objects.filter(pk__in=ids).delete()
        record_many(actor=actor, action="delete", items=records, note=note)
        return len(ids)


def stage_import(user, unit, programme_code: str, name: str, data: bytes) -> PendingImport:
    """Keep an uploaded plan (already checked by dondoc.uploads) until its preview is confirmed or discarded; the
    user's files left for more than a day go."""
    with transaction.atomic():
        PendingImport.objects.filter(user=user, created_at__lt=timezone.now() - IMPORT_KEPT_FOR).delete()
        return PendingImport.objects.create(
            user=user,
            unit=unit,
            programme_code=programme_code,
            name=name[-255:],
            data=data,
            digest=hashlib.sha256(data).hexdigest(),
        )


def discard_import(pending: PendingImport) -> None:
    """Drop a kept plan (confirmed or given up)."""
    PendingImport.objects.filter(pk=pending.pk).delete()
