import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.vn.dates import checked_date, format_date, format_long_date, parse_date


def test_format_date_pads_day_and_month():
    assert format_date(date(2024, 12, 22)) == "22/12/2024"
    assert format_date(date(2025, 3, 2)) == "02/03/2025"


def test_format_long_date_plain():
    assert format_long_date(date(2024, 12, 22)) == "ngày 22 tháng 12 năm 2024"
    assert format_long_date(date(2020, 1, 5)) == "ngày 5 tháng 1 năm 2020"


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (date(2025, 3, 5), "ngày 05 tháng 3 năm 2025"),
        (date(2024, 2, 10), "ngày 10 tháng 02 năm 2024"),
        (date(2024, 12, 22), "ngày 22 tháng 12 năm 2024"),
    ],
)
def test_format_long_date_official(d, text):
    assert format_long_date(d, official=True) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22/12/2024", date(2024, 12, 22)),
        ("2/3/2025", date(2025, 3, 2)),
        ("22-12-2024", date(2024, 12, 22)),
        ("22.12.2024", date(2024, 12, 22)),
        ("2024-12-22", date(2024, 12, 22)),
        ("ngày 22/12/2024", date(2024, 12, 22)),
        ("Ngày 22 tháng 12 năm 2024", date(2024, 12, 22)),
        ("ngày 05 tháng 01 năm 2020", date(2020, 1, 5)),
        ("Hà Nội, ngày 05 tháng 01 năm 2020", date(2020, 1, 5)),
        (" 22 / 12 / 2024 ", date(2024, 12, 22)),
        (unicodedata.normalize("NFD", "NGÀY 22 THÁNG 12 NĂM 2024"), date(2024, 12, 22)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["chiều 24/6", "sáng 24/6", "24/6", "ngày 24 tháng 6", "Chiều ngày 24/6"])
def test_parse_date_without_year_uses_default(text):
    assert parse_date(text, default_year=2025) == date(2025, 6, 24)


def test_parse_date_explicit_year_wins_over_default():
    assert parse_date("24/6/2024", default_year=2025) == date(2024, 6, 24)


@pytest.mark.parametrize("text", ["chiều 24/6", "24/6"])
def test_parse_date_without_year_needs_default(text):
    with pytest.raises(ValueError, match="thiếu năm") as info:
        parse_date(text)
    assert f"'{text}'" in str(info.value)


def test_parse_date_invalid_day_message():
    with pytest.raises(ValueError) as info:
        parse_date("31/02/2025")
    assert str(info.value) == "Ngày '31/02/2025' không hợp lệ: tháng 2 năm 2025 không có ngày 31."


@pytest.mark.parametrize("text", ["29/02/2023", "1/13/2025", "0/1/2025", "2025-02-30"])
def test_parse_date_rejects_nonexistent_dates(text):
    with pytest.raises(ValueError, match="không hợp lệ") as info:
        parse_date(text)
    assert f"'{text}'" in str(info.value)


def test_parse_date_accepts_leap_day():
    assert parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["hôm qua", "22/12/24", "22/12-2024", "", "2024/12/22", "thứ hai"])
def test_parse_date_unparseable_message(text):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert str(info.value) == f"Không đọc được ngày '{text}': ghi theo dạng dd/mm/yyyy, ví dụ 22/12/2024."


def test_checked_date_names_value():
    assert checked_date(2024, 2, 29, "x") == date(2024, 2, 29)
    with pytest.raises(ValueError, match="'30/2'"):
        checked_date(2024, 2, 30, "30/2")


@given(st.dates())
def test_round_trip_short(d):
    assert parse_date(format_date(d)) == d


@given(st.dates(), st.booleans())
def test_round_trip_long(d, official):
    assert parse_date(format_long_date(d, official=official)) == d
