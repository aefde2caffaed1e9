"""In a real browser, at desktop width and on a 360 px phone: the office signs in and keeps its catalogue without
the admin — a task created (its deadline phrase read as typed), edited, split, completed and reopened; a plan
imported through its preview; a document added and linked; a reporting schedule set and a period locked and
unlocked; an indicator added with the units that report it and its target."""

from datetime import date

import pytest

from conftest import login, screenshot
from dondoc.documents.models import DocumentRelation
from dondoc.indicators.models import Indicator
from dondoc.reporting.models import Period, Schedule
from dondoc.tasks import actions
from dondoc.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = (
    "Mã nhiệm vụ,Nội dung nhiệm vụ,Nhóm nhiệm vụ,Cơ quan chủ trì,Thời hạn\n"
    "7.1,Hợp tác quốc tế về chuyển đổi số,7,A,quý IV/2025\n"
    "7.2,Thu hút chuyên gia,7,Sở Không Có,năm 2026\n"
)


def _fits(page, width: int, name: str) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{name} is {wide}px wide"
    screenshot(page, f"office-{name}-{width}")


def _go(page, path: str) -> None:
    page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_office_keeps_the_catalogue_without_the_admin(world, browser_page, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    actions.create_task(
        world.programme, code="7.0", title="Việc có sẵn", lead=world.A, due=date(2025, 12, 31)
    )
    login(page, "office")

    # the office's hub, reached from the menu
    if width < 760:
        page.click("[data-toggle=mainnav]")
    page.click("#mainnav >> text=Thường trực")
    page.wait_for_load_state("networkidle")
    assert "Nhập kế hoạch từ Excel" in page.inner_text("main")
    _fits(page, width, "hub")

    # a new task; the deadline phrase is read as it is typed (htmx)
    page.click("main >> text=Thêm nhiệm vụ")
    page.wait_for_load_state("networkidle")
    page.fill("#id_code", "7.9")
    page.fill("#id_title", "Kết nối mạng lưới đổi mới sáng tạo")
    page.select_option("#id_lead", "A")
    page.select_option("#id_partners", ["B", "C"])
    page.fill("#id_due_phrase", "6 tháng cuối năm 2025")
    page.wait_for_selector("#due-hint >> text=31/12/2025")
    _fits(page, width, "task-form")
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state("networkidle")
    task = Task.objects.get(code="7.9")
    assert task.due == date(2025, 12, 31) and task.partners.count() == 2

    # edit: another lead and deadline
    page.click("text=Sửa nhiệm vụ")
    page.wait_for_load_state("networkidle")
    page.select_option("#id_lead", "B")
    page.fill("#id_due_phrase", "quý III/2026")
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state("networkidle")
    task.refresh_from_db()
    assert task.lead == world.B and task.due == date(2026, 9, 30)

    # split into sub-tasks for two units
    page.click("text=Chia thành nhiệm vụ cụ thể")
    page.wait_for_load_state("networkidle")
    page.select_option("#id_units", ["A", "C"])
    _fits(page, width, "split")
    page.click("button:has-text('Giao nhiệm vụ cụ thể')")
    page.wait_for_load_state("networkidle")
    assert Task.objects.filter(parent=task).count() == 2

    # complete, then reopen with a reason; the history shows both
    page.click("summary:has-text('Ghi nhận hoàn thành')")
    page.fill("#id_done_on", "10/06/2025")
    page.click("form[action$='/hoan-thanh/'] button")
    page.wait_for_load_state("networkidle")
    task.refresh_from_db()
    assert task.done == date(2025, 6, 10)
    page.click("summary:has-text('Mở lại nhiệm vụ')")
    page.fill("#id_note", "Chưa nghiệm thu")
    page.click("form[action$='/mo-lai/'] button")
    page.wait_for_load_state("networkidle")
    task.refresh_from_db()
    assert task.done is None
    history = page.inner_text("ol.history")
    assert "mở lại" in history and "hoàn thành" in history and "Chưa nghiệm thu" in history
    _fits(page, width, "task-detail")

    # import a plan: preview row by row, a refused row blocks the confirmation; a fixed file goes in
    _go(page, "/nhiem-vu/nhap/")
    page.set_input_files(
        "#id_file", files=[{"name": "ke-hoach.csv", "mimeType": "text/csv", "buffer": PLAN.encode()}]
    )
    page.click("button:has-text('Tải lên và xem trước')")
    page.wait_for_load_state("networkidle")
    assert "Không có đơn vị với mã hoặc tên này" in page.inner_text("main")
    assert page.locator("button[value=confirm]").count() == 0
    _fits(page, width, "import-refused")
    page.click("button[value=discard]")
    page.wait_for_load_state("networkidle")
    fixed = PLAN.replace("Sở Không Có", "Sở Y tế")
    page.set_input_files(
        "#id_file", files=[{"name": "ke-hoach.csv", "mimeType": "text/csv", "buffer": fixed.encode()}]
    )
    page.click("button:has-text('Tải lên và xem trước')")
    page.wait_for_load_state("networkidle")
    assert not Task.objects.filter(code="7.1").exists()
    _fits(page, width, "import-preview")
    page.click("button[value=confirm]")
    page.wait_for_load_state("networkidle")
    assert set(Task.objects.filter(code__in=["7.1", "7.2"]).values_list("lead__code", flat=True)) == {
        "A",
        "B",
    }

    # a document, linked to the resolution it implements
    _go(page, "/van-ban/moi/")
    page.fill("#id_symbol", "366-KH/TU")
    page.fill("#id_title", "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW")
    page.select_option("#id_unit", "P")
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state("networkidle")
    page.fill("#id_target", "57-NQ/TW")
    page.click("button:has-text('Thêm liên kết')")
    page.wait_for_load_state("networkidle")
    assert DocumentRelation.objects.filter(source__symbol="366-KH/TU", target__symbol="57-NQ/TW").exists()
    _fits(page, width, "document")

    # a reporting schedule, and a period locked then unlocked with a reason
    _go(page, "/bao-cao/che-do/")
    page.click("summary:has-text('Lập chế độ báo cáo mới')")
    page.fill("#id_name", "Báo cáo quý NQ57")
    page.select_option("#id_period_type", "quarterly")
    page.check("input[name=unit_kinds][value=department]")
    page.fill("#id_starts_on", "15/12/2024")
    page.click("button:has-text('Lập chế độ báo cáo')")
    page.wait_for_load_state("networkidle")
    schedule = Schedule.objects.get(name="Báo cáo quý NQ57")
    period = schedule.periods.order_by("end").first()
    row = page.locator("tr", has=page.locator(f"form[action='/bao-cao/ky/{period.pk}/khoa/']"))
    row.locator("summary").click()
    row.locator("input[name=reason]").fill("Đã gửi Trung ương")
    row.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert Period.objects.get(pk=period.pk).locked
    row = page.locator("tr", has=page.locator(f"form[action='/bao-cao/ky/{period.pk}/khoa/']"))
    row.locator("summary").click()
    row.locator("input[name=reason]").fill("Nhận bổ sung")
    row.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert not Period.objects.get(pk=period.pk).locked
    _fits(page, width, "schedule")

    # an indicator with the kinds of unit that report it, and its target for the year
    _go(page, "/chi-tieu/moi/")
    page.select_option("#id_owner", "P")
    page.fill("#id_code", "P-CKS")
    page.fill("#id_name", "Tỷ lệ văn bản được ký số")
    page.select_option("#id_value_kind", "percentage")
    page.check("input[name=applies_to][value=department]")
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state("networkidle")
    page.fill("#id_year", "2025")
    page.fill("#id_value", "95,5")
    page.click("button:has-text('Đặt mục tiêu')")
    page.wait_for_load_state("networkidle")
    ind = Indicator.objects.get(code="P-CKS")
    assert ind.applies_to == ["department"] and str(ind.targets.get().value) == "95.5000"
    _fits(page, width, "indicator")
