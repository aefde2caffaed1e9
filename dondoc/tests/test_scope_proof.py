"""The scope proof: for every page (from the URL resolver) and every API operation (from the OpenAPI document),
nobody reaches outside their scope, and a refused request changes nothing.

- A user of another unit (a reporter of X, and the office of O) gets 404 for every object of province P, on
  every method, and sees none of P's data in the lists; nothing in the database changes.
- A role without the right (P's leader, who only reads; P's reporter on office pages) gets 404 (or 403).
- Anonymous callers are sent to the login (pages) or refused (API), except on the public pages, which show
  only what the office published.
- A new URL or API operation without a rule below fails `test_every_url_and_operation_has_a_rule`.

The figures (patterns, operations, requests made) are printed at the end (`-s` shows them).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from .surface import (
    API,
    MARK_P,
    OUTSIDERS,
    PAGES,
    REFUSED,
    api_call,
    api_operations,
    changed_tables,
    fingerprint,
    token_for,
    url_names,
)


def test_every_url_and_operation_has_a_rule():
    missing_pages = sorted(set(url_names()) - set(PAGES))
    stale_pages = sorted(set(PAGES) - set(url_names()))
    ops = set(api_operations())
    missing_ops = sorted(ops - set(API))
    stale_ops = sorted(set(API) - ops)
    assert (missing_pages, missing_ops) == ([], []), (
        "a new URL or API operation needs its rule in the scope proof"
    )
    assert (stale_pages, stale_ops) == ([], [])


STATS = {"pages": 0, "operations": 0, "requests": 0}


def _refused(proof, who, method, url, data=None, *, allowed=REFUSED, body=None, token=None):
    """The request is refused (status in `allowed`) and the database is exactly as before. With a token, an API
    call with a JSON body; else a page request with form data."""
    if token is not None:
        return _refused_api(proof, who, method, url, allowed=allowed, body=body, token=token)
    before = fingerprint()
    c = proof.client(who)
    r = c.post(url, data or {}) if method == "POST" else c.get(url)
    STATS["requests"] += 1
    assert r.status_code in allowed, f"{who} {method} {url}: {r.status_code}"
    changed = changed_tables(before, fingerprint())
    assert changed == [], f"{who} {method} {url} changed {changed}"
    return r


def _get(proof, who, url, **extra):
    r = proof.client(who).get(url, **extra)
    STATS["requests"] += 1
    return r


def _url(name, rule, proof):
    from urllib.parse import urlencode

    url = reverse(name, kwargs=rule.kw(proof))
    q = rule.query(proof)
    return url + ("?" + urlencode(q) if q else "")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_keep_to_their_scope(proof, name):
    rule = PAGES[name]
    STATS["pages"] += 1
    if rule.kind == "auth":
        return  # the sign-in pages themselves: test_sign_in.py
    url = _url(name, rule, proof)
    post = rule.post(proof) if rule.post else None

    if rule.kind == "object":
        for who in OUTSIDERS:
            if rule.get:
                _refused(proof, who, "GET", url)
            _refused(proof, who, "POST", url, post)
        if rule.office_only:
            for who in ("leader", "reporter"):
                if rule.get:
                    _refused(proof, who, "GET", url)
                _refused(proof, who, "POST", url, post)
        elif rule.reader_only:
            _refused(proof, "reporter", "GET", url)
        if rule.office_writes:
            _refused(proof, "reporter", "POST", url, post)
        if rule.post and not rule.office_only:
            _refused(proof, "leader", "POST", url, post)  # a leader only reads
    elif rule.kind == "list":
        for who in OUTSIDERS:
            if rule.get:
                r = _get(proof, who, url)
                assert r.status_code in (200, 302, 404), f"{who} GET {url}: {r.status_code}"
                assert MARK_P not in r.content.decode(errors="replace"), f"{who} sees P's data on {url}"
            if post is not None:
                _refused(proof, who, "POST", url, post, allowed=(200, 400, 403, 404))
        if rule.office_only:
            for who in ("leader", "reporter"):
                if rule.get:
                    _refused(proof, who, "GET", url)
                if post is not None:
                    _refused(proof, who, "POST", url, post)
        elif post is not None:
            _refused(proof, "leader", "POST", url, post, allowed=(200, 400, 403, 404))
    elif rule.kind == "own":
        for who in ("other", "office_o", "leader", "reporter"):
            if rule.get:
                r = _get(proof, who, url)
                assert r.status_code in (200, 302, 404, 405)
                if who in OUTSIDERS:
                    assert MARK_P not in r.content.decode(errors="replace"), f"{who} sees P's data on {url}"
    elif rule.kind == "public":
        r = _get(proof, "anon", url)
        assert r.status_code == 200
        body = r.content.decode(errors="replace")  # the favicon is binary
        assert "MẬT-O" not in body
        if post is not None:
            _refused(proof, "anon", "POST", url, post, allowed=(302, 403, 404, 405))
        return

    # Anonymous callers: to the login page, nothing written.
    if rule.get:
        r = _refused(proof, "anon", "GET", url, allowed=(302,))
        assert r["Location"].startswith(reverse("login"))
    if post is not None or not rule.get:
        _refused(proof, "anon", "POST", url, post, allowed=(302, 403))


def test_public_pages_show_only_what_was_published(proof):
    from dondoc.portal import actions as portal_actions

    assert _get(proof, "anon", "/cong-khai/NQ57/O/").status_code == 404  # never published
    portal_actions.withdraw(proof.pub_p, actor=proof.w.office)
    assert _get(proof, "anon", "/cong-khai/NQ57/P/").status_code == 404  # withdrawn
    assert MARK_P not in _get(proof, "anon", "/cong-khai/").content.decode()


def test_a_reporter_writes_only_to_the_tasks_its_unit_leads(proof):
    # the form of another unit, and a task of another unit in its own report: 404, nothing written
    data = {
        "unit": "B",
        "period": proof.period.pk,
        "version": 1,
        f"t{proof.tB.pk}-state": "in_progress",
        f"t{proof.tB.pk}-percent": "50",
    }
    _refused(proof, "reporter", "POST", reverse("reporting:due"), data)
    from dondoc.reporting.models import Period

    token = token_for(proof, "reporter")
    may = Period.objects.get(schedule=proof.period.schedule, code="2025-T05")  # A has no report there yet
    body = {
        "version": 0,
        "items": [{"task": proof.tB.pk, "state": "in_progress", "percent": 50}],
    }
    url = f"/api/v1/reporting/periods/{may.pk}/reports/A"
    _refused(proof, "reporter", "PUT", url, allowed=(404,), body=body, token=token)


def test_a_partner_writes_only_its_own_note(proof):
    from dondoc.reporting.models import Contribution

    c = proof.client("reporter_b")
    assert (
        c.post(
            reverse("reporting:contribute", args=[proof.tA.pk]), {"unit": "B", "note": "Sở Y tế đã phối hợp"}
        ).status_code
        == 302
    )
    assert Contribution.objects.filter(task=proof.tA, unit__code="B").count() == 1
    # not a note for a task it does not partner in, nor progress on the task itself
    _refused(
        proof,
        "reporter_b",
        "POST",
        reverse("reporting:contribute", args=[proof.tX.pk]),
        {"unit": "B", "note": "x"},
    )
    body = {"version": 0, "items": [{"task": proof.tA.pk, "state": "done", "percent": 100}]}
    url = f"/api/v1/reporting/periods/{proof.period.pk}/reports/B"
    _refused(proof, "reporter_b", "PUT", url, allowed=(404,), body=body, token=token_for(proof, "reporter_b"))


def _refused_api(proof, who, method, url, *, allowed, body=None, token=None, query=None):
    before = fingerprint()
    r = api_call(proof, who, method, url, body=body, token=token, query=query)
    STATS["requests"] += 1
    assert r.status_code in allowed, f"{who} {method} {url}: {r.status_code} {r.content[:200]!r}"
    changed = changed_tables(before, fingerprint())
    assert changed == [], f"{who} {method} {url} changed {changed}"
    return r


@pytest.mark.parametrize("key", sorted(API), ids=lambda k: f"{k[0]} {k[1]}")
def test_api_operations_keep_to_their_scope(proof, key):
    method, template = key
    op = API[key]
    STATS["operations"] += 1
    url = template.format(**op.path(proof))
    body = op.body(proof) if op.body else None
    query = op.query(proof)
    tokens = {who: token_for(proof, who) for who in ("other", "office_o", "leader", "reporter")}
    if op.kind == "object":
        for who in OUTSIDERS:
            _refused_api(proof, who, method, url, allowed=(404,), body=body, token=tokens[who], query=query)
    else:
        for who in OUTSIDERS:
            r = api_call(proof, who, method, url, body=body, token=tokens[who], query=query)
            STATS["requests"] += 1
            assert MARK_P not in r.content.decode(errors="replace"), (
                f"{who} sees P's data from {method} {url}"
            )
            if op.writes:
                assert r.status_code in (400, 403, 404, 422), f"{who} {method} {url}: {r.status_code}"
    if op.office_only:
        for who in ("leader", "reporter"):
            _refused_api(
                proof, who, method, url, allowed=(403, 404), body=body, token=tokens[who], query=query
            )
    elif op.writes:
        _refused_api(
            proof,
            "leader",
            method,
            url,
            allowed=(400, 403, 404),
            body=body,
            token=tokens["leader"],
            query=query,
        )
    # anonymous: 401 (the summary, as the contract says: 404 to anyone outside the scope)
    _refused_api(proof, "anon", method, url, allowed=(401, 404), body=body, query=query)


def test_print_the_figures(capsys):
    with capsys.disabled():
        print(
            f"\nscope proof: {len(url_names())} URL patterns and {len(api_operations())} API operations have a rule "
            f"({len(PAGES)} page rules, {len(API)} operation rules)"
        )
