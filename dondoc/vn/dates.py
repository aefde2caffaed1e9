"""Vietnamese date formats: 22/12/2024 and "ngày 22 tháng 12 năm 2024"."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .text import clean, fold

__all__ = ["checked_date", "format_date", "format_long_date", "parse_date"]


def format_date(d: date) -> str:
    """Format as dd/mm/yyyy with two-digit day and month: "22/12/2024"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_long_date(d: date, official: bool = False) -> str:
    """Format as "ngày 22 tháng 12 năm 2024".

    ``official=True`` follows Decree 30/2020/NĐ-CP: a leading zero only for days below 10 and
    for months 1 and 2 ("ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019").
    """
    if official:
        day = f"{d.day:02d}"
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    else:
        day, month = str(d.day), str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def checked_date(year: int, month: int, day: int, value: str) -> date:
    """Build a date, raising ValueError in Vietnamese that names ``value`` if it does not exist."""
    if not 1 <= year <= 9999:
        raise ValueError(f"Ngày '{value}' không hợp lệ: năm {year} nằm ngoài khoảng 1–9999.")
    if not 1 <= month <= 12:
        raise ValueError(f"Ngày '{value}' không hợp lệ: không có tháng {month}.")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"Ngày '{value}' không hợp lệ: tháng {month} năm {year} không có ngày {day}.")
    return date(year, month, day)


# Matching runs on fold()ed text, so "ngày"/"NGÀY"/decomposed input all read as "ngay".
_PREFIX = re.compile(
    r"(?:[^\d,]+,\s*(?=ngay\b))?"  # place and/or weekday before the date: "Hà Nội, ngày ..."
    r"(?:(?:sang|trua|chieu|toi|dem)\s+)?"  # time of day: "chiều 24/6"
    r"(?:ngay\s+)?"
)
_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
# Same separator twice; a four-digit year is required because "22/12/24" is ambiguous.
_DMY = re.compile(
    r"(?P<d>[0-9]{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>[0-9]{1,2})(?:\s*(?P=sep)\s*(?P<y>[0-9]{4}))?"
)
_LONG = re.compile(r"(?P<d>[0-9]{1,2})\s+thang\s+(?P<m>[0-9]{1,2})(?:\s*,?\s*nam\s+(?P<y>[0-9]{1,4}))?")


def parse_date(s: str, default_year: int | None = None) -> date:
    """Parse a date as Vietnamese users write it.

    Accepts 22/12/2024, 2/3/2025, 22-12-2024, 22.12.2024, ISO 2024-12-22, "ngày 22/12/2024",
    "ngày 22 tháng 12 năm 2024", and day/month without a year ("chiều 24/6") when
    ``default_year`` is given. Raises ValueError with a Vietnamese message.
    """
    value = clean(s)
    text = fold(value).rstrip(" .,;")
    body = text[_PREFIX.match(text).end() :]
    for pattern in (_ISO, _DMY, _LONG):
        m = pattern.fullmatch(body)
        if m:
            break
    else:
        raise ValueError(f"Không đọc được ngày '{value}': ghi theo dạng dd/mm/yyyy, ví dụ 22/12/2024.")
    if m["y"] is not None:
        year = int(m["y"])
    elif default_year is not None:
        year = default_year
    else:
        raise ValueError(f"Ngày '{value}' thiếu năm: ghi theo dạng dd/mm/yyyy, ví dụ 22/12/2024.")
    return checked_date(year, int(m["m"]), int(m["d"]), value)
