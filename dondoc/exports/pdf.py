"""PDF through LibreOffice headless, where it is installed; without it the pages say PDF is unavailable."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 180


class PdfUnavailable(RuntimeError):
    """LibreOffice (soffice) is not installed on this server."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def convert(data: bytes, suffix: str = ".docx", to: str = "pdf") -> bytes:
    """Convert a document with `soffice --headless --convert-to`; `to` is "pdf" or "txt:Text (encoded):UTF8"."""
    exe = soffice()
    if exe is None:
        raise PdfUnavailable(_("PDF không khả dụng: máy chủ chưa cài LibreOffice."))
    with tempfile.TemporaryDirectory(prefix="dondoc-pdf-") as tmp:
        src = Path(tmp) / f"report{suffix}"
        src.write_bytes(data)
        # A private profile per run: concurrent conversions must not share LibreOffice's user directory.
        profile = Path(tmp) / "profile"
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            tmp,
            str(src),
        ]
        env = {**os.environ, "HOME": tmp}
        proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_SECONDS, env=env, check=False)
        ext = to.split(":", 1)[0]
        out = Path(tmp) / f"report.{ext}"
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(
                _("LibreOffice không chuyển được tệp: ")
                + (proc.stderr or proc.stdout).decode(errors="replace")[-500:]
            )
        return out.read_bytes()


def docx_to_pdf(data: bytes) -> bytes:
    return convert(data, ".docx", "pdf")


def pdf_text(data: bytes) -> str:
    """The text of a DOCX as LibreOffice reads it (used by tests and checks: no pdftotext needed)."""
    return convert(data, ".docx", "txt:Text (encoded):UTF8").decode("utf-8", errors="replace")
