"""Committee actions: members, meetings that know the one before, and drafts accepted all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from dondoc.audit.models import AuditEntry
from dondoc.committees import actions
from dondoc.committees.models import DirectiveLink, Member
from dondoc.documents.models import Document
from dondoc.tasks import actions as task_actions
from dondoc.tasks.models import Task


def test_members_and_their_history(committee, world):
    member = committee.members.get(user=world.reporter)
    assert [g.number for g in member.groups.all()] == [3] and list(member.units.all()) == [world.B]
    assert committee.founding_document.symbol == "1827-QĐ/TU"
    with pytest.raises(ValueError, match="đã là thành viên"):
        actions.add_member(committee, world.reporter, actor=world.office)
    changes = actions.update_member(member, role=Member.Role.VICE_CHAIR, units=[], actor=world.office)
    assert changes == {"role": ["member", "vice_chair"], "units": [["B"], []]}
    assert AuditEntry.objects.filter(object_type="committees.member", action="update").count() == 1
    actions.remove_member(member, actor=world.office)
    assert not committee.members.filter(user=world.reporter).exists()
    assert AuditEntry.objects.filter(object_type="committees.member", action="delete").exists()


def test_meetings_know_the_one_before(committee, world):
    first = actions.create_meeting(committee, held_on=date(2025, 3, 20), actor=world.office)
    third = actions.create_meeting(committee, held_on=date(2025, 9, 20), number=3, actor=world.office)
    assert (first.number, first.previous, third.previous) == (1, None, first)
    second = actions.create_meeting(
        committee,
        held_on=date(2025, 6, 24),
        number=2,
        chair=committee.members.get(role=Member.Role.CHAIR),
        attendees=list(committee.members.all()),
        documents=["366-KH/TU"],
        actor=world.office,
    )
    third.refresh_from_db()
    assert (second.previous, third.previous) == (first, second)
    assert second.attendees.count() == 3 and second.documents.get().symbol == "366-KH/TU"
    with pytest.raises(ValueError, match="Đã có phiên họp thứ 2"):
        actions.create_meeting(committee, held_on=date(2025, 6, 25), number=2, actor=world.office)


def _drafts(world):
    return [
        actions.Accepted(
            title="Xây dựng Đề án hạ tầng số",
            sentence="Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Y tế xây dựng Đề án hạ tầng số, quý III/2025.",
            position=10,
            code="P.PH2.01",
            lead=world.A,
            partners=[world.B],
            due=date(2025, 9, 30),
            due_phrase="quý III/2025",
        ),
        actions.Accepted(
            title="Báo cáo kết quả thực hiện hằng tháng",
            sentence="Các sở, ban, ngành định kỳ hằng tháng báo cáo kết quả thực hiện.",
            position=120,
            code="P.PH2.02",
            lead=world.P,
            each=[world.A, world.B],
            recurring=True,
            due_phrase="hằng tháng",
        ),
    ]


def test_accepting_drafts_creates_tasks_linked_to_the_meeting_and_its_conclusion(committee, world):
    meeting = actions.create_meeting(committee, held_on=date(2025, 6, 24), actor=world.office)
    result = actions.accept_drafts(
        committee,
        _drafts(world),
        programme=world.programme,
        meeting=meeting,
        conclusion=actions.Conclusion("12-TB/BCĐ", "Kết luận phiên họp thứ nhất", date(2025, 6, 26)),
        text="(nội dung kết luận)",
        actor=world.office,
    )
    doc = Document.objects.get(symbol="12-TB/BCĐ")
    meeting.refresh_from_db()
    assert meeting.conclusion == doc and meeting.conclusion_text == "(nội dung kết luận)"
    assert [t.code for t in result.tasks] == ["P.PH2.01", "P.PH2.02"]
    first = Task.objects.get(code="P.PH2.01")
    assert (first.lead, list(first.partners.all()), first.due, first.source) == (
        world.A,
        [world.B],
        date(2025, 9, 30),
        doc,
    )
    assert "Sở Khoa học và Công nghệ chủ trì" in first.note and "phiên họp thứ 1" in first.note
    parent = Task.objects.get(code="P.PH2.02")
    assert parent.recurring and parent.due is None and parent.due_phrase == "hằng tháng"
    assert sorted((c.code, c.lead.code) for c in parent.children.all()) == [
        ("P.PH2.02.01", "A"),
        ("P.PH2.02.02", "B"),
    ]
    links = list(DirectiveLink.objects.filter(meeting=meeting).order_by("position"))
    assert [(link.task.code, link.kind, link.document) for link in links] == [
        ("P.PH2.01", "new", doc),
        ("P.PH2.02", "new", doc),
    ]
    assert AuditEntry.objects.filter(object_type="committees.directivelink").count() == 2
    assert AuditEntry.objects.filter(object_type="tasks.task", action="create").count() == 4


def test_accepting_is_all_or_nothing(committee, world):
    meeting = actions.create_meeting(committee, held_on=date(2025, 6, 24), actor=world.office)
    drafts = _drafts(world)
    drafts[1].lead = None  # no lead
    drafts[1].each = []
    drafts.append(
        actions.Accepted(title="Nhiệm vụ không có thời hạn", sentence="…", code="P.PH2.01", lead=world.B)
    )
    before = (
        Task.objects.count(),
        Document.objects.count(),
        DirectiveLink.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(actions.DraftsRefused) as info:
        actions.accept_drafts(
            committee,
            drafts,
            programme=world.programme,
            meeting=meeting,
            conclusion=actions.Conclusion("13-TB/BCĐ"),
            actor=world.office,
        )
    errors = info.value.errors
    assert any("chưa chọn cơ quan chủ trì" in e for e in errors)
    assert any("chưa có thời hạn" in e for e in errors)
    assert any("mã P.PH2.01 trùng với dự thảo 1" in e for e in errors)
    after = (
        Task.objects.count(),
        Document.objects.count(),
        DirectiveLink.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before


def test_outside_the_office_scope_is_refused(committee, world):
    drafts = _drafts(world)[:1]
    drafts[0].lead = world.X
    with pytest.raises(actions.DraftsRefused, match="ngoài phạm vi quản lý"):
        actions.accept_drafts(
            committee,
            drafts,
            programme=world.programme,
            actor=world.office,
            managed=lambda u: u.is_in(world.P),
        )
    assert not Task.objects.filter(code="P.PH2.01").exists()


def test_a_follow_up_links_the_task_instead_of_a_duplicate(committee, world):
    task = task_actions.create_task(
        world.programme,
        code="3.4",
        title="Đầu tư Trung tâm giám sát, điều hành thông minh",
        lead=world.A,
        due=date(2025, 9, 30),
    )
    meeting = actions.create_meeting(committee, held_on=date(2025, 6, 24), actor=world.office)
    draft = actions.Accepted(
        title="Đưa Trung tâm giám sát, điều hành thông minh vào vận hành",
        sentence="Sở Khoa học và Công nghệ đưa Trung tâm giám sát, điều hành thông minh vào vận hành trong tháng 9/2025.",
        follow_up=task,
    )
    n = Task.objects.count()
    result = actions.accept_drafts(
        committee, [draft], programme=world.programme, meeting=meeting, actor=world.office
    )
    assert Task.objects.count() == n and result.followed_up == [task] and result.tasks == []
    link = DirectiveLink.objects.get(meeting=meeting)
    assert (link.task, link.kind) == (task, "follow_up")
    entry = AuditEntry.objects.get(object_type="tasks.task", object_id=str(task.pk), action="follow_up")
    assert "phiên họp thứ 1" in entry.note
    with pytest.raises(actions.DraftsRefused, match="đã được giao từ phiên họp này"):
        actions.accept_drafts(
            committee, [draft], programme=world.programme, meeting=meeting, actor=world.office
        )
