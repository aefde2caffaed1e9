"""A page shows a link only where its user may follow it: each role of the scope proof's world signs in, follows
every link on every page it can reach (same site, GET: links, htmx's hx-get, search forms) and none of them
answers 403 or 404. The crawl starts from every page the role may open by the scope proof's rules.

A link is followed at most three times per URL pattern and set of query keys (the tenth task's page is like
the first), so the crawl stays small; `-s` prints how many pages each role reached.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from .surface import NOT_FOUND, pages_for

# Not pages a link leads a user to: sign-out is a POST form, the admin and the API docs are their own sites.
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/dang-xuat/")
PER_PATTERN = 3
START = "(start)"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        # a link; what htmx fetches for the page (hx-get); where a search form (method=get) leads
        for href in (
            a.get("href") if tag == "a" else None,
            a.get("hx-get"),
            a.get("action") if tag == "form" and (a.get("method") or "get").lower() == "get" else None,
        ):
            if href:
                self.hrefs.append(href)


def links_of(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def _pattern_key(url: str) -> tuple | None:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ("unresolved", parts.path)
    return (match.view_name, tuple(sorted({k for k, _ in parse_qsl(parts.query)})))


def crawl(client, start: list[str], limit: int = 400) -> tuple[dict[str, tuple[int, str]], int]:
    """Follows the links from `start`; returns the bad answers {url: (status, page it was linked from)}."""
    seen_keys: dict[tuple, int] = {}
    seen_urls: set[str] = set()
    queue = [(u, START) for u in start]
    bad: dict[str, tuple[int, str]] = {}
    pages = 0
    while queue and pages < limit:
        url, source = queue.pop(0)
        if url in seen_urls or url.startswith(SKIP_PREFIXES):
            continue
        key = _pattern_key(url)
        if seen_keys.get(key, 0) >= PER_PATTERN:
            continue
        seen_urls.add(url)
        seen_keys[key] = seen_keys.get(key, 0) + 1
        r = client.get(url, follow=True)
        pages += 1
        if r.status_code in (403, 404) or key[0] == "unresolved":
            if source == START:  # a start the rules name but this user may not open: not a link it was shown
                seen_urls.discard(url)  # (so that a link to it, met later, is still judged)
                seen_keys[key] -= 1
            else:
                bad[url] = (r.status_code, source)
            continue
        if "text/html" not in r.get("Content-Type", ""):
            continue
        final = r.redirect_chain[-1][0] if r.redirect_chain else url
        for link in links_of(r.content.decode(errors="replace"), final):
            if link not in seen_urls:
                queue.append((link, url))
    return bad, pages


def _starts(proof, who: str) -> list[str]:
    if who == "anon":
        return [reverse("portal:index"), reverse("login")]
    own = [
        reverse("home"),
        reverse("tasks:catalogue"),
        reverse("tasks:detail", args=[(proof.tX if who == "other" else proof.tA).pk]),
        reverse("units:profile"),
        reverse("reporting:notifications"),
    ]
    if who in ("office", "leader", "reporter"):  # the roles of P: every page their rules open, too
        own += [url for name, url in pages_for(proof, who) if name != NOT_FOUND]
    return own


@pytest.mark.parametrize("who", ["office", "leader", "reporter", "reporter_b", "other", "anon"])
def test_every_link_a_user_sees_leads_somewhere_they_may_go(proof, who):
    bad, pages = crawl(proof.client(who), _starts(proof, who))
    print(f"\n{who}: {pages} pages crawled")
    assert pages > 1
    assert bad == {}, f"{who} is shown links it may not follow: {bad}"
