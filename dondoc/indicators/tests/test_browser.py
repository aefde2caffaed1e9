"""In a real browser: the office reads the figures of a report and saves two of them as values."""

import pytest

from conftest import login, screenshot
from dondoc.indicators.models import Value

TEXT = (
    "Hiện nay, tỷ lệ sử dụng văn bản điện tử của các sở, ban, ngành đạt trên 99,30%, cấp xã đạt 70,35%; "
    "có 05 mạng thông tin di động với hơn 1.780 vị trí cột thu phát sóng và 3.700 trạm BTS."
)


@pytest.mark.browser
def test_extract_and_save_in_browser(transactional_db, world, cat, browser_page):
    page = browser_page
    login(page, "office")
    page.goto(page.base_url + "/chi-tieu/trich-xuat/")
    page.fill("#id_text", TEXT)
    page.select_option("#id_unit", "P")
    page.fill("#id_period", "2025-Q4")
    page.click("button[value=extract]")
    page.wait_for_load_state("networkidle")
    assert page.locator("text=Số liệu tìm thấy: 5").count() == 1
    # matched and ticked: 3.700 trạm BTS → BTS (applies to the province); the department share is not
    # ticked for a province; tick nothing else
    assert page.get_by_role("checkbox", name="Lưu số liệu 3.700 trạm BTS").is_checked()
    assert not page.get_by_role("checkbox", name="Lưu số liệu đạt trên 99,30%").is_checked()
    screenshot(page, "indicators-extract")
    page.click("button[value=save]")
    page.wait_for_load_state("networkidle")
    assert "Đã lưu 1 giá trị" in page.content()
    v = Value.objects.get(indicator=cat.bts, unit=world.P, period="2025-Q4")
    assert v.value == 3700
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base_url + f"/chi-tieu/{cat.bts.pk}/?unit=P")
    assert page.locator("svg.ind-chart").count() == 1
    screenshot(page, "indicators-detail-360")
