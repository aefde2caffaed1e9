"""Writes to committees, their members and meetings, and the acceptance of draft tasks from a conclusion.

Each action owns its transaction and records what it changed (dondoc.audit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from dondoc.audit.actions import diff, plain, record, record_many
from dondoc.documents.actions import register_document
from dondoc.tasks import actions as task_actions
from dondoc.tasks.models import Programme, Task, TaskGroup
from dondoc.units.models import Unit, User
from dondoc.vn import clean, format_date

from .models import Committee, DirectiveLink, Meeting, Member


class DraftsRefused(ValueError):
    """Drafts that cannot be accepted as they stand: every reason, in Vietnamese."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# --- committees ----------------------------------------------------------------------------------------------

COMMITTEE_FIELDS = ("name", "programme", "standing_unit", "founding_document", "is_active")


def _snapshot(obj, names) -> dict:
    return {n: getattr(obj, n) for n in names}


def create_committee(
    unit: Unit,
    name: str,
    *,
    programme: Programme | None = None,
    standing_unit: Unit | None = None,
    founding_symbol: str = "",
    founding_title: str = "",
    founding_date: date | None = None,
    actor=None,
) -> Committee:
    """Set up a unit's steering committee; its founding decision (quyết định thành lập) is registered as a
    document of the catalogue when its symbol is given."""
    name = clean(name)
    if not name:
        raise ValueError("Cần ghi tên Ban Chỉ đạo.")
    with transaction.atomic():
        founding = None
        if founding_symbol:
            founding = register_document(
                founding_symbol, actor=actor, title=founding_title, issued_on=founding_date, unit=unit
            )
        committee = Committee.objects.create(
            unit=unit,
            name=name,
            programme=programme,
            standing_unit=standing_unit,
            founding_document=founding,
        )
        record(
            actor=actor,
            action="create",
            obj=committee,
            unit=unit,
            changes=diff({}, _snapshot(committee, COMMITTEE_FIELDS)),
        )
        return committee


def update_committee(committee: Committee, *, actor=None, **fields) -> dict:
    """Change a committee's name, programme, standing office, founding decision or whether it is active."""
    unknown = set(fields) - set(COMMITTEE_FIELDS)
    if unknown:
        raise ValueError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        before = _snapshot(committee, COMMITTEE_FIELDS)
        for name, value in fields.items():
            setattr(committee, name, clean(value) if isinstance(value, str) else value)
        if not committee.name:
            raise ValueError("Cần ghi tên Ban Chỉ đạo.")
        changes = diff(before, _snapshot(committee, COMMITTEE_FIELDS))
        if changes:
            committee.save()
            record(actor=actor, action="update", obj=committee, unit=committee.unit, changes=changes)
        return changes


# --- members -------------------------------------------------------------------------------------------------


def _member_state(member: Member) -> dict:
    return {
        "role": member.role,
        "position": member.position,
        "unit": member.unit,
        "order": member.order,
        "groups": sorted(g.number for g in member.groups.all()),
        "units": sorted(u.code for u in member.units.all()),
    }


def add_member(
    committee: Committee,
    user: User,
    role: str = Member.Role.MEMBER,
    *,
    position: str = "",
    unit: Unit | None = None,
    groups=(),
    units=(),
    order: int | None = None,
    actor=None,
) -> Member:
    """Make a person a member of the committee, with the task groups and units they oversee."""
    if role not in Member.Role.values:
        raise ValueError(
            f"Vai trò '{role}' không có: chọn Trưởng ban, Phó Trưởng ban, Ủy viên hoặc Tổ giúp việc."
        )
    with transaction.atomic():
        if Member.objects.filter(committee=committee, user=user).exists():
            raise ValueError(f"{user} đã là thành viên của {committee}.")
        if order is None:
            order = committee.members.count() + 1
        member = Member.objects.create(
            committee=committee, user=user, role=role, position=clean(position), unit=unit, order=order
        )
        member.groups.set(groups)
        member.units.set(units)
        record(
            actor=actor,
            action="create",
            obj=member,
            unit=committee.unit,
            changes=diff({}, {"committee": committee, "user": user, **_member_state(member)}),
        )
        return member


def update_member(member: Member, *, actor=None, groups=None, units=None, **fields) -> dict:
    """Change a member's role, position, agency, order, or what they oversee."""
    allowed = {"role", "position", "unit", "order"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    if "role" in fields and fields["role"] not in Member.Role.values:
        raise ValueError(f"Vai trò '{fields['role']}' không có.")
    with transaction.atomic():
        before = _member_state(member)
        for name, value in fields.items():
            setattr(member, name, clean(value) if isinstance(value, str) else value)
        member.save()
        if groups is not None:
            member.groups.set(groups)
        if units is not None:
            member.units.set(units)
        changes = diff(before, _member_state(member))
        if changes:
            record(actor=actor, action="update", obj=member, unit=member.committee.unit, changes=changes)
        return changes


def remove_member(member: Member, *, actor=None) -> None:
    """Take a person off the committee (the meetings they chaired or attended keep their record)."""
    with transaction.atomic():
        record(
            actor=actor,
            action="delete",
            obj=member,
            unit=member.committee.unit,
            changes=diff({"user": member.user, **_member_state(member)}, {}),
        )
        member.delete()


# --- meetings ------------------------------------------------------------------------------------------------

MEETING_FIELDS = ("number", "held_on", "title", "place", "chair", "guests", "agenda")


def _meeting_state(meeting: Meeting) -> dict:
    return {
        **_snapshot(meeting, MEETING_FIELDS),
        "attendees": sorted(str(m.user) for m in meeting.attendees.all()),
        "documents": sorted(d.symbol for d in meeting.documents.all()),
        "conclusion": meeting.conclusion,
    }


def _documents(symbols, unit: Unit, actor) -> list:
    return [register_document(s, actor=actor, unit=unit) for s in symbols if clean(s)]


def create_meeting(
    committee: Committee,
    *,
    held_on: date,
    number: int | None = None,
    title: str = "",
    place: str = "",
    chair: Member | None = None,
    attendees=(),
    guests: str = "",
    agenda: str = "",
    documents=(),
    actor=None,
) -> Meeting:
    """Record a meeting of the committee. Its number defaults to the next one; it knows the meeting before it.
    `documents`: the symbols of the documents laid before it (registered in the catalogue if new)."""
    with transaction.atomic():
        last = committee.meetings.order_by("-number").first()
        if number is None:
            number = (last.number + 1) if last else 1
        if committee.meetings.filter(number=number).exists():
            raise ValueError(f"Đã có phiên họp thứ {number} của {committee}.")
        if chair is not None and chair.committee_id != committee.pk:
            raise ValueError("Người chủ trì phải là thành viên của Ban Chỉ đạo.")
        previous = committee.meetings.filter(number__lt=number).order_by("-number").first()
        meeting = Meeting.objects.create(
            committee=committee,
            number=number,
            held_on=held_on,
            title=clean(title),
            place=clean(place),
            chair=chair,
            guests=guests.strip(),
            agenda=agenda.strip(),
            previous=previous,
        )
        meeting.attendees.set([m for m in attendees if m.committee_id == committee.pk])
        meeting.documents.set(_documents(documents, committee.unit, actor))
        # A meeting numbered between others becomes the previous one of the next.
        committee.meetings.filter(previous=previous, number__gt=number).exclude(pk=meeting.pk).update(
            previous=meeting
        )
        record(
            actor=actor,
            action="create",
            obj=meeting,
            unit=committee.unit,
            changes=diff({}, _meeting_state(meeting)),
        )
        return meeting


def update_meeting(meeting: Meeting, *, actor=None, attendees=None, documents=None, **fields) -> dict:
    """Change a meeting's date, title, place, chair, guests, agenda, attendees or documents."""
    unknown = set(fields) - set(MEETING_FIELDS) - {"number"}
    if unknown:
        raise ValueError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        before = _meeting_state(meeting)
        if "number" in fields and fields["number"] != meeting.number:
            if meeting.committee.meetings.filter(number=fields["number"]).exclude(pk=meeting.pk).exists():
                raise ValueError(f"Đã có phiên họp thứ {fields['number']}.")
        for name, value in fields.items():
            setattr(meeting, name, value.strip() if isinstance(value, str) else value)
        meeting.save()
        if attendees is not None:
            meeting.attendees.set([m for m in attendees if m.committee_id == meeting.committee_id])
        if documents is not None:
            meeting.documents.set(_documents(documents, meeting.committee.unit, actor))
        changes = diff(before, _meeting_state(meeting))
        if changes:
            record(actor=actor, action="update", obj=meeting, unit=meeting.committee.unit, changes=changes)
        return changes


# --- accepting drafts ----------------------------------------------------------------------------------------


@dataclass
class Accepted:
    """A draft as the office accepts it: a new task (its sub-tasks one per unit in `each`), or the follow-up
    of a task already in the catalogue."""

    title: str
    sentence: str
    position: int = 0
    code: str = ""
    lead: Unit | None = None
    each: list[Unit] = field(default_factory=list)
    partners: list[Unit] = field(default_factory=list)
    due: date | None = None
    due_phrase: str = ""
    recurring: bool = False
    output: str = ""
    group: TaskGroup | None = None
    follow_up: Task | None = None


@dataclass
class Conclusion:
    """The conclusion notice (or plan) the drafts come from, registered as a document of the catalogue."""

    symbol: str
    title: str = ""
    issued_on: date | None = None
    issuer: str = ""


@dataclass
class AcceptResult:
    document: object | None
    tasks: list[Task]
    followed_up: list[Task]
    links: list[DirectiveLink]


def _checked(drafts: list[Accepted], programme: Programme, managed) -> list[str]:
    """Every reason the drafts cannot be accepted."""
    errors = []
    codes: dict[str, int] = {}
    for n, d in enumerate(drafts, start=1):
        label = f"Dự thảo {n} ({d.title[:60] or 'chưa có nội dung'})"
        if d.follow_up is not None:
            if d.follow_up.programme_id != programme.pk:
                errors.append(f"{label}: nhiệm vụ theo dõi tiếp không thuộc chương trình {programme.code}.")
            continue
        if not clean(d.title):
            errors.append(f"{label}: chưa có nội dung nhiệm vụ.")
        if not clean(d.code):
            errors.append(f"{label}: chưa có mã nhiệm vụ.")
        if d.lead is None:
            errors.append(f"{label}: chưa chọn cơ quan chủ trì.")
        for unit in [d.lead, *d.each]:
            if unit is not None and managed is not None and not managed(unit):
                errors.append(f"{label}: đơn vị {unit.name} nằm ngoài phạm vi quản lý.")
        if d.due is None and not d.recurring:
            errors.append(f"{label}: chưa có thời hạn — ghi ngày (dd/mm/yyyy) hoặc chọn “thường xuyên”.")
        if d.group is not None and d.group.programme_id != programme.pk:
            errors.append(f"{label}: nhóm nhiệm vụ không thuộc chương trình {programme.code}.")
        for code in [d.code, *(f"{d.code}.{i:02d}" for i in range(1, len(d.each) + 1))]:
            code = clean(code)
            if code in codes:
                errors.append(f"{label}: mã {code} trùng với dự thảo {codes[code]}.")
            codes.setdefault(code, n)
    taken = set(Task.objects.filter(programme=programme, code__in=list(codes)).values_list("code", flat=True))
    errors += [f"Mã {code} đã có trong chương trình {programme.code}." for code in sorted(taken)]
    return errors


def accept_drafts(
    committee: Committee,
    drafts: list[Accepted],
    *,
    programme: Programme,
    meeting: Meeting | None = None,
    conclusion: Conclusion | None = None,
    text: str = "",
    actor=None,
    managed=None,
) -> AcceptResult:
    """Accept the drafts the office kept into the catalogue, all or nothing: the conclusion registered as a
    document (and set as the meeting's), each new task created through tasks.actions.create_tasks (a directive
    to several units: a task of the committee's unit with one sub-task per unit), each follow-up linked to its
    task, every directive linked to the meeting and its sentence. `managed(unit)`: whether the actor may give
    that unit a task (the office's scope). Raises DraftsRefused with every reason and writes nothing."""
    if meeting is not None and meeting.committee_id != committee.pk:
        raise DraftsRefused(["Phiên họp không thuộc Ban Chỉ đạo này."])
    if not drafts:
        raise DraftsRefused(["Chưa có dự thảo nào được chọn để nhận vào danh mục."])
    errors = _checked(drafts, programme, managed)
    document = None
    with transaction.atomic():
        if conclusion is not None and clean(conclusion.symbol):
            try:
                document = register_document(
                    conclusion.symbol,
                    actor=actor,
                    title=conclusion.title,
                    issued_on=conclusion.issued_on,
                    issuer=conclusion.issuer,
                    unit=committee.unit,
                )
            except ValueError as exc:
                errors.append(f"Số, ký hiệu văn bản: {exc}")
        if errors:
            raise DraftsRefused(errors)
        if meeting is not None:
            before = {"conclusion": meeting.conclusion, "conclusion_text": meeting.conclusion_text}
            if document is not None:
                meeting.conclusion = document
            if text:
                meeting.conclusion_text = text
            changes = diff(
                before, {"conclusion": meeting.conclusion, "conclusion_text": meeting.conclusion_text}
            )
            if changes:
                meeting.save(update_fields=["conclusion", "conclusion_text"])
                changes["conclusion_text"] = [bool(before["conclusion_text"]), bool(text)]
                record(actor=actor, action="update", obj=meeting, unit=committee.unit, changes=changes)
        origin = _origin(meeting, document)
        specs = []
        for d in drafts:
            if d.follow_up is not None:
                continue
            code = clean(d.code)
            common = {
                "due": None if d.recurring else d.due,
                "due_phrase": clean(d.due_phrase)[:100],
                "recurring": d.recurring,
                "output": clean(d.output),
                "group": d.group,
                "source": document,
                "note": f"{origin}: “{clean(d.sentence)}”",
            }
            specs.append(
                {"code": code, "title": d.title, "lead": d.lead, "partners": list(d.partners), **common}
            )
            for i, unit in enumerate(d.each, start=1):
                specs.append(
                    {"code": f"{code}.{i:02d}", "title": d.title, "lead": unit, "parent_code": code, **common}
                )
        created = task_actions.create_tasks(programme, specs, actor=actor) if specs else {}
        links, followed = [], []
        for d in drafts:
            if d.follow_up is not None:
                task, kind = d.follow_up, DirectiveLink.Kind.FOLLOW_UP
                followed.append(task)
                record(
                    actor=actor,
                    action="follow_up",
                    obj=task,
                    unit=task.lead,
                    note=f"{origin}: “{clean(d.sentence)}”",
                )
            else:
                task, kind = created[clean(d.code)], DirectiveLink.Kind.NEW
            links.append(
                DirectiveLink(
                    committee=committee,
                    meeting=meeting,
                    document=document,
                    task=task,
                    kind=kind,
                    sentence=clean(d.sentence),
                    position=d.position,
                    accepted_by=actor if getattr(actor, "pk", None) else None,
                )
            )
        if meeting is not None:
            already = set(DirectiveLink.objects.filter(meeting=meeting).values_list("task_id", flat=True))
            twice = [link.task.code for link in links if link.task_id in already]
            if twice:
                raise DraftsRefused([f"Nhiệm vụ {', '.join(twice)} đã được giao từ phiên họp này."])
        DirectiveLink.objects.bulk_create(links)  # ids returned (PostgreSQL, SQLite ≥ 3.35)
        record_many(
            actor=actor,
            action="create",
            items=[
                (
                    link,
                    {
                        "task": [None, link.task.code],
                        "kind": [None, link.kind],
                        "meeting": [None, plain(meeting)],
                    },
                    committee.unit,
                )
                for link in links
            ],
        )
        new_tasks = [created[clean(d.code)] for d in drafts if d.follow_up is None]
        return AcceptResult(document=document, tasks=new_tasks, followed_up=followed, links=links)


def _origin(meeting: Meeting | None, document) -> str:
    if meeting is not None:
        where = f"Kết luận phiên họp thứ {meeting.number} ngày {format_date(meeting.held_on)}"
        return f"{where} ({document.symbol})" if document is not None else where
    return f"Văn bản {document.symbol}" if document is not None else "Trích văn bản"
