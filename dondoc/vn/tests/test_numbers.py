from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.vn.numbers import (
    format_decimal,
    format_int,
    format_percent,
    parse_fraction,
    parse_number,
    parse_percent,
)


@pytest.mark.parametrize(
    ("n", "text"),
    [(1133, "1.133"), (1780, "1.780"), (-1234567, "-1.234.567"), (0, "0"), (999, "999"), (1000, "1.000")],
)
def test_format_int(n, text):
    assert format_int(n) == text


def test_format_int_rejects_non_int():
    with pytest.raises(TypeError):
        format_int(1.5)
    with pytest.raises(TypeError):
        format_int(True)


@pytest.mark.parametrize(
    ("x", "places", "strip", "text"),
    [
        (614.025, 3, False, "614,025"),
        (Decimal("614.025"), 3, False, "614,025"),
        (1234.5, 2, False, "1.234,50"),
        (1234.5, 2, True, "1.234,5"),
        (Decimal("80.00"), 2, True, "80"),
        (80, 2, False, "80,00"),
        (Decimal("2.675"), 2, False, "2,68"),  # half up, not banker's rounding
        (Decimal("0.125"), 2, False, "0,13"),
        (Decimal("-1234567.891"), 2, False, "-1.234.567,89"),
        (Decimal("-0.001"), 2, False, "0,00"),  # no "-0,00"
        (Decimal("1234.5"), 0, False, "1.235"),
        (Decimal("12345678901234567890123456789.5"), 1, False, "12.345.678.901.234.567.890.123.456.789,5"),
    ],
)
def test_format_decimal(x, places, strip, text):
    assert format_decimal(x, places, strip=strip) == text


def test_format_decimal_rejects_nan_and_negative_places():
    with pytest.raises(ValueError):
        format_decimal(float("nan"))
    with pytest.raises(ValueError):
        format_decimal(1, places=-1)


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (99.3, "99,30%"),
        (87.85, "87,85%"),
        (70.35, "70,35%"),
        (74.08, "74,08%"),
        (23.98, "23,98%"),
        (100, "100,00%"),
    ],
)
def test_format_percent(x, text):
    assert format_percent(x) == text


def test_format_percent_places_and_strip():
    assert format_percent(Decimal("99.3"), places=1) == "99,3%"
    assert format_percent(Decimal("80.00"), strip=True) == "80%"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.133", Decimal("1133")),
        ("1.780", Decimal("1780")),
        ("99,30", Decimal("99.30")),
        ("99,30%", Decimal("99.30")),
        ("614,025", Decimal("614.025")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("-5", Decimal("-5")),
        ("+5", Decimal("5")),
        ("\u22125", Decimal("-5")),
        (" 1 234 ", Decimal("1234")),
        ("1\u00a0234\u00a0567", Decimal("1234567")),
        ("1133", Decimal("1133")),
        ("0,5", Decimal("0.5")),
        ("87,85 %", Decimal("87.85")),
    ],
)
def test_parse_number(text, value):
    result = parse_number(text)
    assert isinstance(result, Decimal)
    assert result == value


@pytest.mark.parametrize(
    "text",
    [
        "1.5",
        "99.30",
        "1.13",
        "1.1333",
        "1,133.5",
        "1.234 567",
        "abc",
        "",
        "1,",
        ",5",
        "1..133",
        "5%%",
        "1/2",
        "١٢",
    ],
)
def test_parse_number_rejects(text):
    with pytest.raises(ValueError, match="Không đọc được số") as info:
        parse_number(text)
    assert f"'{text.strip()}'" in str(info.value)


def test_parse_number_message_explains_convention():
    with pytest.raises(ValueError) as info:
        parse_number("1.5")
    assert str(info.value) == (
        "Không đọc được số '1.5': dùng dấu chấm ngăn cách hàng nghìn (1.133) "
        "và dấu phẩy cho phần thập phân (99,30)."
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("99,30%", "99.30"), ("87,85%", "87.85"), ("70,35%", "70.35"), ("74,08%", "74.08"), ("23,98%", "23.98")],
)
def test_parse_percent(text, value):
    assert parse_percent(text) == Decimal(value)
    assert parse_percent(text.rstrip("%")) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4/5", (4, 5)),
        ("2/15", (2, 15)),
        (" 4 / 5 ", (4, 5)),
        ("½", (1, 2)),
        ("¼", (1, 4)),
        ("¾", (3, 4)),
        ("⅓", (1, 3)),
        ("⅞", (7, 8)),
        ("1.000/1.133", (1000, 1133)),
    ],
)
def test_parse_fraction(text, expected):
    num, den = parse_fraction(text)
    assert (num, den) == tuple(Decimal(v) for v in expected)
    assert isinstance(num, Decimal) and isinstance(den, Decimal)


@pytest.mark.parametrize("text", ["4", "4/5/6", "a/b", "4/0", "4/-5", "", "2"])
def test_parse_fraction_rejects(text):
    with pytest.raises(ValueError):
        parse_fraction(text)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_int_round_trip(n):
    text = format_int(n)
    assert parse_number(text) == n
    assert set(text) <= set("-0123456789.")


decimals = st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@given(decimals, st.integers(min_value=0, max_value=3))
def test_decimal_round_trip(x, places):
    quantum = Decimal(1).scaleb(-places)
    assert parse_number(format_decimal(x, places)) == x.quantize(quantum, rounding=ROUND_HALF_UP)
    assert parse_number(format_decimal(x, places, strip=True)) == x.quantize(quantum, rounding=ROUND_HALF_UP)


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False))
def test_percent_round_trip(x):
    text = format_percent(x)
    assert text.endswith("%")
    assert parse_percent(text) == x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
