"""What every file people send goes through before anything reads it: its size, its type judged by its content
(not its name), and, for the zip-based formats (.xlsx, .docx), a guard against archive bombs.

Ground floor: no models; the limits come from the settings (each with a Vietnamese message when reached).
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

KIND_NAMES = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "png": "ảnh PNG",
    "jpeg": "ảnh JPG",
    "csv": "CSV (UTF-8)",
    "txt": "văn bản (.txt, UTF-8)",
}
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".csv": "csv",
    ".txt": "txt",
}


class UploadRefused(ValueError):
    """The file is refused; the message says why, naming the file."""


def _mb(n: int) -> str:
    return f"{n / 1048576:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def check(data: bytes, name: str, *, kinds: set[str], max_bytes: int | None = None) -> str:
    """Refuse the file unless it is small enough, of one of `kinds` by its content, its name agreeing, and (when
    it is an archive) not a bomb. Returns the kind."""
    name = (name or "tệp").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    limit = max_bytes or settings.DONDOC_UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise UploadRefused(f"Tệp “{name}” quá lớn ({_mb(len(data))} MB); giới hạn {_mb(limit)} MB.")
    if not data:
        raise UploadRefused(f"Tệp “{name}” rỗng, không có dữ liệu.")
    accepted = ", ".join(KIND_NAMES[k] for k in sorted(kinds))
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(ext)
    if claimed not in kinds:
        raise UploadRefused(f"Tệp “{name}” không được chấp nhận: chỉ nhận {accepted}.")
    actual = sniff(data, claimed)
    if actual != claimed:
        raise UploadRefused(f"Tệp “{name}” không đúng định dạng {KIND_NAMES[claimed]} như tên tệp ghi.")
    if actual in ("xlsx", "docx"):
        check_archive(data, name)
    return actual


def sniff(data: bytes, hint: str | None = None) -> str | None:
    """The kind of a file by its first bytes (and, for zip archives, by what they hold)."""
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
        return None
    if hint in ("csv", "txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        return hint if "\x00" not in text else None
    return None


def check_archive(data: bytes, name: str) -> None:
    """Refuse an archive that would unpack into far more than it weighs (a zip bomb), or has too many parts."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise UploadRefused(f"Tệp “{name}” bị hỏng, không mở được.") from None
    if len(infos) > settings.DONDOC_UPLOAD_MAX_PARTS:
        raise UploadRefused(f"Tệp “{name}” có quá nhiều thành phần ({len(infos)}); không xử lý được.")
    total = sum(i.file_size for i in infos)
    if total > settings.DONDOC_UPLOAD_MAX_UNPACKED_BYTES:
        raise UploadRefused(
            f"Tệp “{name}” khi giải nén lên tới {_mb(total)} MB, vượt giới hạn "
            f"{_mb(settings.DONDOC_UPLOAD_MAX_UNPACKED_BYTES)} MB; không xử lý được."
        )
    for i in infos:
        if (
            i.compress_size
            and i.file_size / i.compress_size > settings.DONDOC_UPLOAD_MAX_RATIO
            and i.file_size > 1048576
        ):
            raise UploadRefused(f"Tệp “{name}” có dấu hiệu bất thường (nén quá mức); không xử lý được.")


def read_text_document(data: bytes, name: str) -> str:
    """The text of a .txt (UTF-8) or .docx file people send (paragraphs, then table cells), NFC-normalised,
    after the checks above."""
    import unicodedata

    kind = check(data, name if "." in name else name + ".txt", kinds={"txt", "docx"})
    if kind == "docx":
        import docx  # python-docx

        try:
            doc = docx.Document(io.BytesIO(data))
        except Exception:  # python-docx raises several kinds for a broken file
            raise UploadRefused(f"Tệp “{name}” không phải văn bản Word (.docx) hợp lệ.") from None
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.append(" | ".join(cell.text for cell in row.cells))
        return unicodedata.normalize("NFC", "\n".join(parts))
    return unicodedata.normalize("NFC", data.decode("utf-8-sig"))
