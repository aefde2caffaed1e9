"""A leader in a real browser (Debian's chromium): reads the dashboard, changes the date, drills down to a
unit and to a task, at desktop and phone widths. Screenshots are kept as test artifacts."""

import pytest

from conftest import login, screenshot

from .catalogue import make_tasks


def _watch_requests(page):
    outside = []
    page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(page.base_url) else None)
    return outside


@pytest.mark.browser
def test_leader_reads_changes_date_and_drills_down(transactional_db, world, browser_page):
    page = browser_page
    make_tasks(world, 40)
    outside = _watch_requests(page)
    login(page, "leader")
    page.goto(page.base_url + "/tong-quan/")
    assert page.locator("h1").first.inner_text().startswith("Tổng quan")
    assert "Trong tổng số 40 nhiệm vụ" in page.locator("#sentence").inner_text()

    # Change the as-of date: the figures are those of that day, compared with the previous quarter's end.
    page.fill("#d-as_of", "2025-07-15")
    page.fill("#d-compare", "")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state("networkidle")
    assert "as_of=2025-07-15" in page.url
    sentence = page.locator("#sentence").inner_text()
    assert sentence.startswith("Tính đến ngày 15/07/2025")
    assert "so với 30/06/2025" in page.locator(".dash-tiles").inner_text()
    assert page.locator("svg.trend-chart[role=img]").count() == 1
    # the tasks at risk arrive after the page (htmx, under the strict CSP): their count replaces "Đang tính…"
    page.wait_for_selector("#risk-panel >> text=nhiệm vụ có nguy cơ chậm")
    assert "Đang tính" not in page.locator("#risk-panel").inner_text()
    screenshot(page, "dashboard-leader-1280")

    # Drill down: province → department → task.
    page.locator("#h-units").scroll_into_view_if_needed()
    page.get_by_role("link", name="Sở Y tế", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    assert "unit=B" in page.url and "as_of=2025-07-15" in page.url
    assert "Sở Y tế" in page.locator("h1").inner_text()
    first_overdue = page.locator("#h-overdue ~ ul.tasklist li a").first
    first_overdue.click()
    page.wait_for_load_state("networkidle")
    assert "/nhiem-vu/" in page.url
    assert page.locator("h1").count() == 1

    # Phone width: nothing overflows sideways; the skip link is the first stop of the keyboard.
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base_url + "/tong-quan/?as_of=2025-07-15")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Bỏ qua")
    screenshot(page, "dashboard-leader-360")
    assert outside == []


@pytest.mark.browser
def test_ranking_and_saved_view_in_the_browser(transactional_db, world, browser_page):
    page = browser_page
    make_tasks(world, 24)
    login(page, "leader")
    page.goto(page.base_url + "/tong-quan/?programme=NQ57&as_of=2025-07-15")
    page.fill("#id_name", "Theo dõi NQ57")
    page.check("input[name=pinned]")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "/tong-quan/bang-da-luu/" in page.url
    assert page.locator(".pinned").get_by_text("Theo dõi NQ57").count() == 1
    page.get_by_role("link", name="Xếp hạng thi đua").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("table.rank tbody tr").count() == 3
    screenshot(page, "ranking-1280")
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "ranking-360")
