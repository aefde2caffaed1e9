"""Deadline phrases ("thời hạn") as plans write them; a period stands for its last day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .dates import checked_date, format_date
from .text import clean, fold

__all__ = ["Deadline", "format_deadline", "parse_deadline"]


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline: ``due`` is None exactly when the task is recurring."""

    due: date | None
    recurring: bool
    phrase: str


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_WORDS = {"ba": 3, "sau": 6, "chin": 9}  # "sáu tháng đầu năm" spelled out

# All patterns run on fold()ed text: lowercase, no diacritics, đ -> d, single spaces.
_RECURRING = re.compile(r"(?:(?:thuong xuyen|hang (?:ngay|tuan|thang|quy|nam)|dinh ky|lien tuc)[\s,;]*)+")
# "trước"-style prefixes fit only a day: "trước quý II" is ambiguous (by the end of Q1?).
_BEFORE = re.compile(r"(?:hoan thanh\s+)?(?:truoc|cham nhat(?:\s+la)?|han|thoi han)\b\s*:?\s*")
_WITHIN = re.compile(r"(?:hoan thanh\s+)?(?:den|trong|cuoi|het)\s+")
_DAY = re.compile(
    r"(?:ngay\s+)?(?P<d>[0-9]{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>[0-9]{1,2})(?:\s*(?P=sep)\s*(?P<y>[0-9]{4}))?"
    r"|(?:ngay\s+)?(?P<d2>[0-9]{1,2})\s+thang\s+(?P<m2>[0-9]{1,2})(?:\s+nam\s+(?P<y2>[0-9]{4}))?"
)
_YEAR_TAIL = r"(?:\s*[/\-]\s*|\s+nam\s+|\s+)(?P<y>[0-9]{4})"
_QUARTER = re.compile(rf"quy\s+(?P<q>iv|i{{1,3}}|[1-4])(?:{_YEAR_TAIL})?")
_MONTH = re.compile(rf"thang\s+(?P<m>[0-9]{{1,2}})(?:{_YEAR_TAIL})?")
_MONTHS_OF_YEAR = re.compile(
    r"(?:(?P<n>[0-9]{1,2}|ba|sau|chin)\s+thang|nua)\s+(?P<part>dau|cuoi)\s+nam(?:\s+(?P<y>[0-9]{4}))?"
)
_YEAR = re.compile(r"(?:nam\s+)?(?P<y>[0-9]{4})|nam")
_RANGE = re.compile(r"(?:giai doan\s+)?(?P<y1>[0-9]{4})\s*(?:-|den)\s*(?P<y2>[0-9]{4})")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")


def _unknown(phrase: str) -> ValueError:
    return ValueError(
        f"Không hiểu thời hạn '{phrase}'. Các dạng hợp lệ: 30/6/2025; quý II/2025; tháng 9/2025; "
        "6 tháng đầu năm 2025; 6 tháng cuối năm 2025; năm 2026; trước ngày 30/6; thường xuyên."
    )


def _last_day(year: int, month: int, phrase: str) -> date:
    if not 1 <= year <= 9999:
        return checked_date(year, month, 1, phrase)  # raises the Vietnamese range message
    if not 1 <= month <= 12:
        raise ValueError(f"Thời hạn '{phrase}' không hợp lệ: không có tháng {month}.")
    return date(year, month, calendar.monthrange(year, month)[1])


def _due(body: str, phrase: str, plan_year: int | None, day_only: bool, bare_year_ok: bool) -> date:
    """Compute the due date of the prefix-free ``body``; raise ValueError if it is not a deadline."""

    def year_of(text: str | None) -> int:
        if text is not None:
            return int(text)
        if plan_year is None:
            raise ValueError(f"Thời hạn '{phrase}' không ghi năm: cần biết năm của kế hoạch để tính ra ngày.")
        return plan_year

    m = _DAY.fullmatch(body)
    if m:
        day, month = int(m["d"] or m["d2"]), int(m["m"] or m["m2"])
        return checked_date(year_of(m["y"] or m["y2"]), month, day, phrase)
    if day_only:
        raise _unknown(phrase)
    if m := _QUARTER.fullmatch(body):
        return _last_day(year_of(m["y"]), 3 * _ROMAN[m["q"]], phrase)
    if m := _MONTH.fullmatch(body):
        return _last_day(year_of(m["y"]), int(m["m"]), phrase)
    if m := _MONTHS_OF_YEAR.fullmatch(body):
        if m["part"] == "cuoi":
            return _last_day(year_of(m["y"]), 12, phrase)
        n = m["n"]
        months = 6 if n is None else _MONTH_WORDS.get(n) or int(n)
        if not 1 <= months <= 12:
            raise _unknown(phrase)
        return _last_day(year_of(m["y"]), months, phrase)
    if m := _RANGE.fullmatch(body):
        start, end = int(m["y1"]), int(m["y2"])
        if end < start:
            raise ValueError(
                f"Thời hạn '{phrase}' không hợp lệ: năm kết thúc {end} trước năm bắt đầu {start}."
            )
        return _last_day(end, 12, phrase)
    if m := _YEAR.fullmatch(body):
        # A bare "năm" only makes sense after "cuối"/"trong": "cuối năm" = end of the plan year.
        if m["y"] is None and not bare_year_ok:
            raise _unknown(phrase)
        return _last_day(year_of(m["y"]), 12, phrase)
    raise _unknown(phrase)


def parse_deadline(s: str, plan_year: int | None = None) -> Deadline:
    """Parse a deadline phrase such as "quý II/2025", "tháng 9/2025" or "thường xuyên".

    Periods resolve to their last day; phrases without a year ("trước ngày 30/6") use
    ``plan_year``. Raises ValueError with a Vietnamese message listing the accepted shapes.
    """
    phrase = clean(s)
    if not phrase:
        raise ValueError("Thời hạn đang để trống: ghi ví dụ 30/6/2025, quý II/2025 hoặc thường xuyên.")
    text = fold(_DASHES.sub("-", phrase)).rstrip(" .,;")
    if _RECURRING.fullmatch(text):
        return Deadline(due=None, recurring=True, phrase=phrase)
    if m := _BEFORE.match(text):
        due = _due(text[m.end() :], phrase, plan_year, day_only=True, bare_year_ok=False)
    elif m := _WITHIN.match(text):
        due = _due(text[m.end() :], phrase, plan_year, day_only=False, bare_year_ok=True)
    else:
        due = _due(text, phrase, plan_year, day_only=False, bare_year_ok=False)
    return Deadline(due=due, recurring=False, phrase=phrase)


def format_deadline(d: Deadline) -> str:
    """Render a deadline: its original phrase, else "thường xuyên" or the due date as dd/mm/yyyy."""
    if d.phrase:
        return d.phrase
    if d.recurring:
        return "thường xuyên"
    return format_date(d.due) if d.due is not None else ""
