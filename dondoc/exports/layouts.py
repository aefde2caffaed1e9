"""The two official layouts as data: every size, margin and fixed string of a format in ONE definition.

Sources: shared/formats.md — Decree 30/2020/NĐ-CP, Phụ lục I (state administrative documents) and
Hướng dẫn 36-HD/VPTW, Phụ lục 3 (Party documents). A new guideline (e.g. one replacing Hướng dẫn 36) is a new
Layout value here, not new code in the builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """How one element is set: size in points and style."""

    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False  # the builder upper-cases the text


@dataclass(frozen=True)
class Rule:
    """A horizontal line under an element: `width_cm` long, centred in its column."""

    width_cm: float


@dataclass(frozen=True)
class Layout:
    code: str
    name: str
    # Page (A4 portrait) and margins, millimetres.
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    header_distance_mm: float = 10
    font: str = "Times New Roman"
    # Header: a borderless 2×2 table (agency | national or Party title; number | place and date).
    header_widths_cm: tuple[float, float] = (6.0, 10.5)
    national_title: str = ""
    national_title_text: Text = Text(13, bold=True, caps=True)
    national_title_rule: Rule | None = None
    motto: str = ""
    motto_text: Text = Text(14, bold=True)
    motto_rule: Rule | None = None
    parent_body_text: Text = Text(13, caps=True)
    issuing_body_text: Text = Text(13, bold=True, caps=True)
    issuing_body_rule: Rule | None = None
    issuing_body_star: bool = False  # a "*" centred on its own line below the issuing body (Party)
    # Number-symbol: {number} is left blank for the clerk who registers the document.
    number_format: str = "Số: {number}/{kind}-{code}"
    number_blank: str = "      "
    number_text: Text = Text(13)
    # Kind codes and names by document kind ("BC" báo cáo, "CV" công văn).
    kind_names: dict[str, str] = field(default_factory=lambda: {"BC": "BÁO CÁO", "TB": "THÔNG BÁO"})
    letter_number_format: str = "Số: {number}/{code}-VP"  # a letter (công văn) has no kind code
    letter_subject_text: Text = Text(12)
    place_date_format: str = "{place}, {date}"
    place_date_text: Text = Text(14, italic=True)
    # Title of the document.
    kind_text: Text = Text(14, bold=True, caps=True)
    subject_text: Text = Text(14, bold=True)
    subject_lowercase_ve: bool = False  # Party subjects start with a lower-case "về"
    subject_rule: Rule | None = Rule(3.0)
    addressee_label: str = "Kính gửi:"
    addressee_text: Text = Text(14)
    # Body.
    body_text: Text = Text(14)
    heading_text: Text = Text(14, bold=True)
    subheading_text: Text = Text(14, bold=True, italic=True)
    note_text: Text = Text(13, italic=True)
    table_text: Text = Text(12)
    table_header_text: Text = Text(12, bold=True)
    first_line_indent_cm: float = 1.0
    space_after_pt: float = 6
    line_spacing: float = 1.15
    # Signature block and recipients.
    signature_widths_cm: tuple[float, float] = (7.5, 9.0)
    recipients_label: str = "Nơi nhận:"
    recipients_label_text: Text = Text(12, bold=True, italic=True)
    recipient_text: Text = Text(11)
    recipient_format: str = "- {line}{end}"
    recipient_separator: str = ";"
    recipient_last_end: str = "."
    signer_authority_text: Text = Text(14, bold=True, caps=True)
    signer_title_text: Text = Text(14, bold=True, caps=True)
    signer_name_text: Text = Text(14, bold=True)
    signature_space_lines: int = 4
    # Page numbers: Arabic, centred in the top margin, none on the first page.
    page_number_text: Text = Text(14)


STATE = Layout(
    code="state",
    name="Nghị định 30/2020/NĐ-CP",
    header_widths_cm=(6.0, 10.5),
    national_title="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    national_title_text=Text(13, bold=True, caps=True),
    motto="Độc lập - Tự do - Hạnh phúc",
    motto_text=Text(14, bold=True),
    motto_rule=Rule(6.1),
    parent_body_text=Text(13, caps=True),
    issuing_body_text=Text(13, bold=True, caps=True),
    issuing_body_rule=Rule(2.2),
    number_format="Số: {number}/{kind}-{code}",
    number_text=Text(13),
    letter_number_format="Số: {number}/{code}-VP",
    place_date_text=Text(14, italic=True),
    kind_text=Text(14, bold=True, caps=True),
    subject_text=Text(14, bold=True),
    subject_rule=Rule(3.0),
    body_text=Text(14),
    first_line_indent_cm=1.0,
    recipients_label="Nơi nhận:",
    recipients_label_text=Text(12, bold=True, italic=True),
    recipient_text=Text(11),
    recipient_separator=";",
    signer_authority_text=Text(14, bold=True, caps=True),
    signer_title_text=Text(14, bold=True, caps=True),
    signer_name_text=Text(14, bold=True),
    page_number_text=Text(14),
)

PARTY = Layout(
    code="party",
    name="Hướng dẫn 36-HD/VPTW",
    header_widths_cm=(7.7, 8.8),
    national_title="ĐẢNG CỘNG SẢN VIỆT NAM",
    national_title_text=Text(15, bold=True, caps=True),
    national_title_rule=Rule(7.6),
    motto="",
    parent_body_text=Text(14, caps=True),
    issuing_body_text=Text(14, bold=True, caps=True),
    issuing_body_rule=None,
    issuing_body_star=True,
    number_format="Số {number}-{kind}/{code}",
    number_text=Text(14),
    letter_number_format="Số {number}-CV/{code}",
    place_date_text=Text(14, italic=True),
    kind_text=Text(16, bold=True, caps=True),
    subject_text=Text(14, bold=True),
    subject_lowercase_ve=True,
    subject_rule=Rule(2.0),
    body_text=Text(14),
    heading_text=Text(14, bold=True),
    subheading_text=Text(14, bold=True, italic=True),
    first_line_indent_cm=1.27,
    recipients_label="Nơi nhận:",
    recipients_label_text=Text(14, underline=True),
    recipient_text=Text(12),
    recipient_separator=",",
    signer_authority_text=Text(14, bold=True, caps=True),
    signer_title_text=Text(14, caps=True),
    signer_name_text=Text(14, bold=True),
    page_number_text=Text(14),
)

LAYOUTS: dict[str, Layout] = {STATE.code: STATE, PARTY.code: PARTY}


def get(code: str) -> Layout:
    return LAYOUTS.get(code, STATE)


def number_line(layout: Layout, kind: str, code: str, number: str = "") -> str:
    """ "Số 12-BC/TU" (Party) or "Số: 123/BC-UBND" (State); a letter: "Số -CV/TU" / "Số: /UBND-VP"."""
    number = number or layout.number_blank
    if kind == "CV":
        return layout.letter_number_format.format(number=number, code=code)
    return layout.number_format.format(number=number, kind=kind, code=code)
