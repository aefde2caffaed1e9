"""Reading spreadsheets people send: .xlsx (first sheet) or .csv (UTF-8, with or without BOM).

Columns are found by name with case, diacritics and spacing ignored, English aliases accepted. Every
problem is collected as a RowError (row, column, value, reason) in Vietnamese so that a whole file can be
refused at once with every bad row listed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dondoc import uploads
from dondoc.vn import clean, fold


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"Dòng {self.row}")
        if self.column:
            parts.append(f"cột '{self.column}'")
        if self.value not in (None, ""):
            parts.append(f"giá trị '{self.value}'")
        head = ", ".join(parts)
        return f"{head}: {self.reason}" if head else self.reason


class TableError(Exception):
    """The whole file is refused; `errors` lists every reason."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _norm_header(text: str) -> str:
    return "".join(fold(str(text or "")).split())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    text = clean(str(value))
    # Our Excel export neutralises formulas by a leading apostrophe ('=..., '-...); read the text back as written.
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        text = text[1:]
    return text


def read_rows(path: str | Path, data: bytes | None = None) -> list[list[str]]:
    """All rows of the first sheet (xlsx) or of the csv, as NFC-cleaned strings."""
    path = Path(path)
    raw = data if data is not None else _read_bytes(path)
    if not raw:
        raise TableError([RowError(None, None, None, "Tệp rỗng, không có dữ liệu.")])
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".xlsm", ".csv", ".txt"}:
        raise TableError(
            [RowError(None, None, path.name, "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv, mã hóa UTF-8).")]
        )
    kind = "xlsx" if suffix in {".xlsx", ".xlsm"} else "csv"
    try:
        uploads.check(raw, path.name if suffix != ".txt" else path.with_suffix(".csv").name, kinds={kind})
    except uploads.UploadRefused as exc:
        if kind == "csv" and "không đúng định dạng" in str(exc):
            raise TableError(
                [RowError(None, None, None, "Tệp CSV phải được mã hóa UTF-8 (lưu lại bằng 'CSV UTF-8').")]
            ) from None
        if kind == "xlsx" and "không đúng định dạng" in str(exc):
            raise TableError(
                [RowError(None, None, None, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.")]
            ) from None
        raise TableError([RowError(None, None, None, str(exc))]) from None
    rows = _read_xlsx(raw) if kind == "xlsx" else _read_csv(raw)
    _check_shape(len(rows), max((len(r) for r in rows), default=0))
    return rows


def _check_shape(n_rows: int, n_cols: int) -> None:
    """A sheet larger than the settings allow is refused whole, before any row is looked at."""
    from django.conf import settings

    if n_rows > settings.DONDOC_IMPORT_MAX_ROWS + 1:
        raise TableError(
            [
                RowError(
                    None,
                    None,
                    None,
                    f"Tệp có {n_rows - 1} dòng, vượt giới hạn {settings.DONDOC_IMPORT_MAX_ROWS} dòng một lần nhập; hãy chia thành nhiều tệp.",
                )
            ]
        )
    if n_cols > settings.DONDOC_IMPORT_MAX_COLUMNS:
        raise TableError(
            [
                RowError(
                    None,
                    None,
                    None,
                    f"Tệp có {n_cols} cột, vượt giới hạn {settings.DONDOC_IMPORT_MAX_COLUMNS} cột.",
                )
            ]
        )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TableError([RowError(None, None, str(path), "Không tìm thấy tệp.")]) from None
    except OSError as exc:
        raise TableError([RowError(None, None, str(path), f"Không đọc được tệp ({exc.strerror}).")]) from None


def _read_xlsx(raw: bytes) -> list[list[str]]:
    """The first sheet's cells. python-calamine (Rust) reads a 50.000-row plan about ten times faster than
    openpyxl; openpyxl stays as the fallback reader."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - calamine is a dependency; the fallback keeps imports working
        return _read_xlsx_openpyxl(raw)
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheet = wb.get_sheet_by_index(0)
        _check_shape(sheet.total_height, sheet.total_width)  # before the cells are read into memory
        rows = sheet.to_python(skip_empty_area=False)
    except TableError:
        raise
    except Exception:  # calamine raises its own error types for anything that is not a workbook
        raise TableError(
            [RowError(None, None, None, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.")]
        ) from None
    return [[_cell(v) for v in row] for row in rows]


def _read_xlsx_openpyxl(raw: bytes) -> list[list[str]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise TableError(
            [RowError(None, None, None, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.")]
        ) from None
    ws = wb.worksheets[0]
    rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def _read_csv(raw: bytes) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
            [RowError(None, None, None, "Tệp CSV phải được mã hóa UTF-8 (lưu lại bằng 'CSV UTF-8').")]
        ) from None
    if "\x00" in text:
        raise TableError([RowError(None, None, None, "Tệp không phải tệp CSV dạng văn bản.")])
    _check_shape(text.count("\n"), 0)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]


@dataclass
class Table:
    """A header-mapped table: `records` are (row number in the file, {column key: text})."""

    columns: dict[str, str]  # key -> header as written
    records: list[tuple[int, dict[str, str]]]


def map_table(rows: list[list[str]], columns: list[Column]) -> Table:
    """Find the header row's columns; refuse missing required or unknown-only headers."""
    rows = list(rows)
    skipped = 0
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
        skipped += 1
    if not rows:
        raise TableError([RowError(None, None, None, "Tệp rỗng, không có dòng tiêu đề.")])
    header = rows[0]
    wanted: dict[str, Column] = {}
    for col in columns:
        for name in (col.title, col.key, *col.aliases):
            wanted[_norm_header(name)] = col
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    errors: list[RowError] = []
    for i, name in enumerate(header):
        col = wanted.get(_norm_header(name))
        if col is None:
            continue
        if col.key in index:
            errors.append(RowError(skipped + 1, name, None, f"Cột '{col.title}' xuất hiện hai lần."))
            continue
        index[col.key] = i
        written[col.key] = name
    for col in columns:
        if col.required and col.key not in index:
            errors.append(
                RowError(
                    skipped + 1,
                    col.title,
                    None,
                    f"Thiếu cột bắt buộc '{col.title}' (hoặc '{col.key}') ở dòng tiêu đề.",
                )
            )
    if errors:
        expected = ", ".join(c.title for c in columns)
        errors.append(RowError(None, None, None, f"Các cột nhận được: {expected}."))
        raise TableError(errors)
    records = []
    for n, row in enumerate(rows[1:], start=skipped + 2):
        if not any((c or "").strip() for c in row):
            continue
        rec = {key: (row[i] if i < len(row) else "").strip() for key, i in index.items()}
        records.append((n, rec))
    if not records:
        raise TableError([RowError(None, None, None, "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")])
    return Table(written, records)
