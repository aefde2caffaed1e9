import calendar
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.vn.dates import format_date
from dondoc.vn.deadlines import Deadline, format_deadline, parse_deadline

ACCEPTED_SHAPES = (
    "Các dạng hợp lệ: 30/6/2025; quý II/2025; tháng 9/2025; 6 tháng đầu năm 2025; "
    "6 tháng cuối năm 2025; năm 2026; trước ngày 30/6; thường xuyên."
)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("30/6/2025", date(2025, 6, 30)),
        ("30/06/2025", date(2025, 6, 30)),
        ("ngày 30/6/2025", date(2025, 6, 30)),
        ("quý II/2025", date(2025, 6, 30)),
        ("Quý 2/2025", date(2025, 6, 30)),
        ("quý II năm 2025", date(2025, 6, 30)),
        ("quý IV/2025", date(2025, 12, 31)),
        ("quý I/2024", date(2024, 3, 31)),
        ("quý III/2025", date(2025, 9, 30)),
        ("tháng 9/2025", date(2025, 9, 30)),
        ("tháng 09/2025", date(2025, 9, 30)),
        ("tháng 9 năm 2025", date(2025, 9, 30)),
        ("tháng 2/2024", date(2024, 2, 29)),
        ("tháng 2/2025", date(2025, 2, 28)),
        ("tháng 2/1900", date(1900, 2, 28)),
        ("tháng 2/2000", date(2000, 2, 29)),
        ("6 tháng đầu năm 2025", date(2025, 6, 30)),
        ("6 tháng cuối năm 2025", date(2025, 12, 31)),
        ("năm 2026", date(2026, 12, 31)),
        ("cuối năm 2026", date(2026, 12, 31)),
        ("trong năm 2026", date(2026, 12, 31)),
        ("đến năm 2030", date(2030, 12, 31)),
        ("trước ngày 30/6/2025", date(2025, 6, 30)),
        ("trước 30/6/2025", date(2025, 6, 30)),
        ("giai đoạn 2025-2030", date(2030, 12, 31)),
        ("2025 - 2030", date(2030, 12, 31)),
        ("giai đoạn 2025–2030", date(2030, 12, 31)),  # en dash
    ],
)
def test_dated_phrases(phrase, due):
    d = parse_deadline(phrase)
    assert d == Deadline(due=due, recurring=False, phrase=phrase)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("  QUÝ   ii / 2025 ", "QUÝ ii / 2025"),
        (unicodedata.normalize("NFD", "Quý II năm 2025"), "Quý II năm 2025"),
        ("quy ii/2025", "quy ii/2025"),  # typed without diacritics
        ("THÁNG 9/2025.", "THÁNG 9/2025."),
    ],
)
def test_tolerant_input_keeps_cleaned_phrase(text, phrase):
    d = parse_deadline(text)
    assert d.phrase == phrase
    assert unicodedata.is_normalized("NFC", d.phrase)
    assert d.due in (date(2025, 6, 30), date(2025, 9, 30))


@pytest.mark.parametrize(
    "phrase", ["thường xuyên", "hằng năm", "hàng năm", "hàng quý", "hằng tháng", "Thường xuyên"]
)
def test_recurring(phrase):
    assert parse_deadline(phrase) == Deadline(due=None, recurring=True, phrase=phrase)


def test_phrase_without_year_uses_plan_year():
    assert parse_deadline("trước ngày 30/6", plan_year=2025).due == date(2025, 6, 30)
    assert parse_deadline("quý III", plan_year=2026).due == date(2026, 9, 30)
    assert parse_deadline("cuối năm", plan_year=2026).due == date(2026, 12, 31)
    # an explicit year always wins over the plan year
    assert parse_deadline("30/6/2024", plan_year=2025).due == date(2024, 6, 30)


def test_phrase_without_year_needs_plan_year():
    with pytest.raises(ValueError, match="không ghi năm") as info:
        parse_deadline("trước ngày 30/6")
    assert "'trước ngày 30/6'" in str(info.value)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty(text):
    with pytest.raises(ValueError, match="để trống"):
        parse_deadline(text)


@pytest.mark.parametrize(
    "text",
    [
        "sớm",
        "quý V/2025",
        "tháng 13/2025",
        "năm",
        "trước quý II/2025",
        "30/6/25",
        "ASAP",
        "13 tháng đầu năm 2025",
    ],
)
def test_unparseable_lists_accepted_shapes(text):
    with pytest.raises(ValueError) as info:
        parse_deadline(text)
    message = str(info.value)
    assert f"'{text}'" in message
    if text != "tháng 13/2025":
        assert message == f"Không hiểu thời hạn '{text}'. {ACCEPTED_SHAPES}"


@pytest.mark.parametrize("text", ["31/02/2025", "trước ngày 31/02/2025"])
def test_invalid_date(text):
    with pytest.raises(ValueError, match="không hợp lệ") as info:
        parse_deadline(text)
    assert f"'{text}'" in str(info.value)


def test_reversed_range_is_rejected():
    with pytest.raises(ValueError, match="2030"):
        parse_deadline("giai đoạn 2030-2025")


def test_format_deadline():
    assert format_deadline(parse_deadline("quý II/2025")) == "quý II/2025"
    assert format_deadline(Deadline(due=None, recurring=True, phrase="")) == "thường xuyên"
    assert format_deadline(Deadline(due=date(2025, 6, 30), recurring=False, phrase="")) == "30/06/2025"


# --- properties ---------------------------------------------------------------------------

years = st.integers(min_value=1900, max_value=2200)
ROMAN = ["I", "II", "III", "IV"]


def true_last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@given(years, st.integers(min_value=1, max_value=4), st.booleans(), st.sampled_from(["/", " năm ", " / "]))
def test_quarter_is_last_day(year, quarter, roman, joiner):
    label = ROMAN[quarter - 1] if roman else str(quarter)
    due = parse_deadline(f"quý {label}{joiner}{year}").due
    assert due == true_last_day(year, 3 * quarter)
    assert due.month in (3, 6, 9, 12)


@given(years, st.integers(min_value=1, max_value=12), st.booleans())
def test_month_is_last_day(year, month, padded):
    label = f"{month:02d}" if padded else str(month)
    due = parse_deadline(f"tháng {label}/{year}").due
    assert due == true_last_day(year, month)
    assert parse_deadline(f"tháng {month} năm {year}").due == due


@given(years)
def test_year_and_halves(year):
    assert parse_deadline(f"năm {year}").due == date(year, 12, 31)
    assert parse_deadline(f"6 tháng đầu năm {year}").due == date(year, 6, 30)
    assert parse_deadline(f"6 tháng cuối năm {year}").due == date(year, 12, 31)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_format_date_round_trips(d):
    assert parse_deadline(format_date(d)).due == d
    assert parse_deadline(f"trước ngày {format_date(d)}").due == d
    assert parse_deadline(f"trước ngày {d.day}/{d.month}", plan_year=d.year).due == d
