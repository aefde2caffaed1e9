"""Vietnamese text helpers: normalisation, diacritic folding and alphabetical sort keys."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["clean", "fold", "fold_chars", "nfc", "sort_key"]

_WS = re.compile(r"\s+")

# Ð (U+00D0, Icelandic eth) looks identical to Đ (U+0110) and turns up in pasted or
# mis-encoded documents; treat both spellings as the same letter.
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})


def nfc(s: str) -> str:
    """Return ``s`` in Unicode NFC form (composed characters), nothing else changed."""
    return unicodedata.normalize("NFC", s)


def clean(s: str) -> str:
    """NFC-normalise, strip, and collapse every run of whitespace to a single space."""
    return _WS.sub(" ", nfc(s)).strip()


# The combining-mark blocks (Vietnamese tones and vowel marks are all in the first); one regex pass is
# several times faster than testing each character, which matters when folding a 50.000-row import.
_D = str.maketrans({"đ": "d", "Đ": "D"})


def fold(s: str) -> str:
    """Fold text for diacritic-insensitive search: ``fold("Chuyển Đổi Số") == "chuyen doi so"``."""
    if not s.isascii():
        decomposed = unicodedata.normalize("NFD", s.translate(_ETH))
        # đ/Đ have no decomposition (the stroke is part of the letter), so map them explicitly.
        # Every combining mark goes (Vietnamese tones and vowel marks, and any other script's).
        s = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_D)
    return _WS.sub(" ", s.lower()).strip()


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFD", ch.translate(_ETH))
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_D)
    if len(base) == 1 and len(base.lower()) == 1:
        return base.lower()
    return ch


def fold_chars(s: str) -> str:
    """fold() one character at a time, keeping every offset: ``fold_chars(s)[i]`` is character ``i`` of ``s``
    folded (NFC input; whitespace is not collapsed). For finding phrases in folded text and cutting them out
    of the original."""
    return "".join(map(_fold_char, s))


# --- sort keys --------------------------------------------------------------------------------

# Vietnamese alphabet, with the foreign letters f, j, w, z slotted in Latin order.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"

# Every unit of the primary key is exactly two characters from [0-9a-z]. Fixed width keeps
# comparisons aligned on unit boundaries, and the restricted alphabet sorts identically
# bytewise and under PostgreSQL/ICU "en_US" collations (which ignore punctuation at the
# first level, so a punctuation separator would silently break ORDER BY).
_END = "00"  # end of the primary part: lower than everything, so prefixes sort first
_SPACE = "01"  # word break: lower than any digit or letter ("An" < "An Giang" < "Anh")
_UNKNOWN = "zz"  # characters outside the alphabet sort after all letters
_LETTER_CODE = {letter: "2" + _BASE36[i] for i, letter in enumerate(_ALPHABET)}
_DIGIT_CODE = {d: "1" + d for d in "0123456789"}

# Tone marks in the conventional dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Diacritics that create separate letters of the alphabet rather than tones.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_MODIFIED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}


def _clusters(s: str) -> list[tuple[str, str]]:
    """Split NFD text into (base character, combining marks) pairs."""
    out: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", s.translate(_ETH)):
        if unicodedata.combining(ch) and out:
            base, marks = out[-1]
            out[-1] = (base, marks + ch)
        else:
            out.append((ch, ""))
    return out


def sort_key(s: str) -> str:
    """Return a key whose plain string order is Vietnamese alphabetical order.

    Letters decide first (case-insensitively, a < ă < â < b ... d < đ ...), then tones break
    ties left to right, then case (lower before upper). The key uses only [0-9a-z], so it can
    be stored in a column and used in ``ORDER BY`` under both "C" and "en_US" collations.
    """
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    unknown: list[str] = []
    pending_space = False
    for base, marks in _clusters(s):
        if not base.isalnum():
            # Whitespace and punctuation both act as a word break ("Bà Rịa-Vũng Tàu").
            pending_space = bool(primary)
            continue
        if pending_space:
            primary.append(_SPACE)
            pending_space = False
        lower = base.lower()
        cases.append("1" if lower != base else "0")
        tone = next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), "0")
        for mark in marks:
            lower = _MODIFIED.get((lower, mark), lower)
        if lower in _DIGIT_CODE:
            primary.append(_DIGIT_CODE[lower])
        elif lower in _LETTER_CODE:
            primary.append(_LETTER_CODE[lower])
        else:
            primary.append(_UNKNOWN)
            # Keep distinct foreign characters distinct (deterministic order) in a last tier.
            unknown.append(f"{ord(base):06x}")
        tones.append(tone)
    # Tiers after _END have equal length whenever the primary parts are equal, so they
    # need no separators of their own.
    return "".join(primary) + _END + "".join(tones) + "".join(cases) + "".join(unknown)
