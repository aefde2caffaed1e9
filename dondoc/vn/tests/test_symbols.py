import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.vn.symbols import KIND_NAMES, Symbol, parse_symbol

# (raw, number, year, kind, issuer, style) for real symbols from the Nghị quyết 57 workstream.
REAL = [
    ("366-KH/TU", "366", None, "KH", "TU", "party"),
    ("1827-QĐ/TU", "1827", None, "QĐ", "TU", "party"),
    ("13884-CV/VPTW", "13884", None, "CV", "VPTW", "party"),
    ("02-QC/BCĐ", "02", None, "QC", "BCĐ", "party"),
    ("57-NQ/TW", "57", None, "NQ", "TW", "party"),
    ("1423-TTr/BTCTU", "1423", None, "TTr", "BTCTU", "party"),
    ("03-TB/BCĐ", "03", None, "TB", "BCĐ", "party"),
    ("25/2021/NQ-HĐND", "25", 2021, "NQ", "HĐND", "state_normative"),
    ("09/2019/NĐ-CP", "09", 2019, "NĐ", "CP", "state_normative"),
    ("193/2025/QH15", "193", 2025, "NQ", "QH15", "state_normative"),
    ("11/KH-UBND", "11", None, "KH", "UBND", "state_admin"),
    ("1444/QĐ-UBND", "1444", None, "QĐ", "UBND", "state_admin"),
    ("07/CT-TTg", "07", None, "CT", "TTg", "state_admin"),
    ("03/NQ-CP", "03", None, "NQ", "CP", "state_admin"),
    ("55/KH-UBND", "55", None, "KH", "UBND", "state_admin"),
    ("5518/VPCP-KSTT", "5518", None, "CV", "VPCP-KSTT", "letter"),
]


@pytest.mark.parametrize(("raw", "number", "year", "kind", "issuer", "style"), REAL)
def test_real_symbols(raw, number, year, kind, issuer, style):
    sym = parse_symbol(raw)
    assert (sym.number, sym.year, sym.kind, sym.issuer, sym.style) == (number, year, kind, issuer, style)
    assert sym.raw == raw
    assert sym.canonical == raw
    assert str(sym) == raw


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Số: 366-KH/TU", "366-KH/TU"),
        ("số 366 - KH / TU", "366-KH/TU"),
        ("Số, ký hiệu: 09/2019/NĐ-CP", "09/2019/NĐ-CP"),
        ("09/2019/NÐ-CP", "09/2019/NĐ-CP"),  # U+00D0 instead of Đ
        ("1827-QÐ/TU", "1827-QĐ/TU"),
        ("1827-qđ/TU", "1827-QĐ/TU"),
        ("1423-TTR/BTCTU", "1423-TTr/BTCTU"),
        ("12-QYĐ/TU", "12-QyĐ/TU"),
        ("11/kh-UBND", "11/KH-UBND"),
        ("11 / KH – UBND", "11/KH-UBND"),  # en dash
        ("  5518 /VPCP-KSTT ", "5518/VPCP-KSTT"),
        ("193/2025/NQ-QH15", "193/2025/QH15"),
        ("12-xyz/TU", "12-XYZ/TU"),  # unknown kind codes are kept, upper-cased
    ],
)
def test_tolerant_input(text, canonical):
    sym = parse_symbol(text)
    assert sym.canonical == canonical
    assert sym.raw == text
    assert parse_symbol(canonical) == sym


def test_letter_vs_admin():
    assert parse_symbol("5518/VPCP-KSTT").style == "letter"
    assert parse_symbol("11/KH-UBND").style == "state_admin"
    letter = parse_symbol("123/UBND")
    assert (letter.style, letter.kind, letter.issuer) == ("letter", "CV", "UBND")


def test_equality_ignores_raw():
    assert parse_symbol("Số: 57-NQ/TW") == parse_symbol("57-NQ/TW")
    assert parse_symbol("57-NQ/TW") != parse_symbol("57-NQ/TU")
    assert len({parse_symbol("57-NQ/TW"), parse_symbol("số 57 - NQ/TW")}) == 1


def test_kind_names():
    expected = {
        "NQ": "nghị quyết",
        "QĐ": "quyết định",
        "KH": "kế hoạch",
        "CT": "chỉ thị",
        "TB": "thông báo",
        "CV": "công văn",
        "TTr": "tờ trình",
        "QC": "quy chế",
        "QyĐ": "quy định",
        "HD": "hướng dẫn",
        "BC": "báo cáo",
        "NĐ": "nghị định",
        "TT": "thông tư",
        "KL": "kết luận",
        "CTr": "chương trình",
        "ĐA": "đề án",
    }
    assert expected.items() <= KIND_NAMES.items()
    assert parse_symbol("366-KH/TU").kind_name == "kế hoạch"
    assert parse_symbol("12-XYZ/TU").kind_name is None


@pytest.mark.parametrize(
    "text",
    [
        "ABC",
        "",
        "366",
        "366/",
        "KH/TU",
        "12/2019",
        "366-KH",
        "09/2019/CP",
        "366-KH/TU/X",
        "1.5",
        "5518/-KSTT",
    ],
)
def test_rejects(text):
    with pytest.raises(ValueError) as info:
        parse_symbol(text)
    assert str(info.value) == (
        f"Số, ký hiệu '{text}' không đúng mẫu. Các dạng hợp lệ: văn bản của Đảng 366-KH/TU; "
        "văn bản quy phạm pháp luật 09/2019/NĐ-CP; văn bản hành chính 11/KH-UBND; "
        "công văn 5518/VPCP-KSTT."
    )


# --- properties ---------------------------------------------------------------------------

KNOWN_FOLDED = {k.casefold() for k in KIND_NAMES}
numbers = st.from_regex(r"\A[0-9]{1,5}\Z")
years = st.integers(min_value=1945, max_value=2100)
letters = "ABCDEGHIKLMNOPQRSTUVXYĐ"
word = st.text(alphabet=letters, min_size=1, max_size=5)
code = st.builds(lambda w, digits: w + digits, word, st.from_regex(r"\A[0-9]{0,2}\Z"))
issuers = st.one_of(
    st.sampled_from(["TW", "TU", "VPTW", "BCĐ", "UBND", "CP", "TTg", "HĐND", "BTCTU", "QH15"]),
    st.lists(code, min_size=1, max_size=3).map("-".join),
)
known_kinds = st.sampled_from(sorted(KIND_NAMES))
unknown_kinds = word.filter(lambda w: w.casefold() not in KNOWN_FOLDED)


@given(numbers, st.one_of(known_kinds, unknown_kinds), issuers)
def test_party_round_trip(number, kind, issuer):
    sym = parse_symbol(f"{number}-{kind}/{issuer}")
    assert (sym.number, sym.year, sym.kind, sym.issuer, sym.style) == (number, None, kind, issuer, "party")
    assert parse_symbol(sym.canonical) == sym


@given(numbers, years, st.one_of(known_kinds, unknown_kinds), issuers)
def test_normative_round_trip(number, year, kind, issuer):
    sym = parse_symbol(f"{number}/{year}/{kind}-{issuer}")
    assert (sym.number, sym.year, sym.kind, sym.issuer, sym.style) == (
        number,
        year,
        kind,
        issuer,
        "state_normative",
    )
    assert parse_symbol(sym.canonical) == sym


@given(numbers, years, st.integers(min_value=1, max_value=20))
def test_national_assembly_round_trip(number, year, term):
    sym = parse_symbol(f"{number}/{year}/QH{term}")
    assert (sym.kind, sym.issuer, sym.style) == ("NQ", f"QH{term}", "state_normative")
    assert sym.canonical == f"{number}/{year}/QH{term}"
    assert parse_symbol(sym.canonical) == sym


@given(numbers, known_kinds, issuers)
def test_admin_round_trip(number, kind, issuer):
    sym = parse_symbol(f"{number}/{kind}-{issuer}")
    assert (sym.number, sym.year, sym.kind, sym.issuer, sym.style) == (
        number,
        None,
        kind,
        issuer,
        "state_admin",
    )
    assert parse_symbol(sym.canonical) == sym


@given(numbers, issuers.filter(lambda i: i.split("-")[0].casefold() not in KNOWN_FOLDED))
def test_letter_round_trip(number, issuer):
    sym = parse_symbol(f"{number}/{issuer}")
    assert (sym.number, sym.year, sym.kind, sym.issuer, sym.style) == (number, None, "CV", issuer, "letter")
    assert parse_symbol(sym.canonical) == sym


@given(st.sampled_from(REAL), st.sampled_from(["", "Số: ", "số ", "SỐ:"]), st.booleans())
def test_decorated_real_symbols_parse_to_same(real, prefix, spaced):
    raw = real[0]
    text = raw.replace("/", " / ").replace("-", " - ") if spaced else raw
    assert parse_symbol(prefix + text) == parse_symbol(raw)


def test_symbol_is_frozen():
    sym = parse_symbol("57-NQ/TW")
    with pytest.raises(AttributeError):
        sym.number = "58"  # type: ignore[misc]
    assert isinstance(sym, Symbol)
