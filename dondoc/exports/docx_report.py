"""Write a report's content as an editable DOCX (python-docx) in the Party or the State layout.

All sizes, margins and fixed strings come from the Layout (layouts.py); this module only places them.
"""

from __future__ import annotations

import copy
import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from dondoc.tasks import status
from dondoc.vn import format_long_date

from . import layouts
from .content import Para, Report, Table
from .layouts import Layout, Rule, Text


def _font(run, layout: Layout, t: Text) -> None:
    run.font.name = layout.font
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), layout.font)
    run.font.size = Pt(t.size)
    run.font.bold = t.bold
    run.font.italic = t.italic
    run.font.underline = t.underline


def _para(
    container,
    text: str,
    layout: Layout,
    t: Text,
    *,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
    indent_cm: float | None = None,
    justify: bool = False,
):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if indent_cm is not None:
        fmt.first_line_indent = Cm(indent_cm)
    if text:
        _font(p.add_run(text.upper() if t.caps else text), layout, t)
    return p


def _first_para(cell, text: str, layout: Layout, t: Text, **kw):
    """Cells come with one empty paragraph: fill it rather than leave a blank line."""
    p = cell.paragraphs[0]
    if p.text or p.runs:
        return _para(cell, text, layout, t, **kw)
    p.paragraph_format.alignment = kw.get("align", WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(kw.get("after", 0))
    if text:
        _font(p.add_run(text.upper() if t.caps else text), layout, t)
    return p


def _rule(container, rule: Rule, column_cm: float):
    """A centred horizontal line `rule.width_cm` long: an empty paragraph with a bottom border."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    side = max((column_cm - rule.width_cm) / 2, 0)
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    border.append(bottom)
    # pBdr must come before spacing/ind/jc in CT_PPr's sequence.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is not None:
        anchor.addprevious(border)
    else:
        ppr.append(border)
    return p


def _fixed_table(doc, rows: int, widths_cm: list[float], *, borders: bool):
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    if borders:
        table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout type="fixed": the widths below hold in Word and LibreOffice
    for i, w in enumerate(widths_cm):
        table.columns[i].width = Cm(w)
        for cell in table.columns[i].cells:
            cell.width = Cm(w)
    return table


def _page_number_header(section, layout: Layout) -> None:
    """Arabic page numbers centred in the top margin from page 2 (a different, empty first-page header)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, layout, layout.page_number_text)
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def _setup(doc, layout: Layout) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(layout.page_width_mm)
    section.page_height = Mm(layout.page_height_mm)
    section.top_margin = Mm(layout.margin_top_mm)
    section.bottom_margin = Mm(layout.margin_bottom_mm)
    section.left_margin = Mm(layout.margin_left_mm)
    section.right_margin = Mm(layout.margin_right_mm)
    section.header_distance = Mm(layout.header_distance_mm)
    normal = doc.styles["Normal"]
    normal.font.name = layout.font
    normal.font.size = Pt(layout.body_text.size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), layout.font)
    normal.paragraph_format.space_after = Pt(0)
    _page_number_header(section, layout)


def _header(doc, report: Report, layout: Layout, issued_on: date) -> None:
    rs = report.settings
    left_w, right_w = layout.header_widths_cm
    table = _fixed_table(doc, 2, [left_w, right_w], borders=False)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if rs.parent_body:
        _first_para(left, rs.parent_body, layout, layout.parent_body_text)
    _first_para(left, rs.issuing_body, layout, layout.issuing_body_text)
    if layout.issuing_body_rule:
        _rule(left, layout.issuing_body_rule, left_w)
    if layout.issuing_body_star:
        _para(left, "*", layout, Text(layout.issuing_body_text.size))
    _first_para(right, layout.national_title, layout, layout.national_title_text)
    if layout.national_title_rule:
        _rule(right, layout.national_title_rule, right_w)
    if layout.motto:
        _para(right, layout.motto, layout, layout.motto_text)
        if layout.motto_rule:
            _rule(right, layout.motto_rule, right_w)
    number = layouts.number_line(layout, report.doc_kind, rs.number_code)
    p = _first_para(table.cell(1, 0), number, layout, layout.number_text)
    p.paragraph_format.space_before = Pt(6)
    if report.doc_kind == "CV":
        _para(table.cell(1, 0), report.subject, layout, layout.letter_subject_text)
    place_date = format_long_date(issued_on, official=True)
    if rs.place:
        place_date = layout.place_date_format.format(place=rs.place, date=place_date)
    p = _first_para(table.cell(1, 1), place_date, layout, layout.place_date_text)
    p.paragraph_format.space_before = Pt(6)


def _title(doc, report: Report, layout: Layout) -> None:
    body_w = (layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm) / 10
    if report.doc_kind != "CV":
        p = _para(doc, layout.kind_names.get(report.doc_kind, "BÁO CÁO"), layout, layout.kind_text)
        p.paragraph_format.space_before = Pt(18)
        subject = report.subject
        if layout.subject_lowercase_ve:
            subject = "về " + subject[:1].lower() + subject[1:]
        _para(doc, subject, layout, layout.subject_text)
        if layout.subject_rule:
            _rule(doc, layout.subject_rule, body_w)
    if report.addressees:
        label = layout.addressee_label
        if len(report.addressees) == 1:
            p = _para(doc, f"{label} {report.addressees[0]}.", layout, layout.addressee_text)
            p.paragraph_format.space_before = Pt(12)
        else:
            p = _para(doc, label, layout, layout.addressee_text)
            p.paragraph_format.space_before = Pt(12)
            for i, name in enumerate(report.addressees):
                end = "." if i == len(report.addressees) - 1 else ";"
                q = _para(doc, f"- {name}{end}", layout, layout.addressee_text, align=WD_ALIGN_PARAGRAPH.LEFT)
                q.paragraph_format.left_indent = Cm(4.5)
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)


def _body(doc, report: Report, layout: Layout) -> None:
    styles = {
        "body": layout.body_text,
        "heading": layout.heading_text,
        "subheading": layout.subheading_text,
        "note": layout.note_text,
    }
    for block in report.blocks:
        if isinstance(block, Para):
            p = _para(
                doc,
                block.text,
                layout,
                styles.get(block.style, layout.body_text),
                justify=True,
                indent_cm=layout.first_line_indent_cm,
                after=layout.space_after_pt,
            )
            p.paragraph_format.line_spacing = layout.line_spacing
        elif isinstance(block, Table):
            _table(doc, block, layout)


def _table(doc, block: Table, layout: Layout) -> None:
    """A bordered table. Body rows are copies of one styled template row with only their texts set: a
    province's catalogue of thousands of tasks builds in a fraction of the time python-docx needs cell by
    cell, and the result is the same editable Word table."""
    table = _fixed_table(doc, 2, block.widths_cm, borders=True)
    for j, title in enumerate(block.header):
        cell = table.cell(0, j)
        _first_para(cell, title, layout, layout.table_header_text)
    # Repeat the header row on every page.
    trpr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    template = table.rows[1]
    for j, cell in enumerate(template.cells):
        align = WD_ALIGN_PARAGRAPH.RIGHT if j in block.numeric else WD_ALIGN_PARAGRAPH.LEFT
        if j == 0 and block.name != "figures" and block.name != "compare":
            align = WD_ALIGN_PARAGRAPH.CENTER
        _first_para(cell, "\u200b", layout, layout.table_text, align=align)
    template_tr = template._tr
    tbl = table._tbl
    text_tag = qn("w:t")
    space = qn("xml:space")
    for row in block.rows:
        tr = copy.deepcopy(template_tr)
        for t_el, value in zip(tr.iter(text_tag), row, strict=False):
            text = "" if value is None else str(value)
            t_el.text = text
            if text != text.strip():
                t_el.set(space, "preserve")
        tbl.append(tr)
    tbl.remove(template_tr)
    after = doc.add_paragraph()
    after.paragraph_format.space_after = Pt(layout.space_after_pt)


def _signature(doc, report: Report, layout: Layout) -> None:
    rs = report.settings
    left_w, right_w = layout.signature_widths_cm
    table = _fixed_table(doc, 1, [left_w, right_w], borders=False)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _first_para(
        left, layout.recipients_label, layout, layout.recipients_label_text, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    lines = rs.recipient_lines
    for i, line in enumerate(lines):
        end = layout.recipient_last_end if i == len(lines) - 1 else layout.recipient_separator
        _para(
            left,
            layout.recipient_format.format(line=line, end=end),
            layout,
            layout.recipient_text,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
    if rs.signer_authority:
        _first_para(right, rs.signer_authority, layout, layout.signer_authority_text)
    _first_para(right, rs.signer_title, layout, layout.signer_title_text)
    for _ in range(layout.signature_space_lines):
        _para(right, "", layout, layout.signer_name_text)
    if rs.signer_name:
        _para(right, rs.signer_name, layout, layout.signer_name_text)


def build_docx(report: Report, *, issued_on: date | None = None) -> bytes:
    """The DOCX file of a report, in the layout its issuing office uses."""
    layout = layouts.get(report.settings.layout)
    doc = Document()
    doc.core_properties.title = report.subject[:250]
    doc.core_properties.author = report.settings.issuing_body[:250]
    _setup(doc, layout)
    # The document starts with the header table: drop the empty paragraph python-docx's template holds.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _header(doc, report, layout, issued_on or status.today())
    _title(doc, report, layout)
    _body(doc, report, layout)
    _signature(doc, report, layout)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
