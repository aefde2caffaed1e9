"""Fill dondoc's Vietnamese catalogue: Vietnamese is the source language, so every msgid is its own translation.

    python tools/i18n_fill_vi.py dondoc/locale/vi/LC_MESSAGES/django.po

An empty msgstr (msgstr[0] for a plural: Vietnamese has one form) becomes a copy of the msgid; a fuzzy flag that
msgmerge put on a Vietnamese entry is dropped and the entry set to its msgid, since a guess from a neighbouring
string is never right here. Entries translated by hand (e.g. Django's own messages in better Vietnamese) stay.
`make messages` runs it after makemessages (docs/i18n.md).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HEADER_FIELDS = {"Language": "vi", "Plural-Forms": "nplurals=1; plural=0;"}


def _string_lines(block: list[str], key: str) -> list[str] | None:
    """The quoted lines of `key` (msgid, msgid_plural, msgstr, msgstr[0]) in an entry, without the keyword."""
    for i, line in enumerate(block):
        if line.startswith(key + " "):
            out = [line[len(key) + 1 :]]
            for nxt in block[i + 1 :]:
                if nxt.startswith('"'):
                    out.append(nxt)
                else:
                    break
            return out
    return None


def _replace(block: list[str], key: str, value: list[str]) -> list[str]:
    for i, line in enumerate(block):
        if line.startswith(key + " "):
            j = i + 1
            while j < len(block) and block[j].startswith('"'):
                j += 1
            return block[:i] + [f"{key} {value[0]}", *value[1:]] + block[j:]
    return block


def fill_entry(block: list[str]) -> list[str]:
    msgid = _string_lines(block, "msgid")
    if msgid is None or msgid == ['""']:  # the header
        out = []
        for line in block:
            if line.startswith("#,"):
                flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                if flags:
                    out.append("#, " + ", ".join(flags))
                continue
            m = re.match(r'^"([\w-]+): (.*)\\n"$', line)
            if m and m.group(1) in HEADER_FIELDS:
                line = f'"{m.group(1)}: {HEADER_FIELDS[m.group(1)]}\\n"'
            out.append(line)
        return out
    fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block)
    block = [line for line in block if not line.startswith("#|")]
    if fuzzy:
        cleaned = []
        for line in block:
            if line.startswith("#,"):
                flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                if flags:
                    cleaned.append("#, " + ", ".join(flags))
                continue
            cleaned.append(line)
        block = cleaned
    plural = _string_lines(block, "msgid_plural") is not None
    key = "msgstr[0]" if plural else "msgstr"
    current = _string_lines(block, key)
    if fuzzy or current in (None, ['""']):
        block = _replace(block, key, msgid)
    if plural:
        block = [line for line in block if not re.match(r"^msgstr\[[1-9]\]", line)]
    return block


def fill(text: str) -> str:
    entries = text.strip("\n").split("\n\n")
    return "\n\n".join("\n".join(fill_entry(e.split("\n"))) for e in entries) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 1
    path = Path(argv[0])
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
