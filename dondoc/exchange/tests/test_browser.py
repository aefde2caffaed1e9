"""The page of packages received in a real browser, at desktop and phone widths."""

import pytest

from conftest import login, make_user, screenshot
from dondoc.exchange import actions
from dondoc.units.actions import create_unit
from dondoc.units.models import Membership, Unit

from . import factory


@pytest.mark.browser
def test_the_packages_received_page_reads_on_a_phone(transactional_db, world, browser_page):
    page = browser_page
    vn = create_unit("VN", "Trung ương", Unit.Kind.CENTRAL)
    actions.register_sender("Q", factory.public(), parent=vn)
    make_user("vptw", Membership.Role.OFFICE, vn, is_staff=True)
    actions.import_package(factory.signed())
    actions.import_package(factory.signed(key=factory.OTHER_KEY))
    login(page, "vptw")
    assert page.goto(page.base_url + "/trao-doi/").status == 200
    assert page.locator("h1").inner_text() == "Gói số liệu đã nhận"
    assert "Tỉnh Quảng Thử" in page.locator("main").inner_text()
    screenshot(page, "exchange-1280")
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "exchange-360")
