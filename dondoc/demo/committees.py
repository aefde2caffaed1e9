"""The demo province's steering committee: its members (lanhdao chairs it, baocao sits on it for Sở Khoa học và
Công nghệ, vanphong is in the Tổ giúp việc), two past meetings, and their conclusion notices read into tasks
through the same path the office takes (committees.drafting, then committees.actions.accept_drafts): the second
meeting's first directive follows up a task of Kế hoạch 366-KH/TU instead of duplicating it."""

from __future__ import annotations

from datetime import date

from dondoc.committees import actions
from dondoc.committees.drafting import make_drafts
from dondoc.committees.models import Member
from dondoc.tasks import actions as task_actions
from dondoc.tasks.models import Task

NAME = "Ban Chỉ đạo của tỉnh về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"

FIRST = """THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ nhất năm 2025

Ngày 20/3/2025, Ban Chỉ đạo tỉnh họp phiên thứ nhất, đánh giá việc triển khai Kế hoạch số 366-KH/TU. Trưởng Ban Chỉ đạo kết luận như sau:
1. Văn phòng Tỉnh ủy chủ trì, phối hợp với Sở Khoa học và Công nghệ xây dựng Quy chế phối hợp và chế độ thông tin, báo cáo của Ban Chỉ đạo tỉnh, hoàn thành trước ngày 30/4/2025.
2. Sở Nội vụ chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy tham mưu bố trí công chức phụ trách chuyển đổi số tại các xã, phường sau sắp xếp, hoàn thành trong quý III/2025.
3. Sở Tài chính cân đối, bố trí kinh phí năm 2025 cho các nhiệm vụ trọng tâm của Kế hoạch số 366-KH/TU, hoàn thành trong tháng 5/2025.
"""

SECOND = """THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ hai năm 2025

Ngày 26/6/2025, Ban Chỉ đạo tỉnh họp phiên thứ hai, sơ kết 6 tháng đầu năm. Đến nay, đã có 12/80 nhiệm vụ hoàn thành. Trưởng Ban Chỉ đạo kết luận như sau:
1. Sở Khoa học và Công nghệ khẩn trương hoàn thành đầu tư Trung tâm giám sát, điều hành thông minh của tỉnh (IOC), đưa vào vận hành trong tháng 9/2025.
2. Công an tỉnh bảo đảm an ninh, an toàn thông tin cho các hệ thống thông tin dùng chung của tỉnh, thực hiện thường xuyên.
3. Văn phòng Tỉnh ủy định kỳ hằng tháng tổng hợp, báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện Kế hoạch số 366-KH/TU.
"""

# The task group each accepted directive goes to (by its order in the conclusion).
GROUPS = {FIRST: [1, 4, 3], SECOND: [3, 5, 1]}


def _accept(committee, meeting, text: str, symbol: str, issued_on: date, office, groups) -> list[Task]:
    drafts = make_drafts(
        text,
        programme=committee.programme,
        root=committee.unit,
        standing=committee.standing_unit,
        plan_year=meeting.held_on.year,
        code_prefix=f"{committee.unit.code}.PH{meeting.number}",
    )
    accepted = [
        actions.Accepted(
            title=d.title,
            sentence=d.directive.sentence,
            position=d.directive.start,
            code=d.code,
            lead=d.lead,
            each=d.each,
            partners=d.partners,
            due=d.due,
            due_phrase=d.due_text or ("hằng tháng" if d.recurring == "monthly" else ""),
            recurring=bool(d.recurring or d.ongoing),
            output=d.output or "",
            group=groups.get(number),
            follow_up=d.follow_up,
        )
        for d, number in zip(drafts, GROUPS[text], strict=True)
    ]
    result = actions.accept_drafts(
        committee,
        accepted,
        programme=committee.programme,
        meeting=meeting,
        conclusion=actions.Conclusion(
            symbol, f"Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ {meeting.number}", issued_on, NAME
        ),
        text=text,
        actor=office,
    )
    return result.tasks


def load(ctx) -> None:
    units, users, programme = ctx.units, ctx.users, ctx.programme
    office = users["vanphong"]
    groups = {g.number: g for g in programme.groups.all()}
    committee = actions.create_committee(
        ctx.root,
        NAME,
        programme=programme,
        standing_unit=units["VPTU"],
        founding_symbol="1827-QĐ/TU",
        actor=office,
    )
    chair = actions.add_member(
        committee, users["lanhdao"], Member.Role.CHAIR, position="Phó Bí thư Tỉnh ủy", actor=office
    )
    member = actions.add_member(
        committee,
        users["baocao"],
        Member.Role.MEMBER,
        position="Giám đốc Sở Khoa học và Công nghệ",
        unit=units["SKHCN"],
        groups=[groups[3], groups[6]],
        units=[units["SKHCN"]],
        actor=office,
    )
    secretariat = actions.add_member(
        committee,
        office,
        Member.Role.SECRETARIAT,
        position="Phó Chánh Văn phòng Tỉnh ủy, Tổ trưởng Tổ giúp việc",
        unit=units["VPTU"],
        groups=[groups[1], groups[5]],
        actor=office,
    )
    everyone = [chair, member, secretariat]
    first = actions.create_meeting(
        committee,
        held_on=date(2025, 3, 20),
        title="Phiên họp thứ nhất năm 2025",
        place="Hội trường Tỉnh ủy",
        chair=chair,
        attendees=everyone,
        agenda="Đánh giá việc triển khai Kế hoạch số 366-KH/TU; phân công nhiệm vụ các thành viên.",
        documents=["366-KH/TU"],
        actor=office,
    )
    tasks = _accept(committee, first, FIRST, "05-TB/BCĐ", date(2025, 3, 24), office, groups)
    # of the new tasks, the working rules were done on time and the budget was started on
    task_actions.complete_task(tasks[0], date(2025, 4, 25), actor=office)
    task_actions.mark_started(tasks[-1], date(2025, 5, 10), actor=office)
    second = actions.create_meeting(
        committee,
        held_on=date(2025, 6, 26),
        title="Phiên họp thứ hai năm 2025 — sơ kết 6 tháng",
        place="Hội trường Tỉnh ủy",
        chair=chair,
        attendees=everyone,
        agenda="Sơ kết 6 tháng đầu năm thực hiện Kế hoạch số 366-KH/TU; nhiệm vụ 6 tháng cuối năm.",
        documents=["366-KH/TU"],
        actor=office,
    )
    _accept(committee, second, SECOND, "12-TB/BCĐ", date(2025, 6, 30), office, groups)
