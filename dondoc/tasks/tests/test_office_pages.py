"""The office keeps the catalogue on its own pages, without the admin: tasks created, edited, split, completed and
reopened with their history; a plan imported from Excel through a row-by-row preview and one all-or-nothing
confirmation."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dondoc.audit.actions import history
from dondoc.tasks import actions, status
from dondoc.tasks.models import PendingImport, Task


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(status, "today", lambda: date(2025, 6, 16))


def test_the_office_creates_a_task_with_its_deadline_phrase_partners_and_document(world):
    c = world.client(world.office)
    assert c.get("/nhiem-vu/moi/").status_code == 200
    r = c.post(
        "/nhiem-vu/moi/",
        {
            "programme": "NQ57",
            "code": "5.1",
            "title": "Số hóa hồ sơ  ",
            "group": str(world.programme.groups.get(number=5).pk),
            "lead": "A",
            "partners": ["B", "A"],
            "due_phrase": "quý III/2025",
            "source": "366-KH/TU",
        },
    )
    task = Task.objects.get(code="5.1")
    assert r.status_code == 302 and r["Location"] == f"/nhiem-vu/{task.pk}/"
    assert (task.title, task.due, task.due_phrase, task.recurring) == (
        "Số hóa hồ sơ",
        date(2025, 9, 30),
        "quý III/2025",
        False,
    )
    assert [u.code for u in task.partners.all()] == ["B"]  # the lead is not its own partner
    assert task.source.symbol == "366-KH/TU" and task.group.number == 5
    assert history(task).first().action == "create"


def test_a_bad_deadline_or_a_taken_code_answers_with_a_message_and_writes_nothing(world):
    actions.create_task(world.programme, code="5.1", title="Có rồi", lead=world.A, due=date(2025, 9, 30))
    c = world.client(world.office)
    r = c.post(
        "/nhiem-vu/moi/",
        {"programme": "NQ57", "code": "5.1", "title": "x", "lead": "A", "due_phrase": "sớm nhất có thể"},
    )
    body = r.content.decode()
    assert r.status_code == 200 and "đã có nhiệm vụ mã 5.1" in body and "quý II/2025" in body
    assert Task.objects.count() == 1


def test_the_office_may_not_give_a_task_to_a_unit_outside_its_subtree(world):
    c = world.client(world.office)
    r = c.post(
        "/nhiem-vu/moi/",
        {"programme": "NQ57", "code": "9", "title": "x", "lead": "X", "due_phrase": "năm 2026"},
    )
    assert r.status_code == 200 and not Task.objects.exists()


def test_the_deadline_phrase_is_read_as_it_is_typed_and_the_groups_follow_the_programme(world):
    c = world.client(world.office)
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "due-hint"}
    r = c.get("/nhiem-vu/moi/", {"programme": "NQ57", "due_phrase": "6 tháng đầu năm 2025"}, **headers)
    assert "30/06/2025" in r.content.decode() and "<html" not in r.content.decode()
    r = c.get("/nhiem-vu/moi/", {"programme": "NQ57", "due_phrase": "mai"}, **headers)
    assert "thường xuyên" in r.content.decode()  # the message lists the accepted shapes
    other = actions.ensure_programme("DA06", name="Đề án 06")
    other.groups.create(number=1, name="Nhóm riêng của Đề án 06")
    headers["HTTP_HX_TARGET"] = "id_group"
    body = c.get("/nhiem-vu/moi/", {"programme": "DA06"}, **headers).content.decode()
    assert "Nhóm riêng của Đề án 06" in body and "Nâng cao nhận thức" not in body


def test_editing_changes_lead_partners_deadline_group_and_programme_with_history(world):
    task = actions.create_task(
        world.programme,
        code="1.1",
        title="Số hóa",
        lead=world.A,
        due=date(2025, 9, 30),
        due_phrase="quý III/2025",
    )
    other = actions.ensure_programme("DA06", name="Đề án 06")
    c = world.client(world.office)
    page = c.get(f"/nhiem-vu/{task.pk}/sua/").content.decode()
    assert "quý III/2025" in page
    r = c.post(
        f"/nhiem-vu/{task.pk}/sua/",
        {
            "programme": "DA06",
            "code": "1.1",
            "title": "Số hóa toàn bộ",
            "lead": "B",
            "partners": ["C"],
            "due_phrase": "tháng 12/2025",
            "note": "Theo kết luận",
        },
    )
    assert r.status_code == 302
    task.refresh_from_db()
    assert (task.programme, task.lead.code, task.due, task.note) == (
        other,
        "B",
        date(2025, 12, 31),
        "Theo kết luận",
    )
    entry = history(task).first()
    assert set(entry.changes) >= {"programme", "lead", "partners", "due", "due_phrase", "title", "note"}
    detail = c.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Số hóa toàn bộ" in detail and "tháng 12/2025" in detail and "Sửa nhiệm vụ" in detail


def test_splitting_gives_each_unit_its_own_sub_task(world):
    task = actions.create_task(
        world.programme,
        code="2.1",
        title="Chuyển đổi số",
        lead=world.P,
        due=date(2025, 12, 31),
        due_phrase="năm 2025",
    )
    actions.create_task(world.programme, code="2.1.1", title="Đã có", lead=world.A, due=date(2025, 12, 31))
    c = world.client(world.office)
    r = c.post(f"/nhiem-vu/{task.pk}/chia/", {"title": "Chuyển đổi số ở đơn vị", "units": ["B", "C"]})
    assert r.status_code == 302
    subs = list(Task.objects.filter(parent=task).order_by("code"))
    assert [(t.code, t.lead.code, t.due) for t in subs] == [
        ("2.1.2", "B", date(2025, 12, 31)),
        ("2.1.3", "C", date(2025, 12, 31)),
    ]
    assert "0/2 nhiệm vụ cụ thể đã hoàn thành" in c.get(f"/nhiem-vu/{task.pk}/").content.decode()


def test_complete_and_reopen_from_the_task_page(world):
    task = actions.create_task(
        world.programme, code="3.1", title="Hạ tầng", lead=world.A, due=date(2025, 6, 30)
    )
    c = world.client(world.office)
    assert c.post(f"/nhiem-vu/{task.pk}/hoan-thanh/", {"done_on": "31/12/2025"}).status_code == 302
    task.refresh_from_db()
    assert task.done is None  # not after today
    c.post(f"/nhiem-vu/{task.pk}/hoan-thanh/", {"done_on": "10/06/2025", "note": "Đã nghiệm thu"})
    task.refresh_from_db()
    assert task.done == date(2025, 6, 10) and task.progress == 100
    assert c.post(f"/nhiem-vu/{task.pk}/mo-lai/", {"note": ""}).status_code == 302
    task.refresh_from_db()
    assert task.done is not None  # a reason is needed
    c.post(f"/nhiem-vu/{task.pk}/mo-lai/", {"note": "Ghi nhầm"})
    task.refresh_from_db()
    assert task.done is None
    page = c.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "mở lại" in page and "Ghi nhầm" in page and "Đã nghiệm thu" in page


def test_leaders_and_reporters_see_no_office_links_and_get_404(world):
    task = actions.create_task(
        world.programme, code="3.1", title="Hạ tầng", lead=world.A, due=date(2025, 6, 30)
    )
    for user in (world.leader, world.reporter):
        c = world.client(user)
        assert "/sua/" not in c.get(f"/nhiem-vu/{task.pk}/").content.decode()
        assert "/nhiem-vu/moi/" not in c.get("/nhiem-vu/").content.decode()
        assert c.get("/nhiem-vu/moi/").status_code == 404
        assert c.get("/nhiem-vu/nhap/").status_code == 404
        upload = SimpleUploadedFile("k.csv", b"Ma nhiem vu,Noi dung nhiem vu,Co quan chu tri\n1,x,A\n")
        assert c.post("/nhiem-vu/nhap/", {"programme": "NQ57", "file": upload}).status_code == 404
    assert not PendingImport.objects.exists()


PLAN = (
    "Mã nhiệm vụ,Nội dung nhiệm vụ,Nhóm nhiệm vụ,Mã nhiệm vụ cha,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn\n"
    "1.1,Số hóa hồ sơ toàn bộ,1,,A,B,quý IV/2025\n"
    "1.2,Hạ tầng số,3,,B,,thường xuyên\n"
    "1.2.1,Phần của xã,3,1.2,C,,tháng 9/2025\n"
    "1.3,Không đổi,1,,A,,30/06/2025\n"
)


def _upload(c, text, name="ke-hoach.csv", programme="NQ57"):
    return c.post(
        "/nhiem-vu/nhap/",
        {"programme": programme, "file": SimpleUploadedFile(name, text.encode("utf-8"))},
    )


def test_import_previews_each_row_then_confirms_all_at_once(world):
    actions.create_task(
        world.programme, code="1.1", title="Số hóa hồ sơ", lead=world.A, due=date(2025, 12, 31)
    )
    actions.create_task(
        world.programme,
        code="1.3",
        title="Không đổi",
        lead=world.A,
        due=date(2025, 6, 30),
        due_phrase="30/06/2025",
        group=world.programme.groups.get(number=1),
    )
    c = world.client(world.office)
    r = _upload(c, PLAN)
    pending = PendingImport.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/nhiem-vu/nhap/{pending.pk}/"
    preview = c.get(r["Location"]).content.decode()
    # nothing written by the preview
    assert Task.objects.count() == 2 and Task.objects.get(code="1.1").title == "Số hóa hồ sơ"
    assert preview.count('class="of-verdict create"') == 3  # the summary and the two new rows... and 1.2.1
    assert "Số hóa hồ sơ → Số hóa hồ sơ toàn bộ" in preview and "Không đổi" in preview
    assert 'value="confirm"' in preview
    r = c.post(f"/nhiem-vu/nhap/{pending.pk}/", {"action": "confirm"})
    assert r.status_code == 302 and r["Location"] == "/nhiem-vu/?programme=NQ57"
    assert set(Task.objects.values_list("code", flat=True)) == {"1.1", "1.2", "1.2.1", "1.3"}
    assert Task.objects.get(code="1.2.1").parent.code == "1.2"
    assert Task.objects.get(code="1.1").title == "Số hóa hồ sơ toàn bộ"
    assert history(Task.objects.get(code="1.1")).first().action == "import"
    assert not PendingImport.objects.exists()


def test_a_refused_row_is_shown_with_its_reason_and_nothing_can_be_confirmed(world):
    bad = (
        PLAN.replace("1.2,Hạ tầng số,3,,B", "1.2,Hạ tầng số,3,,Sở Không Có")
        + "1.4,Ngoài tỉnh,1,,X,,năm 2026\n"
    )
    c = world.client(world.office)
    _upload(c, bad)
    pending = PendingImport.objects.get()
    preview = c.get(f"/nhiem-vu/nhap/{pending.pk}/").content.decode()
    assert "Không có đơn vị với mã hoặc tên này" in preview
    assert "Nhiệm vụ cha 1.2 (dòng 3) bị từ chối" in preview  # its sub-task goes with it
    assert preview.count('<tr class="refused">') == 3
    assert 'value="confirm"' not in preview
    # a confirmation forced anyway is validated again: nothing written
    c.post(f"/nhiem-vu/nhap/{pending.pk}/", {"action": "confirm"})
    assert not Task.objects.exists() and PendingImport.objects.exists()
    c.post(f"/nhiem-vu/nhap/{pending.pk}/", {"action": "discard"})
    assert not PendingImport.objects.exists()


def test_an_import_may_not_change_a_task_of_another_province(world):
    actions.create_task(
        world.programme, code="1.1", title="Việc của tỉnh khác", lead=world.X, due=date(2025, 9, 30)
    )
    c = world.client(world.office)
    _upload(c, PLAN)
    pending = PendingImport.objects.get()
    preview = c.get(f"/nhiem-vu/nhap/{pending.pk}/").content.decode()
    assert "ngoài phạm vi bạn quản lý" in preview and "Việc của tỉnh khác" not in preview
    c.post(f"/nhiem-vu/nhap/{pending.pk}/", {"action": "confirm"})
    assert Task.objects.get(code="1.1").lead == world.X and Task.objects.count() == 1


def test_an_upload_is_judged_by_its_content_and_a_kept_file_only_by_its_uploader(world):
    c = world.client(world.office)
    r = _upload(c, "không phải bảng tính", name="ke-hoach.xlsx")
    assert r.status_code == 200 and "không đúng định dạng" in r.content.decode()
    assert not PendingImport.objects.exists()
    _upload(c, PLAN)
    pending = PendingImport.objects.get()
    from conftest import make_user
    from dondoc.units.models import Membership

    colleague = make_user("office2", Membership.Role.OFFICE, world.P)
    c2 = world.client(colleague)
    assert c2.get(f"/nhiem-vu/nhap/{pending.pk}/").status_code == 404
    assert c2.post(f"/nhiem-vu/nhap/{pending.pk}/", {"action": "confirm"}).status_code == 404
    assert not Task.objects.exists()


def test_a_kept_file_altered_since_its_upload_is_refused(world):
    c = world.client(world.office)
    _upload(c, PLAN)
    pending = PendingImport.objects.get()
    PendingImport.objects.filter(pk=pending.pk).update(data=PLAN.replace("Hạ tầng", "Khác").encode())
    c.post(f"/nhiem-vu/nhap/{pending.pk}/", {"action": "confirm"})
    assert not Task.objects.exists()
