"""The narrative figure extractor, on the Quảng Ngãi report and on generated sentences."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.indicators.figures import extract, read_document
from dondoc.vn import format_decimal, format_int

REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "001_d4cc950cb4272272.txt"
if not REFERENCE.exists():  # the checkout may live elsewhere than /work/main
    REFERENCE = Path("/work/shared/reference/001_d4cc950cb4272272.txt")


@pytest.fixture(scope="module")
def ref():
    if not REFERENCE.exists():
        pytest.skip("reference text not available")
    text = REFERENCE.read_text(encoding="utf-8")
    return text, extract(text)


def find(figs, text):
    found = [f for f in figs if f.text == text]
    assert found, f"{text!r} not found among {[f.text for f in figs]}"
    return found[0]


def test_reference_percentages(ref):
    _, figs = ref
    f = find(figs, "đạt trên 99,30%")
    assert (f.value, f.unit, f.qualifier, f.kind) == (Decimal("99.30"), "%", "trên", "percent")
    assert "sở, ban, ngành" in f.sentence
    assert find(figs, "đạt 87,85%").value == Decimal("87.85")
    assert find(figs, "đạt 70,35%").value == Decimal("70.35")
    f = find(figs, "trên 95%")
    assert (f.value, f.qualifier, f.of) == (95, "trên", "văn bản")
    assert find(figs, "đạt 74,08%").value == Decimal("74.08")
    f = find(figs, "23,98%")
    assert f.value == Decimal("23.98") and f.qualifier == ""
    assert find(figs, "13,3 %").value == Decimal("13.3")
    f = find(figs, "ít nhất 3%")
    assert (f.value, f.qualifier, f.of) == (3, "ít nhất", "tổng chi ngân sách")
    f = find(figs, "tối thiểu đạt 25%")
    assert (f.value, f.qualifier) == (25, "tối thiểu")


def test_reference_fractions(ref):
    _, figs = ref
    f = find(figs, "4/5")
    assert (f.kind, f.numerator, f.denominator, f.value) == ("fraction", 4, 5, Decimal("0.8"))
    assert figs[figs.index(f) + 1].text == "80%"
    half = find(figs, "½")
    assert (half.numerator, half.denominator) == (1, 2)
    assert find(figs, "2/15").denominator == 15
    assert find(figs, "9/10").numerator == 9


def test_reference_counts(ref):
    _, figs = ref
    f = find(figs, "hơn 1.780 vị trí cột thu phát sóng")
    assert (f.value, f.qualifier, f.unit) == (1780, "hơn", "vị trí cột thu phát sóng")
    f = find(figs, "3.700 trạm BTS")
    assert (f.value, f.unit, f.kind) == (3700, "trạm BTS", "count")
    assert find(figs, "240 điểm phục vụ").unit == "điểm phục vụ"
    assert find(figs, "05 mạng thông tin di động").value == 5
    assert find(figs, "170 TB").unit == "TB"
    assert find(figs, "1.526 cơ quan").value == 1526
    f = find(figs, "gần 60 ứng dụng")
    assert (f.value, f.qualifier) == (60, "gần")
    assert find(figs, "khoảng 60 phần mềm").qualifier == "khoảng"


def test_reference_no_dates_symbols_sections(ref):
    _, figs = ref
    values = {f.value for f in figs}
    texts = " | ".join(f.text for f in figs)
    # dates, years, ranges, symbols, section numbers and footnote markers are not figures
    for bad in (2025, 2024, 2021, 2030, 2045, 57, 193, 366, 1827, 13884, 204, 1423):
        assert bad not in values, (bad, texts)
    for bad in ("20/3", "1.1", "3.2", "57-NQ", "QH15", "2021 - 2025", "6/2024", "1A", "5G"):
        assert bad not in texts
    assert all(f.unit != "" or f.kind in ("fraction", "count") for f in figs)
    assert len(figs) == len({(f.start, f.end) for f in figs})


def test_reference_command_json(ref, capsys):
    from django.core.management import call_command

    call_command("extract_figures", str(REFERENCE), "--json")
    data = json.loads(capsys.readouterr().out)
    assert {"value", "unit", "qualifier", "text", "sentence"} <= set(data[0])
    by_text = {d["text"]: d for d in data}
    assert by_text["đạt trên 99,30%"]["value"] == 99.3
    assert by_text["đạt trên 99,30%"]["qualifier"] == "trên"
    assert by_text["3.700 trạm BTS"]["unit"] == "trạm BTS"
    assert by_text["4/5"]["value"] == 0.8


def test_command_missing_file(capsys):
    from django.core.management import call_command

    with pytest.raises(SystemExit) as exc:
        call_command("extract_figures", "/khong/co/tep.txt")
    assert exc.value.code == 1
    assert "Không tìm thấy tệp" in capsys.readouterr().err


@pytest.mark.parametrize(
    "sentence, text, value, unit, qualifier",
    [
        ("Số hóa 800 nghìn trang, tài liệu.", "800 nghìn trang", 800000, "trang", ""),
        ("Bố trí 15 tỷ đồng cho chuyển đổi số.", "15 tỷ đồng", 15 * 10**9, "đồng", ""),
        (
            "Có khoảng 1,5 triệu người dùng, tăng mạnh.",
            "khoảng 1,5 triệu người dùng",
            1500000,
            "người dùng",
            "khoảng",
        ),
        (
            "Đã cấp hơn 2.345 chữ ký số công cộng.",
            "hơn 2.345 chữ ký số công cộng",
            2345,
            "chữ ký số công cộng",
            "hơn",
        ),
        ("Kết nối tối đa 12 hệ thống; ", "tối đa 12 hệ thống", 12, "hệ thống", "tối đa"),
    ],
)
def test_multipliers_amounts_qualifiers(sentence, text, value, unit, qualifier):
    figs = extract(sentence)
    assert len(figs) == 1
    f = figs[0]
    assert (f.text, f.value, f.unit, f.qualifier) == (text, value, unit, qualifier)
    if unit == "đồng":
        assert f.kind == "amount"


def test_not_figures():
    text = (
        "1. Công tác chỉ đạo\n"
        "1.1. Theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 và Nghị quyết 193/2025/QH15, Công văn số "
        "5518/VPCP-KSTT, Kế hoạch 11/KH-UBND giai đoạn 2021 - 2025, đến năm 2030, tháng 6/2024, "
        "chiều 24/6, mạng 5G tại quốc lộ 1A; (1) nâng cao nhận thức; tỉnh³ và HTTT2.\n"
    )
    assert extract(text) == []


@given(
    n=st.integers(min_value=0, max_value=10**9),
    noun=st.sampled_from(["cơ quan", "trạm BTS", "điểm phục vụ", "hồ sơ", "người dân"]),
)
def test_printed_integers_read_back(n, noun):
    text = f"Toàn tỉnh có {format_int(n)} {noun}, tăng so với cùng kỳ."
    figs = extract(text)
    assert len(figs) == 1
    assert figs[0].value == n and figs[0].unit == noun


@given(
    x=st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    qual=st.sampled_from(["", "trên ", "gần ", "khoảng ", "ít nhất ", "tối thiểu ", "đạt "]),
)
def test_printed_percentages_read_back(x, qual):
    text = f"Tỷ lệ hồ sơ trực tuyến {qual}{format_decimal(x, 2)}% trong quý."
    figs = extract(text)
    assert len(figs) == 1
    assert figs[0].value == x and figs[0].unit == "%"
    assert figs[0].qualifier == qual.strip()


@given(a=st.integers(min_value=0, max_value=500), b=st.integers(min_value=1, max_value=500))
def test_printed_fractions_read_back(a, b):
    figs = extract(f"Các khu công nghiệp, {a}/{b}, đạt yêu cầu.")
    assert len(figs) == 1
    assert (figs[0].numerator, figs[0].denominator) == (a, b)


def test_read_docx(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Tỷ lệ sử dụng văn bản điện tử đạt trên 99,30%.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Trạm BTS"
    t.cell(0, 1).text = "có 3.700 trạm BTS"
    path = tmp_path / "bao-cao.docx"
    d.save(path)
    figs = extract(read_document(path))
    assert [f.text for f in figs] == ["đạt trên 99,30%", "3.700 trạm BTS"]


def test_read_document_refuses_other_files(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF")
    with pytest.raises(ValueError, match="Chỉ đọc được"):
        read_document(p)
