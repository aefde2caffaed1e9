"""In a real browser (Playwright driving Debian's chromium): log in, filter the catalogue, open a task."""

from datetime import date

import pytest

from conftest import login, screenshot
from dondoc.tasks import actions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_finds_a_task_without_diacritics_and_opens_it(world, browser_page):
    page = browser_page
    actions.create_task(
        world.programme,
        code="3.1",
        title="Phủ sóng 5G tại các khu công nghiệp",
        lead=world.A,
        due=date(2025, 12, 31),
        started=date(2025, 3, 1),
    )
    actions.create_task(
        world.programme, code="4.1", title="Đào tạo kỹ năng số", lead=world.B, due=date(2025, 6, 30)
    )
    login(page, "office")
    page.goto(page.base_url + "/nhiem-vu/?as_of=01/07/2025")
    assert "Trong tổng số 2 nhiệm vụ" in page.inner_text(".sentence")
    page.fill("#id_q", "phu song")
    page.press("#id_q", "Enter")
    page.wait_for_load_state("networkidle")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and "Phủ sóng 5G" in rows.first.inner_text()
    screenshot(page, "catalogue-desktop")
    page.click("text=Phủ sóng 5G tại các khu công nghiệp")
    page.wait_for_load_state("networkidle")
    assert "Sở Khoa học và Công nghệ" in page.inner_text("dl.facts")
    assert "Lịch sử thay đổi" in page.content()


def test_pages_fit_a_phone(world, browser_page):
    page = browser_page
    actions.create_task(
        world.programme,
        code="1",
        title="Nhiệm vụ có tiêu đề rất dài " * 4,
        lead=world.A,
        due=date(2025, 12, 31),
    )
    page.set_viewport_size({"width": 360, "height": 780})
    login(page, "leader")
    for path, name in [("/nhiem-vu/", "catalogue-360"), ("/don-vi/P/", "unit-360")]:
        page.goto(page.base_url + path)
        # Nothing wider than the screen except inside scrollable tables.
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 360, f"{path} is {overflow}px wide"
        screenshot(page, name)
    page.click("[data-toggle=mainnav]")
    assert page.locator("#mainnav").is_visible()
