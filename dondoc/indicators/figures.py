"""Reading the figures a Vietnamese narrative report states ("đạt trên 99,30%", "hơn 1.780 vị trí", "4/5").

Python with no models (files are read through dondoc.uploads): used by the `extract_figures` command, the
"extract from report" page and the API alike.

What is a figure: a percentage ("99,30%", "13,3 %"), a count with its noun ("1.526 cơ quan", "3.700 trạm
BTS"), a fraction ("4/5", "½"), an amount ("15 tỷ đồng", "800 nghìn trang" = 800 000), with the qualifier
written before it ("hơn", "trên", "gần", "khoảng", "ít nhất", "tối thiểu", "đạt"...). What is not: dates
(20/3/2025, tháng 6/2024, 2021 - 2025), document symbols (57-NQ/TW, 193/2025/QH15), section numbers (1.1.,
3.2.), enumerators ((1), a)), footnote markers (¹, or digits glued to a word) and names such as 5G or 1A.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from dondoc.vn import clean, fold

__all__ = ["Figure", "extract", "read_document", "sentences"]


@dataclass
class Figure:
    """One figure stated in a text."""

    value: Decimal
    unit: str  # the noun that follows ("cơ quan"), "%" for a percentage, "" when none
    qualifier: str  # "hơn", "trên", "gần", "khoảng", "ít nhất", "tối thiểu", "đạt", ... or ""
    text: str  # the figure as written: "trên 99,30%", "4/5", "800 nghìn trang"
    sentence: str
    kind: str = "count"  # percent | fraction | count | amount
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    of: str = ""  # what a share is of: "3% tổng chi ngân sách" → "tổng chi ngân sách"
    start: int = 0  # offsets in the text given to extract()
    end: int = 0

    def as_json(self) -> dict:
        d = asdict(self)
        for key in ("value", "numerator", "denominator"):
            d[key] = _json_number(d[key])
        return d


def _json_number(x: Decimal | None):
    if x is None:
        return None
    if x == x.to_integral_value():
        return int(x)
    return float(x)


# --- what is masked before looking for figures ---------------------------------------------------------

_L = r"A-Za-zÀ-ỹĐđ"
_MASKS = [
    # document symbols: 57-NQ/TW, 1423-TTr/BTCTU, 03/NQ-CP, 193/2025/QH15, 5518/VPCP-KSTT, 25/2021/NQ-HĐND
    rf"\d+(?:/\d+)*[/-][{_L}][{_L}0-9&/.-]*",
    # dates: 20/3/2025, 15-10-2021, 6/2024 (month/year), 20/3 after a day word
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}",
    r"(?<![\d/])\d{1,2}/(?:19|20)\d{2}(?![\d/])",
    r"(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến)\s+\d{1,2}/\d{1,2}(?![\d/])",
    r"(?i:ngày|tháng|quý|tuần|khóa|khoá|lần thứ|điều|khoản|mục|chương|phụ lục|điểm)\s+\d+(?:/\d+)?",
    # year ranges and years: 2021 - 2025, 2022-2025, năm 2030, a bare 2025
    r"(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}",
    r"(?<![\d.,])(?:19|20)\d{2}(?![\d]|\s*%|,\d|\.\d{3})",
    # documents named by kind and number: Nghị quyết 57, Quyết định số 204
    r"(?i:nghị quyết|quyết định|kế hoạch|chỉ thị|thông báo|công văn|nghị định|thông tư|luật|tờ trình|"
    r"quy định|quy chế|hướng dẫn|báo cáo|văn bản)(?:\s+số)?\s+\d+",
    # enumerators: (1), 1), a)
    r"\(\d{1,2}\)",
    # section numbers at the start of a line: "1.", "1.1.", "3.2.", "4.1 "
    r"^[ \t\-–•*]*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)(?=[ \t*])",
    r"^[ \t]*\d{1,2}\)",
    # clock times: 14h30, 8 giờ
    r"\d{1,2}[hg]\d{2}",
]
_MASK_RE = re.compile("|".join(f"(?:{m})" for m in _MASKS), re.MULTILINE)
_HOLE = "\x00"

# --- figures ---------------------------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_FIGURE_RE = re.compile(
    rf"(?<![\w.,/\x00\-])"
    rf"(?:(?P<frac_n>\d+)\s?/\s?(?P<frac_d>\d+)|(?P<vulgar>[{_VULGAR}])|(?P<num>{_NUM}))"
    rf"(?P<pct>\s?%|\s(?:phần trăm))?"
    rf"(?![\w/\x00]|[.,]\d)"
)

_QUALIFIERS = [
    ("ít nhất", "ít nhất"),
    ("tối thiểu", "tối thiểu"),
    ("tối đa", "tối đa"),
    ("không quá", "không quá"),
    ("không dưới", "không dưới"),
    ("không ít hơn", "ít nhất"),
    ("chưa đến", "chưa đến"),
    ("chưa tới", "chưa đến"),
    ("xấp xỉ", "xấp xỉ"),
    ("khoảng", "khoảng"),
    ("gần", "gần"),
    ("hơn", "hơn"),
    ("trên", "trên"),
    ("dưới", "dưới"),
    ("vượt", "vượt"),
    ("lên đến", "lên đến"),
    ("lên tới", "lên đến"),
    ("đạt", "đạt"),
    ("≥", "tối thiểu"),
    (">=", "tối thiểu"),
    (">", "trên"),
    ("≤", "tối đa"),
    ("<=", "tối đa"),
    ("<", "dưới"),
    ("~", "khoảng"),
]
_QUAL_RE = re.compile(
    r"(?<!\w)(?P<q>"
    + "|".join(re.escape(q) for q, _ in sorted(_QUALIFIERS, key=lambda x: -len(x[0])))
    + r")\s*$",
    re.IGNORECASE,
)
_QUAL_CANON = {q.lower(): c for q, c in _QUALIFIERS}

_MULTIPLIERS = {"nghìn": 1000, "ngàn": 1000, "vạn": 10000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_MULT_RE = re.compile(r"\s+(nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?![\w])(?!\s+(?:lệ|trọng)\b)", re.IGNORECASE)
_MONEY = {"đồng", "vnđ", "vnd", "usd", "đô la", "euro", "eur"}

# Words that end the noun of a count ("1.780 vị trí cột thu phát sóng và ...").
_STOP = set(
    "và với của trong trên tại được đã đang có là đạt cho để theo từ gồm thuộc khi chưa như này đó hoặc so sẽ "
    "bằng về ở do mà nhưng thì các những mỗi hằng hàng nhằm vào ra lên xuống tới đến phục sau trước đều cũng "
    "còn nay hiện nên vì bởi chiếm tăng giảm".split()
)
# "phục" is a stop word only when not followed by "vụ": handled below.
_MAX_NOUN_WORDS = 6


def _mask(text: str) -> str:
    """The text with dates, symbols, section numbers... replaced by holes of the same length."""
    return _MASK_RE.sub(lambda m: _HOLE * len(m.group()), text)


def _to_decimal(s: str) -> Decimal:
    return Decimal(s.replace(".", "").replace(",", "."))


_SENT_END = re.compile(r"(?<=[.!?…])[\"”’)\]*]*\s+(?=[\"“(*\-–]*[A-ZÀ-ỸĐ0-9])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a text: split at line breaks and at ". " before a capital."""
    spans = []
    pos = 0
    for m in _SENT_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _noun_after(text: str, pos: int) -> tuple[str, int]:
    """The noun phrase right after a number: words up to punctuation or a stop word (at most six)."""
    words: list[str] = []
    end = pos
    for m in re.finditer(r"[ \t]*([^\s,;:.!?()\[\]\"“”'*/\x00]+)", text[pos:]):
        if m.start() != (end - pos):
            break
        word = m.group(1)
        low = word.lower()
        if not words and low in ("%",):
            break
        if any(ch.isdigit() for ch in word) or word in ("-", "–", "—", "+", "="):
            break
        if low in _STOP and not (low == "phục" and text[pos + m.end() :].lstrip().lower().startswith("vụ")):
            break
        words.append(word)
        end = pos + m.end()
        if len(words) >= _MAX_NOUN_WORDS:
            break
    return " ".join(words), end


def _qualifier_before(text: str, start: int, floor: int) -> tuple[str, int]:
    """The qualifier written just before a figure; from a chain like "tối thiểu đạt" the telling one."""
    found: list[tuple[str, int]] = []
    pos = start
    for _ in range(3):
        m = _QUAL_RE.search(text[max(floor, pos - 30) : pos])
        if not m:
            break
        q_start = max(floor, pos - 30) + m.start("q")
        found.append((_QUAL_CANON[m.group("q").lower()], q_start))
        pos = q_start
    if not found:
        return "", start
    telling = [f for f in found if f[0] != "đạt"]
    first_pos = min(p for _, p in found)
    return (telling[0][0] if telling else found[0][0]), first_pos


def extract(text: str) -> list[Figure]:
    """Every figure the text states, in order of appearance."""
    text = unicodedata.normalize("NFC", text or "")
    masked = _mask(text)
    figures: list[Figure] = []
    for s_start, s_end in sentences(text):
        sentence = clean(text[s_start:s_end])
        for m in _FIGURE_RE.finditer(masked, s_start, s_end):
            fig = _figure(text, masked, m, s_start, s_end, sentence)
            if fig is not None:
                figures.append(fig)
    return figures


def _figure(text: str, masked: str, m: re.Match, s_start: int, s_end: int, sentence: str) -> Figure | None:
    numerator = denominator = None
    pct = bool(m.group("pct"))
    end = m.end()
    if m.group("frac_n") is not None:
        numerator, denominator = Decimal(m.group("frac_n")), Decimal(m.group("frac_d"))
        if denominator == 0 or pct:
            return None
        # "tháng 6/2024" and the like are masked; a denominator that is a year is a date all the same.
        if 1900 <= denominator <= 2100 and len(m.group("frac_d")) == 4:
            return None
        value = numerator / denominator
        kind = "fraction"
    elif m.group("vulgar") is not None:
        num, _, den = unicodedata.normalize("NFKC", m.group("vulgar")).partition("\u2044")
        numerator, denominator = Decimal(num), Decimal(den)
        value = numerator / denominator
        kind = "fraction"
    else:
        value = _to_decimal(m.group("num"))
        kind = "percent" if pct else "count"
    unit = "%" if pct else ""
    of = ""
    if kind in ("count", "fraction"):
        mult = _MULT_RE.match(masked, end, s_end)
        factor = 1
        while mult and kind == "count":
            factor *= _MULTIPLIERS[mult.group(1).lower()]
            end = mult.end()
            mult = _MULT_RE.match(masked, end, s_end)
        value = value * factor
        noun, noun_end = _noun_after(masked[:s_end], end)
        if noun:
            unit = noun
            if kind == "count" and fold(noun.split()[0]) in {fold(w) for w in _MONEY} | {"dong"}:
                kind = "amount"
        if noun:
            end = noun_end if kind in ("count", "amount") else end
    else:
        of, _ = _noun_after(masked[:s_end], end)
    qualifier, q_start = _qualifier_before(masked, m.start(), s_start)
    text_start = q_start if qualifier else m.start()
    figure_text = (
        clean(text[text_start:end]) if kind in ("count", "amount") else clean(text[text_start : m.end()])
    )
    return Figure(
        value=Decimal(int(value)) if value == value.to_integral_value() else value,
        unit=unit,
        qualifier=qualifier,
        text=figure_text,
        sentence=sentence,
        kind=kind,
        numerator=numerator,
        denominator=denominator,
        of=of,
        start=text_start,
        end=end if kind in ("count", "amount") else m.end(),
    )


# --- reading files -----------------------------------------------------------------------------------------


def read_document(path: str | Path, data: bytes | None = None) -> str:
    """The text of a .txt (UTF-8) or .docx file (paragraphs, then table cells), NFC-normalised; checked like
    every file people send (dondoc.uploads). Refusals are ValueError with the reason in Vietnamese."""
    from dondoc import uploads

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".docx", ".md", ""):
        raise ValueError("Chỉ đọc được tệp văn bản (.txt) hoặc Word (.docx).")
    try:
        raw = data if data is not None else path.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"Không tìm thấy tệp {path.name}.") from None
    except OSError:
        raise ValueError(f"Không đọc được tệp {path.name}.") from None
    name = path.name if suffix in (".txt", ".docx") else path.with_suffix(".txt").name
    return uploads.read_text_document(raw, name)


# --- matching figures to indicators ---------------------------------------------------------------------


def _pieces(text: str, fig: Figure, figures: list[Figure]) -> list[tuple[str, int]]:
    """The words that tell what a figure measures, as (folded text, distance) pieces: the figure itself and
    what follows it up to the next comma or semicolon (distance 0), then back to the previous semicolon or the
    sentence start, split at the figures in between (distance = how many figures lie between)."""
    s_start, s_end = next(((a, b) for a, b in sentences(text) if a <= fig.start < b), (0, len(text)))
    right = s_end
    for other in figures:
        if other is not fig and fig.end <= other.start < right:
            right = other.start
    stops = [i for i in (text.find(";", fig.end, right), text.find(",", fig.end, right)) if i >= 0]
    if stops:
        right = min(stops)
    semi = text.rfind(";", s_start, fig.start)
    left = semi + 1 if semi >= 0 else s_start
    pieces = [(fold(text[fig.start : right]), 0)]
    cuts = sorted(o.start for o in figures if o is not fig and left <= o.start and o.end <= fig.start)
    bounds = [left, *cuts, fig.start]
    for i in range(len(bounds) - 1):
        pieces.append((fold(text[bounds[i] : bounds[i + 1]]), len(bounds) - 2 - i))
    return pieces


_WORD = re.compile(r"[a-z0-9]+")


def _has(piece: str, phrase: str) -> bool:
    return f" {' '.join(_WORD.findall(phrase))} " in f" {' '.join(_WORD.findall(piece))} "


def match_score(
    text: str, fig: Figure, figures: list[Figure], keywords: list[str], name_folded: str
) -> float:
    """How well the words around a figure match an indicator (0: not at all). Every keyword phrase must be
    there; each counts its length, divided by 1 + the number of figures between it and this figure. Without
    keywords, at least 60% of the name's longer words must be there."""
    pieces = _pieces(text, fig, figures)
    if keywords:
        score = 0.0
        for k in keywords:
            distances = [d for piece, d in pieces if _has(piece, k)]
            if not distances:
                return 0.0
            score += len(k) / (1 + min(distances))
        return score
    words = {w for w in _WORD.findall(name_folded) if len(w) >= 3}
    if not words:
        return 0.0
    have = set()
    for piece, _ in pieces:
        have.update(_WORD.findall(piece))
    share = len(words & have) / len(words)
    return share * 10 if share >= 0.6 else 0.0
