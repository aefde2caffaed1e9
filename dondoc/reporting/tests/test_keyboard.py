"""Keyboard only: a reporter on a phone opens the period, fills the progress report of two tasks and sends it
without touching the mouse (Tab, arrow keys, typing, Enter), and every control it passes shows where the focus is."""

from __future__ import annotations

import pytest

from conftest import login, screenshot
from dondoc.reporting.models import ProgressReport

pytestmark = pytest.mark.browser

# The focused element, and whether its focus ring shows (an outline or a ring of box-shadow, not "none").
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '', value: el.value || '',
          text: (el.innerText || '').trim().slice(0, 60), inMain: !!el.closest('main'), ring: ring};
}"""


def tab_to(page, want, limit: int = 80) -> dict:
    """Presses Tab until the focused element satisfies `want`; each element passed on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUSED)
        assert el is not None, "the focus left the page"
        assert el["ring"], f"no visible focus on {el}"
        if want(el):
            return el
    raise AssertionError("not reached with Tab")


def choose(page, value: str) -> None:
    """On a focused <select>: arrow keys until the option is chosen (a closed select changes in place)."""
    for key in ("Home", *["ArrowDown"] * 6):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.value") == value


def type_into(page, text: str) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def fill_task(page, pk: int, *, state: str, **fields: str) -> None:
    """One task's lines, in the order of the form: Tab to its state, arrows to choose, Tab and type the rest
    (a field left out is passed over with Tab)."""
    tab_to(page, lambda el: el["id"] == f"id_t{pk}-state")
    choose(page, state)
    for name in ("percent", "completed_on", "done_this_period", "output_note"):
        if name not in fields:
            continue
        tab_to(page, lambda el, name=name: el["id"] == f"id_t{pk}-{name}", limit=2)
        type_into(page, fields[name])


def test_a_reporter_fills_and_sends_the_report_with_the_keyboard_only(transactional_db, cycle, browser_page):
    page = browser_page
    t1, t2 = cycle.t1, cycle.t2
    page.set_viewport_size({"width": 360, "height": 800})
    login(page, "reporter")
    page.goto(page.base_url + "/bao-cao/")

    # the first Tab shows the skip link; Enter on it takes the focus to the main content
    first = tab_to(page, lambda el: True, limit=1)
    assert first["text"] == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    el = tab_to(page, lambda el: True, limit=1)
    assert el["inMain"], f"after the skip link the focus is on {el}"

    tab_to(page, lambda el: el["text"].startswith("Tháng 6/2025"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    fill_task(
        page,
        t1.pk,
        state="done",
        percent="100",
        completed_on="10/06/2025",
        done_this_period="Đã ban hành kế hoạch",
        output_note="Kế hoạch số 12/KH-SKHCN",
    )
    fill_task(
        page, t2.pk, state="in_progress", percent="60", done_this_period="Đã khảo sát hiện trạng dữ liệu"
    )
    screenshot(page, "reporting-keyboard-360")

    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == "Gửi báo cáo")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "Đã gửi báo cáo Tháng 6/2025" in page.content()
    report = ProgressReport.objects.get(unit=cycle.world.A, period=cycle.period)
    assert report.status == "submitted"
    items = {i.task_id: i for i in report.items.all()}
    assert (items[t1.pk].state, items[t1.pk].percent, str(items[t1.pk].completed_on)) == (
        "done",
        100,
        "2025-06-10",
    )
    assert items[t1.pk].output_note == "Kế hoạch số 12/KH-SKHCN"
    assert (items[t2.pk].state, items[t2.pk].percent) == ("in_progress", 60)
    assert items[t2.pk].done_this_period == "Đã khảo sát hiện trạng dữ liệu"
