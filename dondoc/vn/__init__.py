"""Vietnamese-language helpers for dondoc: text, numbers, dates, document symbols, deadlines.

Pure standard library, no Django imports, so it can be used from models, forms and scripts.
"""

from .dates import format_date, format_long_date, parse_date
from .deadlines import Deadline, format_deadline, parse_deadline
from .numbers import (
    format_decimal,
    format_int,
    format_percent,
    parse_fraction,
    parse_number,
    parse_percent,
)
from .symbols import KIND_NAMES, Symbol, parse_symbol
from .text import clean, fold, nfc, sort_key

__all__ = [
    "KIND_NAMES",
    "Deadline",
    "Symbol",
    "clean",
    "fold",
    "format_date",
    "format_deadline",
    "format_decimal",
    "format_int",
    "format_long_date",
    "format_percent",
    "nfc",
    "parse_date",
    "parse_deadline",
    "parse_fraction",
    "parse_number",
    "parse_percent",
    "parse_symbol",
    "sort_key",
]
