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

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import make_user
from dondoc.api.api import api
from dondoc.units.models import Membership

MARK_P = "MẬT-P"  # in every title of P's data: must never show to an outsider
TODAY = date(2025, 6, 16)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

# Tables a refused request may still touch: the session itself, the sign-in history, kept counts (a cache).
VOLATILE = {"sessions.session", "units.signinevent", "tasks.statussnapshot"}


# ---- the world of the proof ----------------------------------------------------------------------------------
@dataclass
class Proof:
    w: object
    office_o: object
    reporter_b: object
    tA: object
    tB: object
    tX: object
    period: object
    report_a: object
    report_b: object
    evidence: object
    obstacle: object
    indicator: object
    view_leader: object
    view_office: object
    gfile: object
    pub_p: object
    token: object
    clients: dict = field(default_factory=dict)

    def client(self, who: str) -> Client:
        if who not in self.clients:
            user = {
                "office": self.w.office,
                "leader": self.w.leader,
                "reporter": self.w.reporter,
                "other": self.w.other,
                "office_o": self.office_o,
                "reporter_b": self.reporter_b,
                "anon": None,
            }[who]
            self.clients[who] = self.w.client(user)
        return self.clients[who]


@pytest.fixture
def proof(world, settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks) -> Proof:
    from dondoc.dashboards import actions as dash_actions
    from dondoc.dashboards.selectors import Params
    from dondoc.exports import actions as export_actions
    from dondoc.indicators import actions as ind_actions
    from dondoc.indicators.models import Indicator, PeriodType
    from dondoc.portal import actions as portal_actions
    from dondoc.reporting import actions as rep_actions
    from dondoc.reporting import clock
    from dondoc.reporting.models import Evidence, Period, Schedule
    from dondoc.tasks import status
    from dondoc.tasks.actions import create_task
    from dondoc.units.actions import issue_token
    from dondoc.units.models import ApiToken, Unit
    from dondoc.units.scope import Scope

    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(status, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "now", lambda: timezone.make_aware(datetime.combine(TODAY, time(10))))
    w = world
    office_o = make_user("office_o", Membership.Role.OFFICE, w.O, is_staff=True)
    reporter_b = make_user("reporter_b", Membership.Role.REPORTER, w.B)
    p = w.programme
    tA = create_task(
        p, code="A.1", title=f"{MARK_P} số hóa hồ sơ", lead=w.A, due=date(2025, 9, 30), partners=[w.B]
    )
    tB = create_task(p, code="B.1", title=f"{MARK_P} y tế số", lead=w.B, due=date(2025, 9, 30))
    tX = create_task(p, code="X.1", title="MẬT-O việc tỉnh khác", lead=w.X, due=date(2025, 9, 30))
    sched = Schedule.objects.create(
        programme=p,
        name="Báo cáo tháng",
        period_type="monthly",
        owner=w.P,
        unit_kinds="department,commune",
        deadline_offset=3,
        starts_on=date(2025, 4, 15),
    )
    rep_actions.ensure_periods(sched, TODAY)
    period = Period.objects.get(schedule=sched, code="2025-T06")
    file = SimpleUploadedFile("minh-chung.png", PNG, content_type="image/png")
    item = rep_actions.ItemInput(task_id=tA.pk, state="in_progress", percent=40, files=(file,))
    report_a = rep_actions.save_draft(
        rep_actions.report_for(period, w.A), [item], actor=w.reporter, version=0
    )
    report_a = rep_actions.submit_report(report_a, actor=w.reporter)
    report_b = rep_actions.save_draft(
        rep_actions.report_for(period, w.B),
        [rep_actions.ItemInput(task_id=tB.pk, state="not_started")],
        actor=reporter_b,
        version=0,
    )
    evidence = Evidence.objects.get(item__report=report_a)
    obstacle = rep_actions.raise_obstacle(
        programme=p,
        kind="obstacle",
        text=f"{MARK_P} thiếu kinh phí",
        raised_by=w.A,
        actor=w.reporter,
        task=tA,
    )
    indicator = ind_actions.create_indicator(
        p,
        owner=w.P,
        code="P-VBDT",
        name=f"{MARK_P} tỷ lệ văn bản điện tử",
        value_kind=Indicator.Kind.PERCENTAGE,
        applies_to=[Unit.Kind.DEPARTMENT],
        period_type=PeriodType.QUARTERLY,
    )
    ind_actions.record_value(
        indicator, w.A, "2025-Q2", "88,5", actor=w.reporter, scope=Scope.for_user(w.reporter)
    )
    view_leader = dash_actions.save_view(
        w.leader, f"{MARK_P} bảng lãnh đạo", Params(unit=w.P, programme=p), shared_with_unit=True
    )
    view_office = dash_actions.save_view(w.office, f"{MARK_P} bảng văn phòng", Params(unit=w.P, programme=p))
    with django_capture_on_commit_callbacks(execute=True):
        gfile = export_actions.generate_report(
            actor=w.office,
            scope=Scope.for_user(w.office),
            kind="danh_muc",
            fmt="xlsx",
            unit=w.P,
            programme=p,
            as_of=TODAY,
            background=False,
        )
    pub_p = portal_actions.publish(p, w.P, actor=w.office, title=f"{MARK_P} trang công khai")
    issue_token(w.office, name="máy chủ")
    token = ApiToken.objects.get(user=w.office)
    proof = Proof(
        w,
        office_o,
        reporter_b,
        tA,
        tB,
        tX,
        period,
        report_a,
        report_b,
        evidence,
        obstacle,
        indicator,
        view_leader,
        view_office,
        gfile,
        pub_p,
        token,
    )
    for who in ("office", "leader", "reporter", "other", "office_o", "reporter_b", "anon"):
        proof.client(who)  # signed in before any fingerprint is taken (a sign-in writes last_login)
    return proof


def fingerprint() -> dict[str, str]:
    """A digest of every row of each table (but the volatile ones): equal before and after = nothing changed."""
    out = {}
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label_lower):
        if model._meta.label_lower in VOLATILE or model._meta.proxy:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        out[model._meta.label_lower] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before if before[k] != after.get(k))


# ---- the rules -----------------------------------------------------------------------------------------------
OUTSIDERS = ("other", "office_o")
REFUSED = (403, 404)


@dataclass
class Rule:
    """How a URL is reached and what each outsider and role without the right must get.

    kind: "object" (a URL naming one of P's objects), "list" (no object: outsiders see only their own),
          "own" (the user's own account), "public" (open to all), "auth" (signing in and out).
    kw: the URL's arguments, naming P's objects. post: form data of a well-formed write (None: no POST).
    office_only: P's leader and reporter are refused too (GET and POST).
    reader_only: leaders may read (GET) but P's reporter may not.
    office_writes: P's leader and reporter may read it, only the office writes (POST).
    """

    kind: str
    kw: Callable[[Proof], dict] = lambda x: {}
    post: Callable[[Proof], dict] | None = None
    get: bool = True
    office_only: bool = False
    reader_only: bool = False
    office_writes: bool = False
    query: Callable[[Proof], dict] = lambda x: {}


PAGES: dict[str, Rule] = {
    "home": Rule("list"),
    "login": Rule("auth"),
    "otp_verify": Rule("auth"),
    "logout": Rule("auth"),
    "tasks:catalogue": Rule("list"),
    "tasks:detail": Rule("object", kw=lambda x: {"pk": x.tA.pk}),
    "tasks:extend": Rule(
        "object",
        kw=lambda x: {"pk": x.tA.pk},
        get=False,
        office_only=True,
        post=lambda x: {"new_due": "31/12/2025", "granted_on": "16/06/2025", "reason": "Thiếu kinh phí"},
    ),
    "units:profile": Rule("own"),
    "units:token_create": Rule("own", get=False, post=lambda x: {"name": "x"}),
    "units:token_revoke": Rule(
        "object", kw=lambda x: {"pk": x.token.pk}, get=False, post=lambda x: {}, office_only=True
    ),
    "units:password_change": Rule("own"),
    "units:otp_setup": Rule("own"),
    "units:otp_qr": Rule("own", get=False),
    "units:otp_disable": Rule("own", get=False),
    "units:history": Rule("object", kw=lambda x: {"code": "P"}, reader_only=True),
    "unit": Rule("object", kw=lambda x: {"code": "P"}, reader_only=True),
    "reporting:due": Rule(
        "list",
        post=lambda x: {
            "unit": "A",
            "period": x.period.pk,
            "version": x.report_a.version,
            f"t{x.tA.pk}-state": "done",
            f"t{x.tA.pk}-percent": "100",
            f"t{x.tA.pk}-output_note": "Xong",
            "action": "submit",
        },
    ),
    "reporting:contribute": Rule(
        "object",
        kw=lambda x: {"task_id": x.tA.pk},
        get=False,
        post=lambda x: {"unit": "B", "note": "Đã phối hợp"},
        office_only=True,
    ),
    "reporting:review": Rule("list", office_only=True),
    "reporting:review_report": Rule(
        "object", kw=lambda x: {"pk": x.report_a.pk}, office_only=True, post=lambda x: {"action": "accept"}
    ),
    "reporting:evidence": Rule("object", kw=lambda x: {"pk": x.evidence.pk}),
    "reporting:grid": Rule("list", query=lambda x: {"unit": "P"}),
    "reporting:obstacles": Rule(
        "list",
        post=lambda x: {
            "kind": "obstacle",
            "text": "Khó khăn mới",
            "raised_by": "A",
            "addressed_to": "P",
            "task_code": "",
        },
    ),
    "reporting:obstacle": Rule(
        "object",
        kw=lambda x: {"pk": x.obstacle.pk},
        post=lambda x: {"status": "resolved", "response": "Đã bố trí kinh phí"},
        office_writes=True,
    ),
    "reporting:notifications": Rule("own"),
    "indicators:list": Rule("list"),
    "indicators:detail": Rule("object", kw=lambda x: {"pk": x.indicator.pk}, query=lambda x: {"unit": "P"}),
    "indicators:unit": Rule("object", kw=lambda x: {"code": "P"}),
    "indicators:enter": Rule(
        "list",
        post=lambda x: {"indicator": x.indicator.pk, "unit": "A", "period": "2025-Q2", "value": "10"},
    ),
    "indicators:extract": Rule(
        "list", office_only=True, post=lambda x: {"text": f"{MARK_P} đạt 90%", "unit": "P"}
    ),
    "dashboards:home": Rule("list", query=lambda x: {"unit": "P"}),
    "dashboards:views": Rule("own"),
    "dashboards:save": Rule("own", get=False, post=lambda x: {"name": "Bảng của tôi", "unit": "P"}),
    "dashboards:view": Rule("object", kw=lambda x: {"pk": x.view_leader.pk}),
    "dashboards:flags": Rule(
        "object",
        kw=lambda x: {"pk": x.view_office.pk},
        get=False,
        post=lambda x: {"what": "pinned"},
        office_only=True,
    ),
    "dashboards:delete": Rule(
        "object", kw=lambda x: {"pk": x.view_office.pk}, get=False, post=lambda x: {}, office_only=True
    ),
    "dashboards:ranking": Rule("list", query=lambda x: {"unit": "P"}),
    "dashboards:weights": Rule(
        "list",
        get=False,
        office_only=True,
        post=lambda x: {"unit": "P", "programme": "NQ57", "on_time": 50, "overdue": 30, "timeliness": 20},
    ),
    "exports:list": Rule("list", office_only=True),
    "exports:generate": Rule(
        "list",
        get=False,
        office_only=True,
        post=lambda x: {
            "kind": "danh_muc",
            "fmt": "xlsx",
            "unit": "P",
            "programme": "NQ57",
            "as_of": "16/06/2025",
            "period": "quy",
        },
    ),
    "exports:settings": Rule(
        "list", get=False, office_only=True, post=lambda x: {"settings_unit": "P", "layout": "party"}
    ),
    "exports:row": Rule("object", kw=lambda x: {"pk": x.gfile.pk}, office_only=True),
    "exports:download": Rule("object", kw=lambda x: {"pk": x.gfile.pk}, office_only=True),
    "portal:index": Rule("public"),
    "portal:manage": Rule("list", office_only=True),
    "portal:publish": Rule(
        "list", get=False, office_only=True, post=lambda x: {"unit": "P", "programme": "NQ57", "title": "Sửa"}
    ),
    "portal:withdraw": Rule(
        "object", kw=lambda x: {"pk": x.pub_p.pk}, get=False, post=lambda x: {}, office_only=True
    ),
    "portal:page": Rule("public", kw=lambda x: {"programme": "NQ57", "unit": "P"}),
}


def _walk(patterns, prefix="", ns=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            pattern = prefix + str(p.pattern)
            if pattern.startswith(("admin/", "api/")):
                continue
            yield from _walk(p.url_patterns, pattern, p.namespace or ns)
        elif isinstance(p, URLPattern):
            yield (f"{ns}:{p.name}" if ns else p.name), prefix + str(p.pattern)


def url_names() -> dict[str, str]:
    return dict(_walk(get_resolver().url_patterns))


def api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [(m.upper(), path) for path, ops in schema["paths"].items() for m in ops]


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
    changed = _changed(before, fingerprint())
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
        body = r.content.decode()
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

    token = _token(proof, "reporter")
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
    _refused(proof, "reporter_b", "PUT", url, allowed=(404,), body=body, token=_token(proof, "reporter_b"))


# ---- the API -------------------------------------------------------------------------------------------------
@dataclass
class Op:
    """An API operation: its path arguments naming P's objects, a well-formed body, and who else is refused."""

    kind: str  # "object" | "list" | "public"
    path: Callable[[Proof], dict] = lambda x: {}
    body: Callable[[Proof], dict] | None = None
    query: Callable[[Proof], dict] = lambda x: {}
    office_only: bool = False
    writes: bool = False


API: dict[tuple[str, str], Op] = {
    ("GET", "/api/v1/summary"): Op("object", query=lambda x: {"unit": "P", "programme": "NQ57"}),
    ("GET", "/api/v1/tasks"): Op("list"),
    ("GET", "/api/v1/tasks/{task_id}"): Op("object", path=lambda x: {"task_id": x.tA.pk}),
    ("GET", "/api/v1/units"): Op("list"),
    ("GET", "/api/v1/reporting/due"): Op("list"),
    ("GET", "/api/v1/reporting/periods/{period_id}/reports/{unit}"): Op(
        "object", path=lambda x: {"period_id": x.period.pk, "unit": "A"}
    ),
    ("PUT", "/api/v1/reporting/periods/{period_id}/reports/{unit}"): Op(
        "object",
        path=lambda x: {"period_id": x.period.pk, "unit": "B"},
        body=lambda x: {
            "version": x.report_b.version,
            "items": [{"task": x.tB.pk, "state": "in_progress", "percent": 30}],
        },
        writes=True,
    ),
    ("POST", "/api/v1/reporting/periods/{period_id}/reports/{unit}"): Op(
        "object",
        path=lambda x: {"period_id": x.period.pk, "unit": "B"},
        body=lambda x: {
            "version": x.report_b.version,
            "items": [{"task": x.tB.pk, "state": "in_progress", "percent": 30}],
        },
        writes=True,
    ),
    ("POST", "/api/v1/reporting/periods/{period_id}/reports/{unit}/submit"): Op(
        "object", path=lambda x: {"period_id": x.period.pk, "unit": "B"}, body=lambda x: {}, writes=True
    ),
    ("POST", "/api/v1/reporting/reports/{report_id}/accept"): Op(
        "object",
        path=lambda x: {"report_id": x.report_a.pk},
        body=lambda x: {},
        office_only=True,
        writes=True,
    ),
    ("POST", "/api/v1/reporting/reports/{report_id}/return"): Op(
        "object",
        path=lambda x: {"report_id": x.report_a.pk},
        body=lambda x: {"comment": "Bổ sung"},
        office_only=True,
        writes=True,
    ),
    ("GET", "/api/v1/reporting/obstacles"): Op("list"),
    ("POST", "/api/v1/reporting/obstacles"): Op(
        "list",
        body=lambda x: {
            "programme": "NQ57",
            "kind": "obstacle",
            "text": "Khó khăn",
            "raised_by": "A",
            "addressed_to": "P",
        },
        writes=True,
    ),
    ("GET", "/api/v1/reporting/completeness"): Op(
        "object", query=lambda x: {"unit": "P", "programme": "NQ57"}
    ),
    ("GET", "/api/v1/indicators"): Op("list"),
    ("GET", "/api/v1/indicators/{indicator_id}"): Op(
        "object", path=lambda x: {"indicator_id": x.indicator.pk}, query=lambda x: {"unit": "P"}
    ),
    ("POST", "/api/v1/indicators/{indicator_id}/values"): Op(
        "object",
        path=lambda x: {"indicator_id": x.indicator.pk},
        body=lambda x: {"unit": "A", "period": "2025-Q2", "value": "12"},
        writes=True,
    ),
    # Reading figures out of a text writes nothing: any signed-in user may.
    ("POST", "/api/v1/figures/extract"): Op("list", body=lambda x: {"text": "Đạt 95%", "unit": "P"}),
    ("GET", "/api/v1/dashboard"): Op("object", query=lambda x: {"unit": "P", "programme": "NQ57"}),
    ("GET", "/api/v1/ranking"): Op("object", query=lambda x: {"unit": "P", "programme": "NQ57"}),
    ("GET", "/api/v1/exports"): Op("list"),  # the files of the caller's scope; none for a non-office
    ("POST", "/api/v1/exports"): Op(
        "list",
        body=lambda x: {
            "kind": "danh_muc",
            "format": "xlsx",
            "unit": "P",
            "programme": "NQ57",
            "as_of": "2025-06-16",
        },
        office_only=True,
        writes=True,
    ),
    ("GET", "/api/v1/exports/{file_id}"): Op(
        "object", path=lambda x: {"file_id": x.gfile.pk}, office_only=True
    ),
}


def _token(proof, who: str) -> str:
    from dondoc.units.actions import issue_token

    user = {
        "office": proof.w.office,
        "leader": proof.w.leader,
        "reporter": proof.w.reporter,
        "other": proof.w.other,
        "office_o": proof.office_o,
        "reporter_b": proof.reporter_b,
    }[who]
    raw = issue_token(user)
    Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw}")  # its first use notes last_used_at
    return raw


def _api(proof, who, method, url, *, body=None, token=None, query=None):
    c = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "GET":
        return c.get(url, query or {}, **headers)
    from urllib.parse import urlencode

    if query:
        url += "?" + urlencode(query)
    return c.generic(method, url, json.dumps(body or {}), content_type="application/json", **headers)


def _refused_api(proof, who, method, url, *, allowed, body=None, token=None, query=None):
    before = fingerprint()
    r = _api(proof, who, method, url, body=body, token=token, query=query)
    STATS["requests"] += 1
    assert r.status_code in allowed, f"{who} {method} {url}: {r.status_code} {r.content[:200]!r}"
    changed = _changed(before, fingerprint())
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
    tokens = {who: _token(proof, who) for who in ("other", "office_o", "leader", "reporter")}
    if op.kind == "object":
        for who in OUTSIDERS:
            _refused_api(proof, who, method, url, allowed=(404,), body=body, token=tokens[who], query=query)
    else:
        for who in OUTSIDERS:
            r = _api(proof, who, method, url, body=body, token=tokens[who], query=query)
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
