"""Renders dondoc/static/dondoc/favicon.svg into favicon.ico (16, 32 and 48 px PNGs in one ICO) with Debian's
chromium: `.venv/bin/python tools/make_favicon.py`. Run again after changing the SVG."""

import struct

from playwright.sync_api import sync_playwright

svg = open("dondoc/static/dondoc/favicon.svg").read()
pngs = []
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    for size in (16, 32, 48):
        pg = b.new_page(viewport={"width": size, "height": size})
        sized = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ')
        pg.set_content('<html><body style="margin:0;background:transparent">' + sized + "</body></html>")
        pngs.append((size, pg.screenshot(omit_background=True)))
    b.close()
head = struct.pack("<HHH", 0, 1, len(pngs))
offset = 6 + 16 * len(pngs)
entries = b""
data = b""
for size, png in pngs:
    entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(data))
    data += png
open("dondoc/static/dondoc/favicon.ico", "wb").write(head + entries + data)
