"""The DOCX reports: numbers equal the status engine's (`summary --json`), and the two official layouts."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dondoc.exports import content, layouts
from dondoc.exports.actions import render
from dondoc.exports.docx_report import build_docx
from dondoc.tasks import status
from dondoc.tasks.models import Task
from dondoc.vn import format_int, format_percent

from .conftest import AS_OF, run, summary_json

pytestmark = pytest.mark.django_db


def read_docx(path_or_bytes) -> Document:
    if isinstance(path_or_bytes, bytes):
        return Document(io.BytesIO(path_or_bytes))
    return Document(str(path_or_bytes))


def table_by_header(doc, first: str, second: str | None = None):
    found = [
        t
        for t in doc.tables
        if t.rows
        and t.rows[0].cells[0].text == first
        and (second is None or t.rows[0].cells[1].text == second)
    ]
    return found


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def ints(text: str) -> list[int]:
    return [int(x.replace(".", "")) for x in re.findall(r"(?<![\d/,])\d{1,3}(?:\.\d{3})*(?![\d/,%])", text)]


def test_periodic_docx_numbers_equal_summary_json(catalogue, party_settings, tmp_path):
    out = tmp_path / "r.docx"
    code, _, err = run(
        "make_report",
        "--unit",
        "P",
        "--programme",
        "NQ57",
        "--as-of",
        "30/09/2025",
        "--kind",
        "dinh_ky",
        "--format",
        "docx",
        "--out",
        str(out),
    )
    assert code == 0, err
    doc = read_docx(out)
    js = summary_json("P", "NQ57", AS_OF)
    assert (
        js["total"] == 9 and js["overdue"] > 0 and js["recurring"] == 1 and js["late"] == 1
    )  # every bucket used
    paras = [p.text for p in doc.paragraphs]
    # The sentence, verbatim.
    assert js["sentence"] in paras
    # The figures table: every number and share.
    (figures,) = table_by_header(doc, "Chỉ số", "Số nhiệm vụ")
    labels = dict((label, key) for key, label in content.FIGURES)
    seen = set()
    for row in figures.rows[1:]:
        label, n, share = (c.text for c in row.cells)
        key = labels[label]
        seen.add(key)
        assert int(n.replace(".", "")) == js[key], key
        assert share == format_percent(js[key] / js["total"] * 100, 1)
    assert seen == {k for k, _ in content.FIGURES}
    # The open-task sentence uses the same numbers.
    started = next(p for p in paras if p.startswith("Trong ") and "đang thực hiện" in p)
    assert ints(started) == [js["open"], js["started"], js["not_started"]]
    # "So với quý trước": the previous quarter's end through the same command.
    prev = summary_json("P", "NQ57", date(2025, 6, 30))
    (compare,) = table_by_header(doc, "Chỉ số", "Đến 30/06/2025")
    for row in compare.rows[1:]:
        label, before, now, change = (c.text for c in row.cells)
        key = labels[label]
        assert int(before) == prev[key] and int(now) == js[key]
        assert int(change.replace("+", "")) == js[key] - prev[key]
    # Per group: each group's sentence is the engine's count for the group; they add up to the total.
    group_sentences = [p for p in paras if p.startswith("Trong tổng số ")][1:]
    totals = [ints(s)[0] for s in group_sentences]
    assert sum(totals) == js["total"]
    group_tables = table_by_header(doc, "TT", "Nhiệm vụ")
    listed = [row.cells[1].text.split(". ", 1)[0] for t in group_tables for row in t.rows[1:]]
    assert "X.01" not in listed  # outside P's subtree
    # Each task row's status is the engine's as of D.
    statuses = {t.code: t.status for t in status.with_status(Task.objects.all(), AS_OF)}
    for t in group_tables:
        for row in t.rows[1:]:
            code_ = row.cells[1].text.split(". ", 1)[0]
            assert row.cells[4].text == status.STATUS_SHORT[statuses[code_]]


def test_next_period_lists_open_tasks_due_next_quarter(catalogue, party_settings):
    data = render("dinh_ky", "docx", catalogue[0].lead, catalogue[0].programme, AS_OF)
    doc = read_docx(data)
    text = all_text(doc)
    assert "Nhiệm vụ đến hạn trong quý tới" in text
    # 2.01 (31/12), 3.01 (extended to 31/10), 3.02 (30/11), 9.01 (31/12) are open and due in Q4.
    para = next(p.text for p in doc.paragraphs if p.text.startswith("Từ ngày 01/10/2025"))
    assert "đến ngày 31/12/2025 có 4 nhiệm vụ" in para
    assert "30/09/2025 (đã gia hạn)" not in text and "31/10/2025 (đã gia hạn)" in text


def test_party_layout(catalogue, party_settings):
    report = content.build("dinh_ky", party_settings.unit, catalogue[0].programme, AS_OF)
    doc = read_docx(build_docx(report, issued_on=date(2025, 3, 5)))
    sec = doc.sections[0]
    L = layouts.PARTY
    mm = [round(x.mm, 1) for x in (sec.page_width, sec.page_height)]
    assert mm == [210, 297]
    margins = [round(x.mm, 1) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)]
    assert (
        margins
        == [L.margin_top_mm, L.margin_bottom_mm, L.margin_left_mm, L.margin_right_mm]
        == [20, 20, 30, 15]
    )
    assert sec.different_first_page_header_footer
    assert (
        "PAGE" in sec.header._element.xml and sec.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    )
    assert not sec.first_page_header.paragraphs or not sec.first_page_header.paragraphs[0].text
    header = doc.tables[0]
    left = [p.text for p in header.cell(0, 0).paragraphs if p.text]
    assert left == ["ĐẢNG BỘ TỈNH THỬ NGHIỆM", "TỈNH ỦY", "*"]
    assert header.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    title_run = header.cell(0, 1).paragraphs[0].runs[0]
    assert title_run.font.size == Pt(15) and title_run.font.bold
    assert re.fullmatch(r"Số +-BC/TU", header.cell(1, 0).paragraphs[0].text)
    place = header.cell(1, 1).paragraphs[0]
    assert place.text == "Quảng Ngãi, ngày 05 tháng 3 năm 2025" and place.runs[0].font.italic
    assert round(header.columns[0].width.cm, 2) == L.header_widths_cm[0]
    paras = [p for p in doc.paragraphs if p.text]
    assert paras[0].text == "BÁO CÁO" and paras[0].runs[0].font.size == Pt(16)
    assert paras[1].text.startswith("về kết quả thực hiện Nghị quyết số 57-NQ/TW")
    body = next(p for p in doc.paragraphs if p.text.startswith("Trong tổng số"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent == Cm(L.first_line_indent_cm)
    assert body.runs[0].font.name == "Times New Roman" and body.runs[0].font.size == Pt(14)
    assert paras[-1].text == "Ban Thường vụ Tỉnh ủy kính báo cáo Văn phòng Trung ương Đảng."
    sign = doc.tables[-1]
    left = [p.text for p in sign.cell(0, 0).paragraphs]
    assert left == [
        "Nơi nhận:",
        "- Văn phòng Trung ương Đảng,",
        "- Các đồng chí Ủy viên BTV Tỉnh ủy,",
        "- Lưu Văn phòng Tỉnh ủy.",
    ]
    assert sign.cell(0, 0).paragraphs[0].runs[0].font.underline
    right = [p.text for p in sign.cell(0, 1).paragraphs if p.text]
    assert right == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn A"]


def test_state_layout_by_default(catalogue):
    """A unit without settings gets the State format with its own name; the line under the motto is drawn."""
    report = content.build("dinh_ky", catalogue[1].lead, catalogue[0].programme, AS_OF)
    doc = read_docx(build_docx(report, issued_on=date(2025, 1, 5)))
    header = doc.tables[0]
    right = [p.text for p in header.cell(0, 1).paragraphs if p.text]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "w:pBdr" in header.cell(0, 1)._tc.xml  # the rule under the motto
    assert header.cell(0, 0).paragraphs[0].text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert re.fullmatch(r"Số: +/BC-A", header.cell(1, 0).paragraphs[0].text)
    assert header.cell(1, 1).paragraphs[0].text == "ngày 05 tháng 01 năm 2025"
    assert round(header.columns[1].width.cm, 2) == 10.5
    subject = [p.text for p in doc.paragraphs if p.text][1]
    assert subject.startswith("Kết quả thực hiện")
    sign = doc.tables[-1]
    assert sign.cell(0, 0).paragraphs[0].runs[0].font.italic
    assert [p.text for p in sign.cell(0, 0).paragraphs][1:] == ["- Như trên;", "- Lưu: VT."]
    # Tables of the body never contain a task of another unit's subtree.
    assert "Phát động phong trào" in all_text(doc) and "Rà soát thể chế" not in all_text(doc)


def test_fonts_are_set_for_every_script(catalogue):
    data = render("qua_han", "docx", catalogue[0].lead, catalogue[0].programme, AS_OF)
    doc = read_docx(data)
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}


def test_overdue_and_reminder_list_exactly_the_overdue_tasks(catalogue, party_settings):
    prog = catalogue[0].programme
    p = party_settings.unit
    overdue = set(
        status.filter_status(
            Task.objects.filter(lead__path__startswith=p.path), "overdue", AS_OF
        ).values_list("code", flat=True)
    )
    assert overdue == {"2.02"}
    for kind in ("qua_han", "don_doc"):
        doc = read_docx(render(kind, "docx", p, prog, AS_OF))
        (table,) = table_by_header(doc, "TT", "Nhiệm vụ")
        assert {row.cells[1].text.split(". ", 1)[0] for row in table.rows[1:]} == overdue
        assert table.rows[1].cells[4].text == format_int((AS_OF - date(2025, 6, 30)).days)
    # The letter is addressed to the units that lead overdue tasks, and numbered as a công văn.
    doc = read_docx(render("don_doc", "docx", p, prog, AS_OF))
    text = all_text(doc)
    assert "Kính gửi: Xã Đông Sơn." in text
    assert re.search(r"Số +-CV/TU", doc.tables[0].cell(1, 0).text)
    assert "V/v đôn đốc thực hiện các nhiệm vụ quá hạn" in doc.tables[0].cell(1, 0).text
    assert "BÁO CÁO" not in [para.text for para in doc.paragraphs]


def test_indicator_report_without_indicators_app_still_builds(catalogue):
    doc = read_docx(render("chi_tieu", "docx", catalogue[0].lead, catalogue[0].programme, AS_OF))
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]


def test_long_lists_are_cut_with_a_note_and_counts_stay_exact(catalogue, party_settings, monkeypatch):
    monkeypatch.setattr(content, "MAX_TASK_ROWS", 1)
    prog = catalogue[0].programme
    doc = read_docx(render("dinh_ky", "docx", party_settings.unit, prog, AS_OF))
    group_tables = table_by_header(doc, "TT", "Nhiệm vụ")[:-1]  # the last one lists next quarter's tasks
    assert all(len(t.rows) == 2 for t in group_tables)
    notes = [p.text for p in doc.paragraphs if p.text.startswith("(Liệt kê 1/")]
    assert "(Liệt kê 1/2 nhiệm vụ; danh mục đầy đủ xem tệp Excel kết xuất cùng kỳ.)" in notes
    js = summary_json("P", "NQ57", AS_OF)
    assert js["sentence"] in [p.text for p in doc.paragraphs]
