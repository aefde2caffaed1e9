"""Vietnamese document number-symbols ("số, ký hiệu"): 366-KH/TU, 09/2019/NĐ-CP, 11/KH-UBND."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import clean

__all__ = ["KIND_NAMES", "STYLES", "Symbol", "parse_symbol"]

# Abbreviations of document kinds (Decree 30/2020/NĐ-CP appendix III, Party Regulation
# 66-QĐ/TW, and the normative kinds). Spelling here is canonical: mixed case matters (TTr, QyĐ).
KIND_NAMES: dict[str, str] = {
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
    "TTLT": "thông tư liên tịch",
    "KL": "kết luận",
    "CTr": "chương trình",
    "ĐA": "đề án",
    "DA": "dự án",
    "PA": "phương án",
    "TC": "thông cáo",
    "BB": "biên bản",
    "HĐ": "hợp đồng",
    "CĐ": "công điện",
    "GM": "giấy mời",
    "GGT": "giấy giới thiệu",
    "GUQ": "giấy ủy quyền",
}
_KIND_BY_FOLD = {k.casefold(): k for k in KIND_NAMES}

STYLES = ("party", "state_normative", "state_admin", "letter")

# Quốc hội and its Standing Committee number their resolutions without a kind code.
_NATIONAL_ASSEMBLY = re.compile(r"(?:UBTV)?QH[0-9]*", re.IGNORECASE)


def _canonical_kind(kind: str) -> str:
    return _KIND_BY_FOLD.get(kind.casefold(), kind.upper())


@dataclass(frozen=True)
class Symbol:
    """A parsed document symbol. Equality ignores ``raw`` (how it happened to be typed)."""

    raw: str = field(compare=False)
    number: str
    year: int | None
    kind: str | None
    issuer: str
    style: str

    @property
    def canonical(self) -> str:
        """The symbol written in its standard form, e.g. "09/2019/NĐ-CP"."""
        if self.style == "party":
            return f"{self.number}-{self.kind}/{self.issuer}"
        if self.style == "state_normative":
            if self.kind == "NQ" and _NATIONAL_ASSEMBLY.fullmatch(self.issuer):
                return f"{self.number}/{self.year}/{self.issuer}"
            return f"{self.number}/{self.year}/{self.kind}-{self.issuer}"
        if self.style == "state_admin":
            return f"{self.number}/{self.kind}-{self.issuer}"
        return f"{self.number}/{self.issuer}"

    @property
    def kind_name(self) -> str | None:
        """Vietnamese name of the kind ("kế hoạch"), or None for unknown codes."""
        return KIND_NAMES.get(self.kind) if self.kind else None

    def __str__(self) -> str:
        return self.canonical


_NUM = r"(?P<number>[0-9]+)"
_KIND = r"(?P<kind>[^\W\d_]{1,5})"
# An issuer starts with a letter, so "12/2019" is not mistaken for a letter from "2019".
_ISSUER = r"(?P<issuer>[^\W\d_][^\W_]*(?:-[^\W_]+)*)"
_PARTY = re.compile(rf"{_NUM}-{_KIND}/{_ISSUER}")
_NORMATIVE = re.compile(rf"{_NUM}/(?P<year>[0-9]{{4}})/(?:{_KIND}-)?{_ISSUER}")
_ADMIN_OR_LETTER = re.compile(rf"{_NUM}/{_ISSUER}")
_PREFIX = re.compile(r"^(?:số|so)\s*(?:,?\s*(?:ký|kí|ky)\s*hiệu)?\s*[:.]?\s*", re.IGNORECASE)
_DASHES = re.compile(r"\s*[\u2010\u2011\u2012\u2013\u2014\u2212-]\s*")


def _error(s: str) -> ValueError:
    return ValueError(
        f"Số, ký hiệu '{clean(s)}' không đúng mẫu. Các dạng hợp lệ: văn bản của Đảng 366-KH/TU; "
        "văn bản quy phạm pháp luật 09/2019/NĐ-CP; văn bản hành chính 11/KH-UBND; "
        "công văn 5518/VPCP-KSTT."
    )


def parse_symbol(s: str) -> Symbol:
    """Parse a document symbol into its parts; raises ValueError (in Vietnamese) otherwise.

    Shapes: party "366-KH/TU"; state normative "09/2019/NĐ-CP" (and Quốc hội "193/2025/QH15",
    read as kind NQ); state administrative "11/KH-UBND"; letter "5518/VPCP-KSTT" (kind CV).
    """
    raw = s
    text = clean(s).replace("Ð", "Đ").replace("ð", "đ")
    # "Số:" labels are copied along with the value from document headers.
    text = _PREFIX.sub("", text, count=1)
    text = _DASHES.sub("-", text)
    text = re.sub(r"\s*/\s*", "/", text)

    m = _PARTY.fullmatch(text)
    if m:
        return Symbol(raw, m["number"], None, _canonical_kind(m["kind"]), m["issuer"], "party")

    m = _NORMATIVE.fullmatch(text)
    if m:
        kind, issuer = m["kind"], m["issuer"]
        if kind is None:
            if not _NATIONAL_ASSEMBLY.fullmatch(issuer):
                raise _error(s)
            kind = "NQ"
        return Symbol(raw, m["number"], int(m["year"]), _canonical_kind(kind), issuer, "state_normative")

    m = _ADMIN_OR_LETTER.fullmatch(text)
    if m:
        issuer = m["issuer"]
        head, sep, rest = issuer.partition("-")
        # Only a known kind code before "-" makes an administrative document; otherwise the
        # whole tail is the issuing unit of a letter (công văn), e.g. VPCP-KSTT.
        if sep and head.casefold() in _KIND_BY_FOLD:
            return Symbol(raw, m["number"], None, _KIND_BY_FOLD[head.casefold()], rest, "state_admin")
        return Symbol(raw, m["number"], None, "CV", issuer, "letter")

    raise _error(s)
