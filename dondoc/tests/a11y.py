"""axe-core in the browser tests: the engine is the `axe.min.js` that the axe-playwright-python package ships
(a dev dependency; no CDN), evaluated in the page through Playwright, which the site's strict CSP does not
block. `serious(page)` is what a test fails on; `report(...)` prints what was found, page by page."""

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
