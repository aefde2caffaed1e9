"""Deadline phrases ("thời hạn") as plans write them; a period stands for its last day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .dates import checked_date, format_date
from .text import clean, fold, fold_chars

__all__ = [
    "RECURRENCES",
    "Deadline",
    "FoundDeadline",
    "FoundRecurrence",
    "find_deadline",
    "find_recurrence",
    "format_deadline",
    "parse_deadline",
]


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
_BEFORE = re.compile(r"(?:(?:hoan thanh|xong)\s+)?(?:truoc|cham nhat(?:\s+la)?|han|thoi han)\b\s*:?\s*")
_WITHIN = re.compile(r"(?:(?:hoan thanh|xong)\s+)?(?:den het|den cuoi|ngay trong|den|trong|cuoi|het)\s+")
# A label before the phrase, as plans' tables write it: "Thời hạn: quý III/2025".
_LABEL = re.compile(r"(?:thoi han|han chot)\s*:\s*")
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
    if m := _LABEL.match(text):
        text = text[m.end() :]
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


# --- finding deadline and recurrence phrases inside a sentence --------------------------------------------


@dataclass(frozen=True)
class FoundDeadline:
    """A deadline phrase found in a sentence: ``phrase`` as written (``text[start:end]``) and what it means.
    ``due`` is None when the phrase has no year and no plan year was given, or when it is "thường xuyên"
    (then ``ongoing`` is True)."""

    phrase: str
    start: int
    end: int
    due: date | None
    ongoing: bool = False


# Bodies of a deadline phrase, on fold_chars() text (same offsets as the original).
_BODY = (
    r"(?:ngay\s+)?[0-9]{1,2}\s*/\s*[0-9]{1,2}(?:\s*/\s*[0-9]{4})?(?![0-9/])"
    r"|(?:ngay\s+)?[0-9]{1,2}\s+thang\s+[0-9]{1,2}(?:\s*,?\s*nam\s+[0-9]{4})?"
    r"|quy\s+(?:iv|i{1,3}|[1-4])(?![a-z0-9])(?:\s*[/\-]\s*[0-9]{4}|\s+nam\s+[0-9]{4})?"
    r"|thang\s+[0-9]{1,2}(?![0-9])(?:\s*[/\-]\s*[0-9]{4}|\s+nam\s+[0-9]{4})?"
    r"|(?:[0-9]{1,2}|sau|ba|chin)\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+[0-9]{4})?"
    r"|nam\s+[0-9]{4}(?![0-9]|\s*[-\u2013]\s*[0-9])"
)
# A phrase with its lead-in word: "trước ngày 30/6", "trong tháng 9/2025", "cuối năm 2026", "đến hết quý II".
_PREFIXED = re.compile(
    r"(?<![a-z0-9])(?:truoc|cham nhat(?:\s+la)?|han chot\s*:?|thoi han\s*:?|den het|den cuoi|ngay trong|trong|cuoi|het|den)"
    rf"\s+(?:{_BODY}|nam(?=\s*[.,;)]|\s*$))"
)
# A bare period set off at the end of a clause, as plans write it: "..., quý III/2025." or "(năm 2025)".
_BARE = re.compile(rf"(?<=[,(])\s*(?:{_BODY})(?=\s*\)?\s*(?:[.;,]|$))|(?<=hoan thanh )(?:{_BODY})")
_ONGOING = re.compile(
    r"(?:(?<=[,(:])\s*|(?<=thuc hien )|(?<=trien khai ))thuong xuyen(?=\s*\)?\s*(?:[.;,]|$))"
)


def find_deadline(text: str, plan_year: int | None = None) -> FoundDeadline | None:
    """The first deadline phrase of a sentence (NFC text), read by parse_deadline.

    Counted: a phrase with its lead-in ("trước ngày 30/6", "trong tháng 9/2025", "cuối năm 2026", "hoàn thành
    trong quý III/2025"), a bare period set off at the end of a clause ("…, quý III/2025.", "(năm 2025)") and a
    trailing "thường xuyên". Not counted: dates of documents ("Kế hoạch số 366-KH/TU ngày 25/02/2025"), start
    dates ("từ tháng 7/2025", "sau ngày 1/7"), years inside names ("Chương trình công tác năm 2025")."""
    folded = fold_chars(text)
    found = sorted(
        [(m.start(), m.end()) for m in _PREFIXED.finditer(folded)]
        + [(m.start(), m.end()) for m in _BARE.finditer(folded)]
    )
    for start, end in found:
        while start < end and folded[start] in " (":
            start += 1
        phrase = text[start:end]
        if re.match(r"trong\s+(?:ngay\s+)?[0-9]{1,2}\s*/", folded[start:end]):
            continue  # "trong 30/6" is not how a deadline is written
        try:
            deadline = parse_deadline(phrase, plan_year)
        except ValueError as exc:
            if "không ghi năm" in str(exc):
                return FoundDeadline(phrase, start, end, None)
            continue
        return FoundDeadline(phrase, start, end, deadline.due)
    m = _ONGOING.search(folded)
    if m:
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        return FoundDeadline(text[start : m.end()], start, m.end(), None, ongoing=True)
    return None


# Recurrence of a task that is done again and again ("báo cáo hằng tuần"): the contract's names.
RECURRENCES = {
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half-yearly": "6 tháng một lần",
    "yearly": "hằng năm",
}
_RECURRENCE = re.compile(
    r"(?<![a-z])(?:"
    r"(?P<half>(?:dinh ky\s+)?(?:(?:6|sau) thang\s*(?:mot|1)\s*lan|(?:6|sau) thang\s*/\s*lan|hang (?:6|sau) thang"
    r"|dinh ky (?:6|sau) thang|dinh ky nua nam|nua nam mot lan))"
    r"|(?P<weekly>(?:dinh ky\s+)?(?:hang|moi) tuan|dinh ky tuan)"
    r"|(?P<monthly>(?:dinh ky\s+)?(?:hang|moi) thang|dinh ky thang)"
    r"|(?P<quarterly>(?:dinh ky\s+)?(?:hang|moi) quy|dinh ky quy)"
    r"|(?P<yearly>(?:dinh ky\s+)?(?:hang|moi) nam|dinh ky nam)"
    r")(?![a-z])"
)


@dataclass(frozen=True)
class FoundRecurrence:
    """A recurrence phrase found in a sentence: ``kind`` is one of RECURRENCES, ``phrase`` as written."""

    kind: str
    phrase: str
    start: int
    end: int


def find_recurrence(text: str) -> FoundRecurrence | None:
    """The first recurrence phrase of a sentence (NFC text): "hằng tuần", "hàng tháng", "định kỳ hằng quý",
    "định kỳ 6 tháng", "hằng năm"."""
    m = _RECURRENCE.search(fold_chars(text))
    if m is None:
        return None
    kind = {"half": "half-yearly"}.get(m.lastgroup, m.lastgroup)
    return FoundRecurrence(kind, text[m.start() : m.end()], m.start(), m.end())
