"""A reporter reports from the browser; the office accepts and sees the unit on time in the grid."""

from __future__ import annotations

import pytest

from conftest import login, screenshot
from dondoc.reporting.models import ProgressReport
from dondoc.tasks.models import Task


@pytest.mark.browser
def test_report_review_and_grid(transactional_db, cycle, browser_page):
    page = browser_page
    t1, t2 = cycle.t1, cycle.t2
    # the reporter, on a phone
    page.set_viewport_size({"width": 360, "height": 800})
    login(page, "reporter")
    page.goto(page.base_url + "/bao-cao/")
    page.get_by_role("link", name="Tháng 6/2025 · Báo cáo tháng").click()
    page.select_option(f"#id_t{t1.pk}-state", "done")
    page.fill(f"#id_t{t1.pk}-output_note", "Kế hoạch số 12/KH-SKHCN")
    page.fill(f"#id_t{t1.pk}-completed_on", "2025-06-10")
    page.select_option(f"#id_t{t2.pk}-state", "in_progress")
    page.fill(f"#id_t{t2.pk}-percent", "60")
    page.fill(f"#id_t{t2.pk}-done_this_period", "Đã khảo sát hiện trạng dữ liệu")
    screenshot(page, "reporting-due-360")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_load_state("networkidle")
    assert "Đã gửi báo cáo Tháng 6/2025" in page.content()
    assert page.locator("#report-status").inner_text() == "Đã gửi, chờ duyệt"
    screenshot(page, "reporting-submitted-360")

    # the office, on a desktop
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "office")
    page.goto(page.base_url + "/bao-cao/duyet/")
    page.get_by_role("link", name="Sở Khoa học và Công nghệ").click()
    screenshot(page, "reporting-review")
    page.get_by_role("button", name="Duyệt báo cáo").click()
    page.wait_for_load_state("networkidle")
    assert "Đã duyệt báo cáo" in page.content()
    report = ProgressReport.objects.get(unit=cycle.world.A, period=cycle.period)
    assert report.status == "accepted"
    assert str(Task.objects.get(pk=t1.pk).done) == "2025-06-10"

    page.goto(page.base_url + "/bao-cao/day-du/?unit=P")
    headers = [h.inner_text() for h in page.locator("#grid thead th").all()]
    col = headers.index("Tháng 6/2025")
    cell = page.locator("#grid tr[data-unit=A] td").nth(col)
    assert cell.inner_text() == "Đúng hạn"
    assert "green" in cell.get_attribute("class")
    screenshot(page, "reporting-grid")
