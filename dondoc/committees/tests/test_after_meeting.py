"""After the meeting (issue 19, part 3): the meeting's page leads the office to its conclusion, and a directive that
follows up a task already in the catalogue is linked to it — through the page — not duplicated."""

from __future__ import annotations

from datetime import date

from dondoc.committees.models import DirectiveLink
from dondoc.tasks import actions as task_actions
from dondoc.tasks.models import Task

from .test_pages import CONCLUSION, accept_data, meeting  # noqa: F401 (fixture)


def test_after_the_meeting_its_conclusion_becomes_tasks_and_follow_ups(committee, meeting, world):  # noqa: F811
    existing = task_actions.create_task(
        world.programme,
        code="3.9",
        title="Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh",
        lead=world.B,
        due=date(2025, 12, 31),
    )
    office = world.client(world.office)
    page = office.get(f"/ban-chi-dao/phien-hop/{meeting.pk}/").content.decode()
    assert (
        "Phiên họp đã diễn ra: lập nhiệm vụ từ thông báo kết luận" in page
    )  # held on 24/06/2025, no tasks yet
    assert f'href="/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/"' in page
    assert (
        "Phiên họp đã diễn ra"
        not in world.client(world.leader).get(f"/ban-chi-dao/phien-hop/{meeting.pk}/").content.decode()
    )

    url = f"/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/"
    source = {
        "text": CONCLUSION,
        "programme": "NQ57",
        "symbol": "12-TB/BCĐ",
        "doc_title": "Kết luận",
        "issued_on": "26/06/2025",
    }
    read = office.post(url, {**source, "step": "read"}).content.decode()
    assert f'value="{existing.pk}" selected' in read  # the second directive is offered as a follow-up of 3.9
    data = accept_data(source)
    data.update(
        {
            "d0-title": "Xây dựng Đề án hạ tầng số", "d0-due": "30/09/2025",
            "d1-title": "Triển khai bệnh án điện tử", "d1-due": "31/12/2025", "d1-follow_up": str(existing.pk),
            "d2-drop": "on", "d3-drop": "on",
        }
    )  # fmt: skip
    before = Task.objects.count()
    response = office.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Task.objects.count() == before + 1  # the new directive only; the follow-up made no task
    assert not Task.objects.filter(code="P.PH1.02").exists()
    links = {
        x.task.code: x.kind for x in DirectiveLink.objects.filter(meeting=meeting).select_related("task")
    }
    assert links == {"P.PH1.01": DirectiveLink.Kind.NEW, "3.9": DirectiveLink.Kind.FOLLOW_UP}
    page = office.get(f"/ban-chi-dao/phien-hop/{meeting.pk}/").content.decode()
    assert "theo dõi tiếp" in page and "Phiên họp đã diễn ra" not in page
