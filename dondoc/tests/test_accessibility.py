"""Every page passes axe-core with no serious or critical violation, for every role that reaches it: the office,
a leader and a reporter of province P, and the public. The pages come from the URL resolver (every URL name
that the scope proof has a rule for, with the same objects of P's world, tests/surface.py), so a new page is
checked as soon as it has its rule; each at 360 px (a phone, the menu folded) and 1280 px. On each page too: no
status is shown by colour alone (tests/a11y.py, COLOUR_ONLY). Moderate and minor findings are printed (`-s`), not failed on."""

from __future__ import annotations

import pytest

from .a11y import colour_only, report, violations
from .surface import NOT_FOUND, pages_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Everything a user may unfold is unfolded before axe looks (it skips what is hidden): every <details>, and the
# menu, folded behind its button on a phone.
EXPAND = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const toggle = document.querySelector('.navtoggle');
  if (toggle && toggle.getClientRects().length && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
}"""


def sign_in(page, proof, who: str) -> None:
    """The browser takes the session of the proof's own signed-in client (no sign-in form per role)."""
    page.context.clear_cookies()
    if who == "public":
        return
    from urllib.parse import urlsplit

    session = proof.client(who).cookies["sessionid"].value
    host = urlsplit(page.base_url).hostname
    page.context.add_cookies([{"name": "sessionid", "value": session, "domain": host, "path": "/"}])


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("who", ["office", "leader", "reporter", "public"])
def test_every_page_passes_axe_core(proof, browser_page, who, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, proof, who)
    failing: dict[str, list[dict]] = {}
    minor: dict[str, list[dict]] = {}
    by_colour: dict[str, list[str]] = {}
    visited = 0
    skipped: list[str] = []
    for name, url in pages_for(proof, who):
        # The proof's client says first what the URL is: a page (HTML) to look at, or a file, or not theirs.
        client = proof.client("anon" if who == "public" else who)
        probe = client.get(url, follow=True)
        if probe.status_code == 404 and "?" in url:  # P's figures are not a reporter's: its own unit's are
            url = url.split("?")[0]
            probe = client.get(url, follow=True)
        assert probe.status_code < 500, f"{who} {name} {url}: {probe.status_code}"
        if probe.status_code in (403, 404) and name != NOT_FOUND:
            skipped.append(name)  # not this user's page (a committee's "mine" for a non-member)
            continue
        if "text/html" not in probe.get("Content-Type", ""):
            continue  # a download, the favicon, a QR code: not a page
        if b"<html" not in probe.content[:400].lower():
            continue  # a fragment that htmx swaps into a page (an export's row): checked inside its page
        response = page.goto(page.base_url + url)
        assert response.status == (404 if name == NOT_FOUND else 200), (
            f"{who} {name} {url}: {response.status}"
        )
        page.wait_for_load_state("networkidle")
        page.evaluate(EXPAND)
        visited += 1
        found = violations(page)
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        if bad:
            failing[f"{name} {url}"] = bad
        if hidden := colour_only(page):
            by_colour[f"{name} {url}"] = hidden
        rest = [v for v in found if v not in bad]
        if rest:
            minor[f"{name} {url}"] = rest
    print(
        f"\naxe-core, {who} at {width} px: {visited} pages, {len(failing)} with serious or critical violations"
    )
    if skipped:
        print(f"not {who}'s pages: {', '.join(skipped)}")
    if minor:
        print("moderate/minor:\n" + report(minor))
    assert visited > 0
    assert failing == {}, "serious or critical accessibility violations:\n" + report(failing)
    assert by_colour == {}, f"a status shown by colour alone: {by_colour}"


def _send_without_browser_checks(page, form: str) -> None:
    """Submit a form as the server will see it, past the browser's own checks (required, max), so that the
    page answers with the server's messages beside the fields."""
    page.evaluate("(sel) => { const f = document.querySelector(sel); f.noValidate = true; }", form)
    with page.expect_navigation():
        page.locator(f"{form} [type=submit]").last.click()


def test_forms_with_their_error_messages_pass_axe_core(proof, browser_page):
    """The same check on forms answered with errors: each message beside its field, named by it."""
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 900})
    found = {}
    # the sign-in with a wrong password
    sign_in(page, proof, "public")
    page.goto(page.base_url + "/dang-nhap/")
    page.fill("#id_username", "reporter")
    page.fill("#id_password", "sai-mat-khau")
    _send_without_browser_checks(page, "form[method=post]")
    assert page.locator(".errorlist, .msg.error, [role=alert]").count() > 0
    found["login"] = violations(page)
    # the office adds an obstacle with nothing in it
    sign_in(page, proof, "office")
    page.goto(page.base_url + "/bao-cao/kho-khan/")
    _send_without_browser_checks(page, "form.card")
    assert page.locator(".errorlist").count() > 0
    found["obstacle"] = violations(page)
    # the reporter's progress report (of May: June's is sent) with a percentage past 100
    from dondoc.reporting.models import Period

    may = Period.objects.get(schedule=proof.period.schedule, code="2025-T05")
    sign_in(page, proof, "reporter")
    page.goto(f"{page.base_url}/bao-cao/?period={may.pk}&unit=A")
    page.fill(f"#id_t{proof.tA.pk}-percent", "150")
    _send_without_browser_checks(page, "#report-form")
    assert page.locator(f"#id_t{proof.tA.pk}-percent[aria-invalid=true]").count() == 1
    found["report"] = violations(page)
    bad = {k: [v for v in vs if v["impact"] in ("serious", "critical")] for k, vs in found.items()}
    print("\n" + report(found))
    assert bad == {k: [] for k in found}, report(bad)
