"""Vietnamese number formats: "." groups thousands, "," is the decimal mark."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .text import clean

__all__ = [
    "format_decimal",
    "format_int",
    "format_percent",
    "parse_fraction",
    "parse_number",
    "parse_percent",
]

Number = Decimal | float | int


def _group(digits: str) -> str:
    """Insert "." every three digits from the right: "1234567" -> "1.234.567"."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def format_int(n: int) -> str:
    """Format an integer with "." thousands separators: 1133 -> "1.133"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"format_int expects int, got {type(n).__name__}")
    return ("-" if n < 0 else "") + _group(str(abs(n)))


def _to_decimal(x: Number) -> Decimal:
    if isinstance(x, bool):
        raise TypeError("format_decimal does not accept bool")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, int):
        d = Decimal(x)
    elif isinstance(x, float):
        # repr() is the shortest string that round-trips, so 614.025 stays 614.025 instead of
        # the binary expansion 614.02499999..., which would round the wrong way.
        d = Decimal(repr(x))
    else:
        raise TypeError(f"expected Decimal, float or int, got {type(x).__name__}")
    if not d.is_finite():
        raise ValueError(f"cannot format non-finite number {x!r}")
    return d


def format_decimal(x: Number, places: int = 2, strip: bool = False) -> str:
    """Format with ``places`` decimals, rounding half up: 1234.5 -> "1.234,50".

    With ``strip=True`` trailing zeros (and a bare comma) are dropped: "1.234,5", "80".
    """
    if places < 0:
        raise ValueError("places must be >= 0")
    d = _to_decimal(x)
    with localcontext() as ctx:
        # Default precision (28 digits) would make quantize() fail on large values.
        ctx.prec = max(28, d.adjusted() + places + 5)
        q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # copy_abs() is exact; abs() would round to the (default 28-digit) context precision.
    text = format(q.copy_abs(), "f")
    int_part, _, frac = text.partition(".")
    if strip:
        frac = frac.rstrip("0")
    # "-0,00" is noise: a value that rounds to zero is shown unsigned.
    sign = "-" if q < 0 else ""
    return sign + _group(int_part) + ("," + frac if frac else "")


def format_percent(x: Number, places: int = 2, strip: bool = False) -> str:
    """Format a percentage value (99.3 means 99.3%) as "99,30%"."""
    return format_decimal(x, places, strip) + "%"


# Thousands groups are either "." or a (narrow/no-break) space, never mixed; a plain run of
# digits is also fine. Only ASCII digits: \d would also accept e.g. Arabic-Indic digits.
_INT = r"[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+"
_NUMBER = re.compile(rf"(?P<sign>[+\-\u2212]?)\s*(?P<int>{_INT})(?:,(?P<frac>[0-9]+))?\s*(?P<pct>%?)")


def _number_error(s: str) -> ValueError:
    return ValueError(
        f"Không đọc được số '{s}': dùng dấu chấm ngăn cách hàng nghìn (1.133) "
        "và dấu phẩy cho phần thập phân (99,30)."
    )


def _parse(s: str) -> Decimal:
    # clean() would turn NBSP into a plain space, which is fine: both are group separators.
    m = _NUMBER.fullmatch(clean(s)) if isinstance(s, str) else None
    if m is None:
        raise _number_error(s)
    digits = re.sub(r"[.\s]", "", m["int"])
    value = Decimal(digits + ("." + m["frac"] if m["frac"] else ""))
    return -value if m["sign"] in ("-", "\u2212") else value


def parse_number(s: str) -> Decimal:
    """Parse a Vietnamese-formatted number: "1.133" -> 1133, "614,025" -> 614.025.

    "." is always a thousands separator (so "1.5" is rejected), "," always the decimal
    mark; a trailing "%" is tolerated and ignored. Raises ValueError in Vietnamese.
    """
    return _parse(s)


def parse_percent(s: str) -> Decimal:
    """Parse a percentage such as "99,30%" into its value 99.30 (the "%" is optional)."""
    return _parse(s)


def _fraction_error(s: str) -> ValueError:
    return ValueError(f"Không đọc được phân số '{s}': ghi theo dạng 4/5 hoặc ½.")


def parse_fraction(s: str) -> tuple[Decimal, Decimal]:
    """Parse "4/5", "2/15" or a vulgar fraction like "½" into (numerator, denominator)."""
    text = clean(s) if isinstance(s, str) else ""
    if len(text) == 1 and unicodedata.numeric(text, None) is not None:
        # NFKC spells vulgar fractions out exactly ("½" -> "1⁄2", "⅞" -> "7⁄8"), which keeps
        # thirds exact where unicodedata.numeric() would give 0.333...
        text = unicodedata.normalize("NFKC", text)
    parts = re.split(r"\s*[/\u2044]\s*", text)
    if len(parts) != 2:
        raise _fraction_error(s)
    try:
        num, den = parse_number(parts[0]), parse_number(parts[1])
    except ValueError:
        raise _fraction_error(s) from None
    if parts[0].endswith("%") or parts[1].endswith("%") or parts[1].startswith(("-", "+", "\u2212")):
        raise _fraction_error(s)
    if den == 0:
        raise ValueError(f"Phân số '{s}' không hợp lệ: mẫu số bằng 0.")
    return num, den
