"""The office runs its reporting schedules and period locks on its own pages: create, change, pause and resume a
schedule; lock a period and unlock it with a reason, all on the audit trail."""

from datetime import date

import pytest

from dondoc.audit.actions import history
from dondoc.reporting import actions
from dondoc.reporting.models import Period, Schedule
from dondoc.tasks import status


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(status, "today", lambda: date(2025, 6, 16))


def _new(c):
    return c.post(
        "/bao-cao/che-do/",
        {
            "programme": "NQ57",
            "name": "Báo cáo tháng",
            "period_type": "monthly",
            "owner": "P",
            "unit_kinds": ["department"],
            "units": ["C"],
            "deadline_offset": 3,
            "starts_on": "15/03/2025",
        },
    )


def test_the_office_sets_a_schedule_and_its_periods_are_made(world):
    c = world.client(world.office)
    assert c.get("/bao-cao/che-do/").status_code == 200
    r = _new(c)
    schedule = Schedule.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/bao-cao/che-do/{schedule.pk}/"
    assert schedule.kinds == ["department"] and list(schedule.units.values_list("code", flat=True)) == ["C"]
    assert set(schedule.reporting_units().values_list("code", flat=True)) == {"A", "B", "C"}
    assert list(schedule.periods.order_by("end").values_list("code", flat=True)) == [
        "2025-T04",
        "2025-T05",
        "2025-T06",
        "2025-T07",  # 16/06 is past the cut-off of the 14th
    ]
    page = c.get(r["Location"]).content.decode()
    assert "3 đơn vị báo cáo" in page


def test_change_pause_and_resume_with_history(world):
    c = world.client(world.office)
    _new(c)
    schedule = Schedule.objects.get()
    june = schedule.periods.get(code="2025-T06")
    may = schedule.periods.get(code="2025-T05")
    old_may = may.deadline
    url = f"/bao-cao/che-do/{schedule.pk}/"
    r = c.post(
        url, {"name": "Báo cáo tháng NQ57", "unit_kinds": ["commune"], "deadline_offset": 5, "active": "on"}
    )
    assert r.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.name, schedule.kinds, schedule.deadline_offset) == ("Báo cáo tháng NQ57", ["commune"], 5)
    assert list(schedule.units.all()) == []  # the units unticked
    assert Period.objects.get(pk=may.pk).deadline == old_may  # its deadline has passed: judged, kept
    assert Period.objects.get(pk=june.pk).deadline > june.deadline  # still to come: follows the new offset
    c.post(url, {"name": "Báo cáo tháng NQ57", "unit_kinds": ["commune"], "deadline_offset": 5})
    schedule.refresh_from_db()
    assert schedule.active is False
    c.post(
        url, {"name": "Báo cáo tháng NQ57", "unit_kinds": ["commune"], "deadline_offset": 5, "active": "on"}
    )
    assert [h.action for h in history(schedule)][:3] == ["resume", "pause", "update"]
    # the period type is fixed once periods exist: a posted change is ignored by the form, refused by the action
    with pytest.raises(ValueError, match="Kỳ báo cáo không đổi được"):
        actions.update_schedule(schedule, today=date(2025, 6, 16), period_type="weekly")


def test_lock_and_unlock_a_period_with_the_reason_on_the_audit_trail(world):
    c = world.client(world.office)
    _new(c)
    period = Period.objects.get(code="2025-T05")
    url = f"/bao-cao/ky/{period.pk}/khoa/"
    c.post(url, {"action": "lock", "reason": "Đã tổng hợp gửi Trung ương"})
    period.refresh_from_db()
    assert period.locked and period.locked_reason == "Đã tổng hợp gửi Trung ương"
    c.post(url, {"action": "unlock", "reason": ""})
    period.refresh_from_db()
    assert period.locked  # a reason is needed
    c.post(url, {"action": "unlock", "reason": "Nhận bổ sung báo cáo của Sở Y tế"})
    period.refresh_from_db()
    assert not period.locked
    entries = list(history(period))
    assert [e.action for e in entries] == ["unlock", "lock"]
    assert entries[0].note == "Nhận bổ sung báo cáo của Sở Y tế"
    page = c.get(f"/bao-cao/che-do/{period.schedule_id}/").content.decode()
    assert "Khóa kỳ" in page and "🔒" not in page


def test_schedules_are_the_office_s_alone(world):
    c = world.client(world.office)
    _new(c)
    schedule = Schedule.objects.get()
    for user in (world.leader, world.reporter, world.other):
        assert world.client(user).get(f"/bao-cao/che-do/{schedule.pk}/").status_code == 404
    r = world.client(world.office).post("/bao-cao/che-do/", {"programme": "NQ57", "name": "x", "owner": "O"})
    assert r.status_code == 200 and Schedule.objects.count() == 1
