"""The meeting brief (exports/brief.py) of the demo province's second meeting: every section with the figures of
the modules that define them, the official Party layout, the command and the button of the meeting page."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest
from django.core.management import call_command
from docx.shared import Pt

from dondoc.committees.models import DirectiveLink, Meeting
from dondoc.exports import brief, layouts
from dondoc.reporting import risk
from dondoc.reporting import selectors as reporting_selectors
from dondoc.tasks import selectors, status
from dondoc.tasks.models import Task
from dondoc.units.models import Unit

from .conftest import run

HELD = date(2025, 6, 26)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Meeting.objects.get(number=2)


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]


def table_after(doc, header0: list[str]):
    return next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == header0)


def test_the_brief_gathers_every_section_as_of_the_meeting(demo):
    doc = read(brief.render(demo))
    text = paragraphs(doc)
    root = Unit.objects.get(code="DEMO")
    now = selectors.summary(root, programme=demo.committee.programme, as_of=HELD).counts
    then = selectors.summary(root, programme=demo.committee.programme, as_of=date(2025, 3, 20)).counts
    # 1. the summary sentence and its change since the previous meeting (20/03/2025)
    assert now.sentence in text
    done_change = now.done - then.done
    assert any(
        p.startswith("So với phiên họp trước (tính đến ngày 20/03/2025), số nhiệm vụ hoàn thành")
        for p in text
    )
    assert f"số nhiệm vụ hoàn thành tăng {done_change}" in " ".join(text)
    compare = table_after(doc, ["Chỉ số", "Đến 20/03/2025", "Đến 26/06/2025", "Tăng, giảm"])
    assert [c.text for c in compare.rows[1].cells] == [
        "Tổng số nhiệm vụ",
        str(then.total),
        str(now.total),
        "0" if now.total == then.total else f"+{now.total - then.total}",
    ]
    # 2. done since the previous meeting
    tasks = Task.objects.filter(lead__path__startswith=root.path, programme=demo.committee.programme)
    done = status.filter_status(status.with_status(tasks, HELD), "done", HELD).filter(
        done__gt=date(2025, 3, 20)
    )
    assert f"Có {done.count()} nhiệm vụ hoàn thành." in text
    rows = table_after(doc, ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Ngày hoàn thành"]).rows[1:]
    assert sorted(r.cells[1].text.split(". ", 1)[0] for r in rows) == sorted(t.code for t in done)
    # 3. overdue, with lead and reason
    overdue = table_after(doc, ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Quá hạn (ngày)", "Nguyên nhân"])
    assert len(overdue.rows) - 1 == now.overdue
    late = status.filter_status(status.with_status(tasks, HELD), status.OVERDUE, HELD).select_related("lead")
    reasons = reporting_selectors.late_reasons([t.pk for t in late], HELD)
    for row, t in zip(overdue.rows[1:], late.order_by("due_now", "code"), strict=True):
        assert row.cells[2].text == t.lead.name
        assert row.cells[5].text == reasons.get(t.pk, "Chưa báo cáo nguyên nhân")
    # 4. at risk: the rule's own list, its reasons
    risks = risk.at_risk(tasks, HELD)
    table = table_after(doc, ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Điểm", "Lý do"])
    assert [r.cells[4].text for r in table.rows[1:]] == [str(r.score) for r in risks] and risks
    assert table.rows[1].cells[5].text.lower().startswith(risks[0].reason_text.lower()[:20])
    # 5. the conclusions of the first meeting, each with where it stands
    links = DirectiveLink.objects.filter(meeting__number=1)
    conclusions = table_after(doc, ["TT", "Ý kiến chỉ đạo", "Chủ trì", "Thời hạn", "Tình hình"])
    assert len(conclusions.rows) - 1 == links.count() == 3
    assert all(
        f"({x.task.code})" in conclusions.rows[i + 1].cells[1].text
        for i, x in enumerate(links.order_by("position", "id"))
    )
    assert any(r.cells[4].text.startswith("Hoàn thành ngày") for r in conclusions.rows[1:])
    # 6. obstacles and 7. indicators off target
    assert "6. Khó khăn, vướng mắc, kiến nghị, đề xuất chưa được giải quyết" in text
    off = table_after(doc, ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả"])
    assert len(off.rows) > 1
    assert text[-1] == "Ban Thường vụ Tỉnh ủy Quảng Ngãi kính trình Ban Chỉ đạo xem xét, cho ý kiến chỉ đạo."


def test_the_brief_keeps_the_official_layout(demo):
    doc = read(brief.render(demo))
    L = layouts.PARTY  # the demo province writes Party documents
    sec = doc.sections[0]
    assert [round(x.mm) for x in (sec.page_width, sec.page_height)] == [210, 297]
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [
        20,
        20,
        30,
        15,
    ]
    assert sec.different_first_page_header_footer and "PAGE" in sec.header._element.xml
    head = doc.tables[0]
    assert [p.text for p in head.cell(0, 0).paragraphs if p.text] == [
        "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
        "TỈNH ỦY",
        "*",
    ]
    assert head.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert head.cell(0, 1).paragraphs[0].runs[0].font.size == Pt(15)
    assert round(head.columns[0].width.cm, 2) == L.header_widths_cm[0]
    assert re.fullmatch(r"Số +-BC/TU", head.cell(1, 0).paragraphs[0].text)
    assert head.cell(1, 1).paragraphs[0].text == "Quảng Ngãi, ngày 26 tháng 6 năm 2025"
    text = paragraphs(doc)
    assert text[0] == "BÁO CÁO" and text[1].startswith(
        "về tình hình thực hiện nhiệm vụ phục vụ Phiên họp thứ 2"
    )
    body = next(p for p in doc.paragraphs if p.text.startswith("Trong tổng số"))
    assert body.runs[0].font.name == "Times New Roman" and body.runs[0].font.size == Pt(14)
    sign = doc.tables[-1]
    assert [p.text for p in sign.cell(0, 0).paragraphs] == [
        "Nơi nhận:", "- Các thành viên Ban Chỉ đạo,", "- Lưu Văn phòng Tỉnh ủy.",
    ]  # fmt: skip
    assert [p.text for p in sign.cell(0, 1).paragraphs if p.text][:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]


def test_the_first_meeting_has_no_previous_one(demo):
    first = Meeting.objects.get(number=1)
    text = paragraphs(read(brief.render(first)))
    assert "Đây là phiên họp đầu tiên của Ban Chỉ đạo trên hệ thống." in text
    assert not any(p.startswith("So với phiên họp trước") for p in text)


def test_make_brief_writes_the_file(demo, tmp_path):
    out = tmp_path / "bc.docx"
    code, stdout, err = run("make_brief", "--meeting", str(demo.pk), "--out", str(out))
    assert code == 0, err
    assert "BÁO CÁO" in paragraphs(read(out.read_bytes()))
    for args, message in [
        (["--meeting", "x"], "phải là một số"),
        (["--meeting", "99999"], "Không có phiên họp mã 99999"),
        (["--meeting", str(demo.pk), "--format", "odt"], "dùng docx hoặc pdf"),
    ]:
        code, _, err = run("make_brief", *args, "--out", str(tmp_path / "x"))
        assert code == 1 and message in err


def test_the_meeting_page_offers_the_brief_to_those_who_read_it(demo, client):
    client.login(username="vanphong", password="dondoc-demo")
    page = client.get(f"/ban-chi-dao/phien-hop/{demo.pk}/").content.decode()
    url = f"/ket-xuat/phien-hop/{demo.pk}/bao-cao/"
    assert f'href="{url}"' in page and f'href="{url}?format=pdf"' in page
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    assert brief.filename(demo) in r["Content-Disposition"]
    assert "BÁO CÁO" in paragraphs(read(b"".join(r.streaming_content)))
    client.login(username="lanhdao", password="dondoc-demo")
    assert client.get(url).status_code == 200
    for outsider in ("baocao", "khac"):  # a reporter reads no committee; another province nothing of it
        client.login(username=outsider, password="dondoc-demo")
        assert client.get(url).status_code == 404
