"""The office reads the trail: per object on its page, per unit on a filterable page exported to Excel; the
admin records its own writes and cannot touch an entry."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from dondoc.audit.models import AuditEntry
from dondoc.tasks.actions import create_task, update_task
from dondoc.tasks.models import Task


def _tasks(world):
    a = create_task(world.programme, code="A1", title="Số hóa hồ sơ", lead=world.A, due=date(2026, 6, 30))
    x = create_task(world.programme, code="X1", title="Việc tỉnh khác", lead=world.X, due=date(2026, 6, 30))
    update_task(
        a, actor=world.office, title="=Số hóa hồ sơ, kết quả TTHC", reason='=HYPERLINK("http://x","bấm")'
    )
    return a, x


def test_unit_history_lists_the_subtree_and_filters(world):
    a, x = _tasks(world)
    c = world.client(world.office)
    page = c.get("/don-vi/P/nhat-ky/", HTTP_USER_AGENT="Thử nghiệm")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Số hóa hồ sơ" in body and "Việc tỉnh khác" not in body
    only_updates = c.get("/don-vi/P/nhat-ky/", {"action": "update"}).content.decode()
    assert (
        "=Số hóa hồ sơ, kết quả TTHC" in only_updates and "tạo mới" not in only_updates.split("bản ghi.")[1]
    )
    assert "0 bản ghi" in c.get("/don-vi/P/nhat-ky/", {"start": "01/01/2099"}).content.decode()
    bad = c.get("/don-vi/P/nhat-ky/", {"start": "31/12/2026", "end": "01/01/2026"})
    assert bad.status_code == 200 and "phải trước hoặc bằng" in bad.content.decode()


def test_unit_history_is_out_of_reach_of_reporters_and_other_units(world):
    _tasks(world)
    assert world.client(world.reporter).get("/don-vi/A/nhat-ky/").status_code == 404
    assert world.client(world.other).get("/don-vi/P/nhat-ky/").status_code == 404
    assert world.client(world.leader).get("/don-vi/P/nhat-ky/").status_code == 200
    assert world.client(None).get("/don-vi/P/nhat-ky/").status_code == 302


def test_unit_history_exports_to_excel_with_formulas_neutralised(world):
    _tasks(world)
    r = world.client(world.office).get("/don-vi/P/nhat-ky/", {"xuat": "xlsx", "action": "update"})
    assert r.status_code == 200 and r["Content-Disposition"].endswith('nhat-ky-p.xlsx"')
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Thời điểm" and len(rows) == 2
    assert rows[1][2] == "sửa" and rows[1][1] == "Office"
    assert rows[1][7] == "title: Số hóa hồ sơ → =Số hóa hồ sơ, kết quả TTHC"
    assert rows[1][8] == '\'=HYPERLINK("http://x","bấm")'  # a formula-like note stays text


def test_the_origin_of_a_page_write_is_on_the_record(world):
    c = world.client(world.office)
    c.post(
        "/don-vi/tai-khoan/ma-truy-cap/",
        {"name": "máy chủ"},
        HTTP_USER_AGENT="Trình duyệt thử",
        REMOTE_ADDR="10.9.8.7",
    )
    entry = AuditEntry.objects.get(action="issue_token")
    assert (entry.ip, entry.user_agent) == ("10.9.8.7", "Trình duyệt thử")


def test_admin_writes_are_recorded_and_entries_are_read_only(world):
    c = world.client(world.admin)
    r = c.post(
        f"/admin/units/unit/{world.B.pk}/change/",
        {
            "code": "B",
            "name": "Sở Y tế tỉnh",
            "kind": "department",
            "parent": world.P.pk,
            "email": "",
            "is_active": "on",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    entry = AuditEntry.objects.filter(object_type="units.unit", object_id=str(world.B.pk)).latest("id")
    assert entry.changes["name"] == ["Sở Y tế", "Sở Y tế tỉnh"] and entry.note == "qua trang quản trị"
    assert entry.actor == world.admin
    entry_url = f"/admin/audit/auditentry/{entry.pk}/"
    assert c.get(entry_url + "change/").status_code == 200  # readable
    assert c.post(entry_url + "change/", {"note": "sửa"}).status_code == 403
    assert c.post(entry_url + "delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk, note="qua trang quản trị").exists()
    # the office may not read the trail in the admin (it reads it on the unit's page)
    assert world.client(world.office).get("/admin/audit/auditentry/").status_code == 403


def test_task_page_shows_its_history(world):
    a, _ = _tasks(world)
    body = world.client(world.office).get(f"/nhiem-vu/{a.pk}/").content.decode()
    assert "Lịch sử thay đổi" in body and "=Số hóa hồ sơ, kết quả TTHC" in body
    assert Task.objects.get(pk=a.pk).title.startswith("=")
