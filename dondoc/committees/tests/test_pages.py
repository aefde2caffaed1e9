"""The committee pages through the HTTP client: who sees what (outside the scope: 404), the member's view with
its fixed number of queries, and turning a conclusion into tasks — nothing saved before acceptance."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import make_user
from dondoc.committees import actions
from dondoc.committees.models import DirectiveLink, Member
from dondoc.documents.models import Document
from dondoc.tasks import actions as task_actions
from dondoc.tasks import status
from dondoc.tasks.models import Task
from dondoc.units.models import Unit

CONCLUSION = """THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ nhất

1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Y tế xây dựng Đề án hạ tầng số của tỉnh, hoàn thành trước ngày 30/9/2025.
2. Sở Y tế triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh, quý IV/2025.
3. Các sở, ban, ngành định kỳ hằng tháng báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện.
4. Đến nay đã có 3/81 nhiệm vụ hoàn thành.
5. Xã Đông Sơn rà soát, số hóa hồ sơ thủ tục hành chính, hoàn thành trong tháng 12/2025.
"""


def accept_data(source: dict) -> dict:
    """The accept step's POST for the four drafts of CONCLUSION, before the test's own choices."""
    data = {**source, "step": "accept"}
    for i, (code, lead) in enumerate(
        [("P.PH1.01", "A"), ("P.PH1.02", "B"), ("P.PH1.03", "P"), ("P.PH1.04", "C")]
    ):
        data.update(
            {f"d{i}-code": code, f"d{i}-lead": lead, f"d{i}-sentence": f"câu {i}", f"d{i}-position": i}
        )
    return data


@pytest.fixture
def meeting(committee, world):
    return actions.create_meeting(
        committee,
        held_on=date(2025, 6, 24),
        chair=committee.members.get(role=Member.Role.CHAIR),
        actor=world.office,
    )


@pytest.fixture
def tasks(world):
    g = {x.number: x for x in world.programme.groups.all()}
    made = [
        task_actions.create_task(
            world.programme, code="1.1", title="Hạ tầng A", lead=world.A, group=g[3], due=date(2025, 3, 31)
        ),
        task_actions.create_task(
            world.programme, code="1.2", title="Y tế B", lead=world.B, group=g[5], due=date(2025, 12, 31)
        ),
        task_actions.create_task(
            world.programme, code="1.3", title="Xã C", lead=world.C, group=g[1], due=date(2025, 1, 31)
        ),
        task_actions.create_task(
            world.programme, code="1.4", title="Hạ tầng xã", lead=world.C, group=g[3], due=date(2025, 12, 31)
        ),
    ]
    task_actions.complete_task(made[1], date(2025, 5, 1))
    return made


def test_who_sees_the_committee(committee, meeting, world):
    pages = [f"/ban-chi-dao/{committee.pk}/", f"/ban-chi-dao/phien-hop/{meeting.pk}/"]
    for user in (world.office, world.leader, world.admin):
        for url in pages:
            assert world.client(user).get(url).status_code == 200, (user, url)
    # a reporter sees nothing of committees but their own member's view; someone of another unit nothing
    for user in (world.reporter, world.other):
        for url in pages:
            assert world.client(user).get(url).status_code == 404, (user, url)
    home = world.client(world.reporter).get("/ban-chi-dao/").content.decode()
    assert "Nhiệm vụ tôi theo dõi" in home and committee.name in home
    assert committee.name not in world.client(world.other).get("/ban-chi-dao/").content.decode()
    assert world.client(None).get("/ban-chi-dao/").status_code == 302


def test_only_the_office_manages(committee, meeting, world):
    writes = [
        f"/ban-chi-dao/{committee.pk}/sua/",
        f"/ban-chi-dao/{committee.pk}/thanh-vien/them/",
        f"/ban-chi-dao/{committee.pk}/phien-hop/moi/",
        f"/ban-chi-dao/{committee.pk}/du-thao/",
        f"/ban-chi-dao/phien-hop/{meeting.pk}/sua/",
        f"/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/",
    ]
    for url in writes:
        assert world.client(world.office).get(url).status_code == 200, url
        assert world.client(world.leader).get(url).status_code == 404, url
        assert world.client(world.reporter).get(url).status_code == 404, url
    assert world.client(world.leader).post("/ban-chi-dao/moi/", {"name": "x", "unit": "P"}).status_code == 404


def test_office_sets_up_a_committee_member_and_meeting_through_the_pages(world):
    office = world.client(world.office)
    response = office.post(
        "/ban-chi-dao/moi/",
        {
            "unit": "P",
            "name": "Ban Chỉ đạo tỉnh",
            "programme": "NQ57",
            "standing_unit": "A",
            "founding_symbol": "5-QĐ/TU",
        },
    )
    assert response.status_code == 302
    committee = world.P.committees.get()
    assert committee.standing_unit == world.A and committee.founding_document.symbol == "5-QĐ/TU"
    group3 = world.programme.groups.get(number=3)
    response = office.post(
        f"/ban-chi-dao/{committee.pk}/thanh-vien/them/",
        {
            "user": world.leader.pk,
            "role": "chair",
            "position": "Bí thư Tỉnh ủy",
            "groups": [group3.pk],
            "units": ["B"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = committee.members.get()
    assert (member.role, list(member.units.all())) == ("chair", [world.B])
    response = office.post(
        f"/ban-chi-dao/{committee.pk}/phien-hop/moi/",
        {
            "number": 1,
            "held_on": "24/06/2025",
            "chair": member.pk,
            "attendees": [member.pk],
            "documents": "366-KH/TU, 12-BC/BCĐ",
        },
    )
    assert response.status_code == 302
    meeting = committee.meetings.get()
    assert meeting.held_on == date(2025, 6, 24) and meeting.documents.count() == 2
    page = office.get(f"/ban-chi-dao/phien-hop/{meeting.pk}/").content.decode()
    assert "24/06/2025" in page and "12-BC/BCĐ" in page
    bad = office.post(
        f"/ban-chi-dao/{committee.pk}/phien-hop/moi/",
        {"number": 2, "held_on": "31/02/2025", "documents": "abc"},
    )
    assert bad.status_code == 200 and committee.meetings.count() == 1


def test_member_view_shows_what_the_member_oversees_late_first(
    committee, tasks, world, django_assert_max_num_queries
):
    member = committee.members.get(user=world.reporter)
    url = f"/ban-chi-dao/{committee.pk}/thanh-vien/{member.pk}/?as_of=01/07/2025"
    client = world.client(world.reporter)
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    # group 3 (1.1, 1.4) and unit B (1.2), not 1.3; the overdue one first
    assert page.index("1.1") < page.index("1.4") and "1.2" in page and "Xã C" not in page
    expected = status.count(Task.objects.filter(code__in=["1.1", "1.2", "1.4"]), date(2025, 7, 1))
    assert expected.sentence in page
    assert "Nhiệm vụ tôi theo dõi" in page
    # the reporter's scope reads A only: the task led by B or C is listed but not linked
    assert f'href="/nhiem-vu/{tasks[0].pk}/' in page and f'href="/nhiem-vu/{tasks[3].pk}/' not in page
    chair = committee.members.get(role=Member.Role.CHAIR)
    chair_page = (
        world.client(world.leader).get(f"/ban-chi-dao/{committee.pk}/thanh-vien/{chair.pk}/").content.decode()
    )
    assert "Xã C" in chair_page and "Toàn bộ nhiệm vụ" in chair_page
    # a non-member reporter and a reporter of another unit: 404; the office reads every member's view
    outsider = make_user("x2", "reporter", world.A)
    assert world.client(outsider).get(url).status_code == 404
    assert world.client(world.other).get(url).status_code == 404
    assert world.client(world.office).get(url).status_code == 200
    assert client.get(f"/ban-chi-dao/{committee.pk}/cua-toi/").status_code == 302


def test_member_view_queries_do_not_grow_with_tasks(committee, world, django_assert_max_num_queries):
    member = committee.members.get(user=world.reporter)
    group3 = world.programme.groups.get(number=3)
    for i in range(40):
        task_actions.create_task(
            world.programme,
            code=f"9.{i}",
            title=f"Nhiệm vụ {i}",
            lead=world.B,
            group=group3,
            due=date(2025, 1 + i % 12, 1),
        )
    client = world.client(world.reporter)
    with django_assert_max_num_queries(12):
        response = client.get(f"/ban-chi-dao/{committee.pk}/thanh-vien/{member.pk}/?page=2")
    assert response.status_code == 200


def test_conclusion_to_tasks_review_then_accept(committee, meeting, world):
    office = world.client(world.office)
    url = f"/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/"
    counts = (Task.objects.count(), Document.objects.count(), DirectiveLink.objects.count())
    source = {
        "text": CONCLUSION,
        "programme": "NQ57",
        "symbol": "12-TB/BCĐ",
        "doc_title": "Kết luận",
        "issued_on": "26/06/2025",
    }
    page = office.post(url, {**source, "step": "read"}).content.decode()
    assert (
        Task.objects.count(),
        Document.objects.count(),
        DirectiveLink.objects.count(),
    ) == counts  # nothing saved
    assert page.count('class="kl-draft"') == 4  # "Đến nay đã có 3/81 …" directs nothing
    assert '<mark id="cau-0" class="kl-mark">Sở Khoa học và Công nghệ chủ trì' in page
    assert "P.PH1.01" in page
    data = accept_data(source)
    data.update(
        {
            "d0-title": "Xây dựng Đề án hạ tầng số (đã sửa)",
            "d0-partners": ["B"],
            "d0-due": "30/09/2025",
            "d0-due_phrase": "trước ngày 30/9/2025",
            "d1-title": "Triển khai bệnh án điện tử",
            "d1-due": "31/12/2025",
            "d2-title": "Báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện",
            "d2-each": ["A", "B"],
            "d2-recurring": "monthly",
            "d3-title": "Rà soát, số hóa hồ sơ",
            "d3-drop": "on",
        }
    )
    # one draft without a deadline: nothing is accepted, the page says why
    bad = office.post(url, {**data, "d1-due": ""})
    assert "chưa có thời hạn" in bad.content.decode()
    assert (Task.objects.count(), Document.objects.count(), DirectiveLink.objects.count()) == counts
    response = office.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert sorted(Task.objects.filter(code__startswith="P.PH1").values_list("code", flat=True)) == [
        "P.PH1.01",
        "P.PH1.02",
        "P.PH1.03",
        "P.PH1.03.01",
        "P.PH1.03.02",
    ]
    first = Task.objects.get(code="P.PH1.01")
    assert first.title == "Xây dựng Đề án hạ tầng số (đã sửa)" and first.due == date(2025, 9, 30)
    assert first.source.symbol == "12-TB/BCĐ" and list(first.partners.all()) == [world.B]
    assert Task.objects.get(code="P.PH1.03").recurring
    meeting.refresh_from_db()
    assert meeting.conclusion.symbol == "12-TB/BCĐ" and meeting.directives.count() == 3
    page = office.get(f"/ban-chi-dao/phien-hop/{meeting.pk}/").content.decode()
    assert "Xây dựng Đề án hạ tầng số (đã sửa)" in page and "câu 0" in page
    catalogue = office.get("/nhiem-vu/?q=P.PH1").content.decode()
    assert "Triển khai bệnh án điện tử" in catalogue


def test_drafts_offer_to_follow_up_a_task_already_there(committee, meeting, world):
    task = task_actions.create_task(
        world.programme,
        code="3.9",
        title="Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh",
        lead=world.B,
        due=date(2025, 12, 31),
    )
    page = (
        world.client(world.office)
        .post(
            f"/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/",
            {"text": CONCLUSION, "programme": "NQ57", "step": "read"},
        )
        .content.decode()
    )
    assert "Theo dõi tiếp nhiệm vụ 3.9" in page and f'value="{task.pk}" selected' in page


def test_unit_outside_the_registry_is_flagged(committee, meeting, world):
    page = (
        world.client(world.office)
        .post(
            f"/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/",
            {
                "text": "Sở Giao thông vận tải rà soát quy hoạch, quý III/2025.",
                "programme": "NQ57",
                "step": "read",
            },
        )
        .content.decode()
    )
    assert "Chưa tìm thấy trong danh mục đơn vị: Sở Giao thông vận tải" in page
    assert Unit.objects.filter(name="Sở Giao thông vận tải").count() == 0


def test_a_conclusion_uploaded_as_docx(committee, meeting, world):
    import io

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = docx.Document()
    for line in CONCLUSION.splitlines():
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    upload = SimpleUploadedFile("ket-luan.docx", data.getvalue())
    page = world.client(world.office).post(
        f"/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/",
        {"file": upload, "programme": "NQ57", "step": "read"},
    )
    html = page.content.decode()
    assert html.count('class="kl-draft"') == 4 and "Triển khai bệnh án điện tử" in html
    bad = world.client(world.office).post(
        f"/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/",
        {"file": SimpleUploadedFile("x.pdf", b"%PDF"), "programme": "NQ57", "step": "read"},
    )
    assert "Chỉ đọc được tệp văn bản" in bad.content.decode()
