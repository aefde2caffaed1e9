"""Fill dondoc's Vietnamese catalogue: Vietnamese is the source language, so every msgid is its own translation.

    python tools/i18n_fill_vi.py dondoc/locale/vi/LC_MESSAGES/django.po [dondoc/locale/en/LC_MESSAGES/django.po]

An empty msgstr (msgstr[0] for a plural: Vietnamese has one form) becomes a copy of the msgid; a fuzzy flag that
msgmerge put on a Vietnamese entry is dropped and the entry set to its msgid, since a guess from a neighbouring
string is never right here. Entries translated by hand (e.g. Django's own messages in better Vietnamese) stay.
Any other catalogue given (English) only gets its header tidied: a fixed header without makemessages' date line
or placeholder comments, so that regenerating the catalogues changes nothing when no string changed.
`make messages` runs it after makemessages (docs/i18n.md).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PLURALS = {"vi": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
HEADER = (
    "# dondoc's {lang} catalogue. The msgids are the Vietnamese interface; `make messages` regenerates this file\n"
    "# (docs/i18n.md).\n"
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: dondoc\\n"\n'
    '"Language: {lang}\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: {plurals}\\n"'
)


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


def _is_header(entry: str) -> bool:
    return any(line == 'msgid ""' for line in entry.split("\n")) and not any(
        line.startswith("msgid_plural") for line in entry.split("\n")
    )


def fill(text: str, lang: str = "vi") -> str:
    entries = text.strip("\n").split("\n\n")
    out = [HEADER.format(lang=lang, plurals=PLURALS[lang])]
    for e in entries:
        if _is_header(e):
            continue
        out.append("\n".join(fill_entry(e.split("\n"))) if lang == "vi" else e)
    return "\n\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 1
    for arg in argv:
        path = Path(arg)
        lang = path.parent.parent.name
        path.write_text(fill(path.read_text(encoding="utf-8"), lang), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
