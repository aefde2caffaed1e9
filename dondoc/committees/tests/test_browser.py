"""In a real browser (Playwright driving Debian's chromium): the office pastes a meeting's conclusion, reviews the
drafts beside the text (360 px and 1280 px), edits one, drops one, accepts, and finds the tasks in the catalogue."""

from __future__ import annotations

import os
from datetime import date

import pytest

from conftest import ARTIFACTS, login, screenshot
from dondoc.committees import actions
from dondoc.committees.models import Member
from dondoc.tasks.models import Task

from .test_pages import CONCLUSION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _view(page, name):
    """What the screen shows (not the whole page): to look at the layout at a glance."""
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"))


def _no_horizontal_scroll(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll}px wide at {width}px"


def test_office_turns_a_conclusion_into_tasks(committee, world, browser_page):
    meeting = actions.create_meeting(
        committee,
        held_on=date(2025, 6, 24),
        chair=committee.members.get(role=Member.Role.CHAIR),
        actor=world.office,
    )
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    login(page, "office")
    page.goto(f"{page.base_url}/ban-chi-dao/phien-hop/{meeting.pk}/ket-luan/")
    page.fill("#id_text", CONCLUSION)
    page.fill("#id_symbol", "12-TB/BCĐ")
    page.click("button[name=step][value=read]")
    page.wait_for_load_state("networkidle")
    drafts = page.locator("article.kl-draft")
    assert drafts.count() == 4
    assert page.locator(".kl-text mark").count() == 4  # each draft's sentence highlighted in the text
    assert "Đến nay đã có 3/81" in page.inner_text(".kl-text")  # the statement stays, unmarked
    _no_horizontal_scroll(page, 360)
    screenshot(page, "committee-drafts-360")
    _view(page, "committee-drafts-360-top")
    drafts.nth(0).scroll_into_view_if_needed()
    _view(page, "committee-drafts-360-draft")

    page.set_viewport_size({"width": 1280, "height": 900})
    first = drafts.nth(0)
    assert first.locator("textarea").input_value() == "Xây dựng Đề án hạ tầng số của tỉnh"
    assert first.locator("select[name=d0-lead]").input_value() == "A"
    assert first.locator("input[name=d0-due]").input_value() == "30/09/2025"
    first.locator("textarea").fill("Xây dựng và trình ban hành Đề án hạ tầng số của tỉnh")
    assert page.locator("mark#cau-0.is-active").count() == 1  # focusing a draft lights its sentence
    third = drafts.nth(2)
    assert third.locator("select[name=d2-recurring]").input_value() == "monthly"
    assert third.locator("select[name=d2-lead]").input_value() == "P"
    drafts.nth(3).locator(".kl-drop input").check()  # not a task for this catalogue
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "committee-drafts-1280")
    first.locator("textarea").focus()
    _view(page, "committee-drafts-1280-top")
    _no_horizontal_scroll(page, 1280)
    page.click("button[name=step][value=accept]")
    page.wait_for_load_state("networkidle")
    assert "Đã nhận 3 nhiệm vụ mới vào danh mục" in page.inner_text(".messages")
    assert "Xây dựng và trình ban hành Đề án hạ tầng số của tỉnh" in page.inner_text("main")
    screenshot(page, "committee-meeting-1280")
    assert Task.objects.filter(code__startswith="P.PH1.").count() == 5  # 3 tasks, 2 sub-tasks of the third
    assert not Task.objects.filter(title__startswith="Rà soát, số hóa hồ sơ").exists()

    page.goto(f"{page.base_url}/nhiem-vu/?q=P.PH1")
    assert "Xây dựng và trình ban hành Đề án hạ tầng số của tỉnh" in page.inner_text("table.list")
    assert "Triển khai bệnh án điện tử" in page.inner_text("table.list")


def test_member_view_at_360(committee, world, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    login(page, "reporter")
    page.goto(f"{page.base_url}/ban-chi-dao/")
    page.click("text=Nhiệm vụ tôi theo dõi")
    page.wait_for_load_state("networkidle")
    assert "Nhiệm vụ tôi theo dõi" in page.inner_text("h1")
    assert "Trong tổng số" in page.inner_text(".sentence")
    _no_horizontal_scroll(page, 360)
    screenshot(page, "committee-member-360")
    _view(page, "committee-member-360-top")
