"""axe-core in the browser tests: the engine is the `axe.min.js` that the axe-playwright-python package ships
(a dev dependency; no CDN), evaluated in the page through Playwright, which the site's strict CSP does not
block. `serious(page)` is what a test fails on; `report(...)` prints what was found, page by page;
`colour_only(page)` finds a status shown by colour alone."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FAIL_ON = ("serious", "critical")


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def violations(page) -> list[dict]:
    """Every axe-core violation on the page as it stands, with its impact, rule, help and the elements."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "impact": v["impact"],
            "id": v["id"],
            "help": v["help"],
            "nodes": [" ".join(n["target"][-1:]) if n["target"] else "?" for n in v["nodes"]][:6],
            "summary": v["nodes"][0].get("failureSummary", "").splitlines()[-1:] if v["nodes"] else [],
        }
        for v in result["violations"]
    ]


def serious(page) -> list[dict]:
    return [v for v in violations(page) if v["impact"] in FAIL_ON]


def report(found: dict[str, list[dict]]) -> str:
    """One line per violation, grouped by page: `url  impact rule-id (help) → elements`."""
    lines = []
    for url, vs in found.items():
        for v in vs:
            lines.append(
                f"{url}  {v['impact']} {v['id']} ({v['help']}) → {', '.join(v['nodes'])} {v['summary']}"
            )
    return "\n".join(lines)


# Colour never the only sign: every visible coloured status (pill, tile, badge, a cell coloured green, amber, red
# or grey) carries words; every legend swatch is followed by its words; every chart a screen reader meets has a
# name. Returns what fails, as short HTML excerpts.
COLOUR_ONLY = """() => {
  const seen = (el) => el.getClientRects().length > 0;
  const words = (el) => ((el.innerText || '').trim() || el.getAttribute('aria-label') || '').trim();
  const bad = [];
  document.querySelectorAll('.pill, .tile, .badge, .green, .amber, .red, .grey').forEach((el) => {
    if (!seen(el) || el.matches('.key, svg, svg *')) return;
    if (!words(el)) bad.push(el.outerHTML.slice(0, 120));
  });
  document.querySelectorAll('.legend .key').forEach((k) => {
    const next = k.nextSibling;
    if (seen(k) && !(next && next.textContent.trim())) bad.push(k.parentElement.outerHTML.slice(0, 120));
  });
  document.querySelectorAll('svg').forEach((svg) => {
    if (!seen(svg) || svg.closest('[aria-hidden=true]')) return;
    if (!(svg.getAttribute('aria-label') || svg.querySelector(':scope > title'))) bad.push(svg.outerHTML.slice(0, 120));
  });
  return bad;
}"""


def colour_only(page) -> list[str]:
    return page.evaluate(COLOUR_ONLY)
