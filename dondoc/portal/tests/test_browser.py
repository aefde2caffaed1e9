"""The public page in a real browser, without login, at desktop and phone widths."""

import pytest

from conftest import screenshot
from dondoc.dashboards.tests.catalogue import make_tasks
from dondoc.portal import actions


@pytest.mark.browser
def test_public_page_opens_without_login(transactional_db, world, browser_page):
    page = browser_page
    make_tasks(world, 30)
    actions.publish(world.programme, world.P, actor=world.office, title="Thực hiện Nghị quyết 57")
    outside = []
    page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(page.base_url) else None)
    response = page.goto(page.base_url + "/cong-khai/NQ57/P/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Thực hiện Nghị quyết 57"
    assert "Trong tổng số 30 nhiệm vụ" in page.locator(".sentence").inner_text()
    assert page.locator("#id_username").count() == 0  # no login asked
    screenshot(page, "portal-1280")
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "portal-360")
    assert outside == []
    assert page.goto(page.base_url + "/cong-khai/NQ57/B/").status == 404
