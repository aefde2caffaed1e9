"""Just enough of PDF to read back the text LibreOffice writes (tests only; no poppler needed).

LibreOffice embeds subset fonts whose glyph codes map to Unicode through each font's /ToUnicode CMap; the
page content shows hex strings with Tj/TJ. We inflate every stream, read the CMaps, and decode the strings of
each page's content with the font selected by Tf.
"""

from __future__ import annotations

import re
import zlib

OBJ = re.compile(rb"(\d+)\s+0\s+obj(.*?)endobj", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    out = {}
    for m in OBJ.finditer(data):
        body = m.group(2)
        s = STREAM.search(body)
        raw = None
        if s:
            raw = s.group(1)
            if b"FlateDecode" in body[: s.start()]:
                try:
                    raw = zlib.decompress(raw)
                except zlib.error:
                    raw = zlib.decompressobj().decompress(raw)
        out[int(m.group(1))] = (body[: s.start()] if s else body, raw)
    return out


def _cmap(text: bytes) -> dict[bytes, str]:
    table: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[bytes.fromhex(src.decode())] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            a, b, start = int(lo, 16), int(hi, 16), int(dst, 16)
            width = len(lo) // 2
            for i in range(b - a + 1):
                table[(a + i).to_bytes(width, "big")] = chr(start + i)
    return table


def extract_text(data: bytes) -> str:
    objs = _objects(data)
    # font object number -> cmap
    cmaps: dict[int, dict[bytes, str]] = {}
    for num, (head, _raw) in objs.items():
        m = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", head)
        if m and b"/Font" in head:
            raw = objs.get(int(m.group(1)), (b"", None))[1]
            if raw:
                cmaps[num] = _cmap(raw)
    pages = []
    for _num, (head, _raw) in sorted(objs.items()):
        if not re.search(rb"/Type\s*/Page\b", head):
            continue
        fonts: dict[bytes, int] = {}
        res = head
        rm = re.search(rb"/Resources\s+(\d+)\s+0\s+R", head)
        if rm:
            res = objs.get(int(rm.group(1)), (b"", None))[0]
        fm = re.search(rb"/Font\s*<<(.*?)>>", res, re.S)
        if fm:
            fonts = {k: int(v) for k, v in re.findall(rb"/(\w+)\s+(\d+)\s+0\s+R", fm.group(1))}
        else:
            fr = re.search(rb"/Font\s+(\d+)\s+0\s+R", res)
            if fr:
                fonts = {
                    k: int(v)
                    for k, v in re.findall(
                        rb"/(\w+)\s+(\d+)\s+0\s+R", objs.get(int(fr.group(1)), (b"", None))[0]
                    )
                }
        contents = re.search(rb"/Contents\s+(\d+)\s+0\s+R", head)
        if not contents:
            continue
        stream = objs.get(int(contents.group(1)), (b"", None))[1] or b""
        out, cmap = [], {}
        for tok in re.finditer(
            rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\((.*?)(?<!\\)\)|(T\*|Td|TD|ET|')", stream
        ):
            if tok.group(1):
                cmap = cmaps.get(fonts.get(tok.group(1), -1), {})
            elif tok.group(2) is not None:
                raw = bytes.fromhex(tok.group(2).decode())
                width = 2 if cmap and len(next(iter(cmap))) == 2 else 1
                out.append("".join(cmap.get(raw[i : i + width], "") for i in range(0, len(raw), width)))
            elif tok.group(3) is not None:
                out.append(tok.group(3).decode("latin-1"))
            else:
                out.append("\n" if tok.group(4) in (b"ET", b"T*", b"'") else " ")
        pages.append("".join(out))
    return "\n".join(pages)
