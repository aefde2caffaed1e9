"""Writing spreadsheets people open: Excel workbooks and CSV files that never run a formula.

A text that a spreadsheet would take for a formula or a command (it starts with =, +, -, @, a tab or a carriage
return) is written behind an apostrophe, as text; our own reader (`sheets.read_rows`) takes the apostrophe off
again, so an exported catalogue imports back as it was written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.functional import Promise
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font, PatternFill

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
WRAP = Alignment(wrap_text=True, vertical="top")


def neutralise(value):
    """The value as a spreadsheet may hold it: a formula-like text behind "'"; other values as they are.
    A translatable label (gettext_lazy) is written in the language active now."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_row(ws, row: int, values: Iterable, *, header: bool = False) -> None:
    """One row of a (normal, not write-only) worksheet, every text stored as text."""
    for col, value in enumerate(values, start=1):
        value = neutralise(value)
        cell = ws.cell(row=row, column=col, value=value)
        if isinstance(value, str):
            cell.data_type = TYPE_STRING  # never a formula, whatever the text
        if header:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
        cell.alignment = WRAP


def streamed_row(ws, values: Iterable) -> list:
    """One row for a write-only worksheet (constant memory): the same neutralisation, text kept as text."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for value in values:
        value = neutralise(value)
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = TYPE_STRING
        out.append(cell)
    return out


def csv_bytes(header: list[str], rows: Iterable[Iterable]) -> bytes:
    """A CSV file (UTF-8 with BOM, so that Excel reads Vietnamese correctly), neutralised like a workbook."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
