"""The attack surface and the world it is tried on: every page (by URL name) and every API operation (by method
and path) with the rule of who may reach it, and a province P full of data marked MẬT-P that no outsider may
see. Used by the scope proof and by the hostile-input tests (tests/test_scope_proof.py, tests/test_hostile.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import urlencode

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
    committee: object = None
    chair: object = None
    meeting: object = None
    pending: object = None
    doc: object = None
    doc_relation: object = None
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


def build_proof(world, settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks) -> Proof:
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
    from dondoc.committees import actions as committee_actions

    proof.committee = committee_actions.create_committee(
        w.P, f"{MARK_P} Ban Chỉ đạo tỉnh", programme=p, actor=w.office
    )
    proof.chair = committee_actions.add_member(proof.committee, w.leader, "chair", actor=w.office)
    committee_actions.add_member(proof.committee, w.reporter, "member", units=[w.A], actor=w.office)
    proof.meeting = committee_actions.create_meeting(
        proof.committee, held_on=TODAY, title=f"{MARK_P} phiên họp thứ nhất", actor=w.office
    )
    from dondoc.documents import actions as doc_actions
    from dondoc.tasks.actions import stage_import

    proof.doc = doc_actions.register_document(
        "15-KH/TU", unit=w.P, title=f"{MARK_P} kế hoạch", actor=w.office
    )
    proof.doc_relation = doc_actions.relate_documents(proof.doc, doc_actions.register_document("57-NQ/TW"))

    plan = f"Mã nhiệm vụ,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\nA.9,{MARK_P} kế hoạch,A,quý IV/2025\n"
    proof.pending = stage_import(w.office, w.P, "NQ57", "ke-hoach.csv", plan.encode())
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


def changed_tables(before: dict, after: dict) -> list[str]:
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
    "favicon": Rule("public"),
    "login": Rule("auth"),
    "otp_verify": Rule("auth"),
    "logout": Rule("auth"),
    "set_language": Rule(
        "auth"
    ),  # open to all: it only sets the language cookie (units/tests/test_language.py)
    "tasks:catalogue": Rule("list"),
    "tasks:detail": Rule("object", kw=lambda x: {"pk": x.tA.pk}),
    "tasks:create": Rule(
        "list",
        office_only=True,
        post=lambda x: {
            "programme": "NQ57",
            "code": "A.7",
            "title": "Nhiệm vụ mới",
            "lead": "A",
            "partners": ["B"],
            "due_phrase": "quý IV/2025",
        },
    ),
    "tasks:edit": Rule(
        "object",
        kw=lambda x: {"pk": x.tA.pk},
        office_only=True,
        post=lambda x: {
            "programme": "NQ57",
            "code": "A.1",
            "title": "Sửa nội dung",
            "lead": "A",
            "partners": ["B"],
            "due_phrase": "tháng 10/2025",
            "source": "366-KH/TU",
        },
    ),
    "tasks:split": Rule(
        "object",
        kw=lambda x: {"pk": x.tA.pk},
        office_only=True,
        post=lambda x: {"title": "Phần việc", "units": ["A", "B"], "due_phrase": ""},
    ),
    "tasks:complete": Rule(
        "object",
        kw=lambda x: {"pk": x.tA.pk},
        get=False,
        office_only=True,
        post=lambda x: {"done_on": "16/06/2025"},
    ),
    "tasks:reopen": Rule(
        "object",
        kw=lambda x: {"pk": x.tA.pk},
        get=False,
        office_only=True,
        post=lambda x: {"note": "Ghi nhầm"},
    ),
    # The upload itself keeps a file for its uploader alone (tasks/tests/test_office_pages.py); the kept file is
    # reached by nobody else.
    "tasks:import": Rule("list", office_only=True),
    "tasks:import_preview": Rule(
        "object", kw=lambda x: {"pk": x.pending.pk}, office_only=True, post=lambda x: {"action": "confirm"}
    ),
    "tasks:extend": Rule(
        "object",
        kw=lambda x: {"pk": x.tA.pk},
        get=False,
        office_only=True,
        post=lambda x: {"new_due": "31/12/2025", "granted_on": "16/06/2025", "reason": "Thiếu kinh phí"},
    ),
    "documents:list": Rule("list", office_only=True),
    "documents:create": Rule(
        "list", office_only=True, post=lambda x: {"symbol": "20-KH/TU", "unit": "P", "title": "Kế hoạch"}
    ),
    "documents:detail": Rule(
        "object",
        kw=lambda x: {"pk": x.doc.pk},
        office_only=True,
        post=lambda x: {
            "symbol": "15-KH/TU",
            "unit": "P",
            "title": "Sửa trích yếu",
            "issued_on": "16/06/2025",
        },
    ),
    "documents:relate": Rule(
        "object",
        kw=lambda x: {"pk": x.doc.pk},
        get=False,
        office_only=True,
        post=lambda x: {"kind": "amends", "target": "13-KH/TU"},
    ),
    "documents:unrelate": Rule(
        "object",
        kw=lambda x: {"pk": x.doc.pk, "rid": x.doc_relation.pk},
        get=False,
        office_only=True,
        post=lambda x: {},
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
    "units:office": Rule("list", office_only=True),
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
    "reporting:schedules": Rule(
        "list",
        office_only=True,
        post=lambda x: {
            "programme": "NQ57",
            "name": "Báo cáo quý",
            "period_type": "quarterly",
            "owner": "P",
            "unit_kinds": ["department"],
            "deadline_offset": 3,
            "starts_on": "15/03/2025",
        },
    ),
    "reporting:schedule": Rule(
        "object",
        kw=lambda x: {"pk": x.period.schedule_id},
        office_only=True,
        post=lambda x: {"name": "Báo cáo tháng (sửa)", "unit_kinds": ["commune"], "deadline_offset": 5},
    ),
    "reporting:period_lock": Rule(
        "object",
        kw=lambda x: {"pk": x.period.pk},
        get=False,
        office_only=True,
        post=lambda x: {"action": "lock", "reason": "Đã tổng hợp gửi Trung ương"},
    ),
    "indicators:list": Rule("list"),
    "indicators:detail": Rule("object", kw=lambda x: {"pk": x.indicator.pk}, query=lambda x: {"unit": "P"}),
    "indicators:unit": Rule("object", kw=lambda x: {"code": "P"}),
    "indicators:create": Rule(
        "list",
        office_only=True,
        post=lambda x: {
            "programme": "NQ57",
            "owner": "P",
            "code": "P-CKS",
            "name": "Tỷ lệ văn bản ký số",
            "value_kind": "percentage",
            "direction": "higher_better",
            "period_type": "quarterly",
            "rollup": "mean",
            "applies_to": ["department"],
        },
    ),
    "indicators:edit": Rule(
        "object",
        kw=lambda x: {"pk": x.indicator.pk},
        office_only=True,
        post=lambda x: {"action": "target", "year": 2025, "value": "95", "unit": ""},
    ),
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
    "dashboards:risks": Rule("list", query=lambda x: {"unit": "P"}),
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
    "exports:meeting_brief": Rule("object", kw=lambda x: {"pk": x.meeting.pk}, reader_only=True),
    "exchange:received": Rule("list", office_only=True),
    "committees:home": Rule("list"),
    "committees:create": Rule(
        "list", office_only=True, post=lambda x: {"unit": "P", "name": "Ban Chỉ đạo mới"}
    ),
    "committees:detail": Rule("object", kw=lambda x: {"pk": x.committee.pk}, reader_only=True),
    "committees:edit": Rule(
        "object", kw=lambda x: {"pk": x.committee.pk}, office_only=True, post=lambda x: {"name": "Đổi tên"}
    ),
    "committees:mine": Rule("object", kw=lambda x: {"pk": x.committee.pk}),
    "committees:member_add": Rule(
        "object",
        kw=lambda x: {"pk": x.committee.pk},
        office_only=True,
        post=lambda x: {"user": x.w.office.pk, "role": "secretariat"},
    ),
    "committees:member": Rule(
        "object", kw=lambda x: {"pk": x.committee.pk, "mid": x.chair.pk}, reader_only=True
    ),
    "committees:member_edit": Rule(
        "object",
        kw=lambda x: {"pk": x.committee.pk, "mid": x.chair.pk},
        office_only=True,
        post=lambda x: {"role": "vice_chair"},
    ),
    "committees:member_remove": Rule(
        "object",
        kw=lambda x: {"pk": x.committee.pk, "mid": x.chair.pk},
        get=False,
        office_only=True,
        post=lambda x: {},
    ),
    "committees:meeting_add": Rule(
        "object",
        kw=lambda x: {"pk": x.committee.pk},
        office_only=True,
        post=lambda x: {"number": 9, "held_on": "16/06/2025", "title": "Phiên họp"},
    ),
    "committees:draft": Rule(
        "object",
        kw=lambda x: {"pk": x.committee.pk},
        office_only=True,
        post=lambda x: {
            "step": "read",
            "text": "Sở Y tế chủ trì hoàn thành trong tháng 9/2025.",
            "programme": "NQ57",
        },
    ),
    "committees:meeting": Rule("object", kw=lambda x: {"pk": x.meeting.pk}, reader_only=True),
    "committees:meeting_edit": Rule(
        "object",
        kw=lambda x: {"pk": x.meeting.pk},
        office_only=True,
        post=lambda x: {"number": 1, "held_on": "16/06/2025", "title": "Sửa"},
    ),
    "committees:conclusion": Rule(
        "object",
        kw=lambda x: {"pk": x.meeting.pk},
        office_only=True,
        post=lambda x: {
            "step": "read",
            "text": "Sở Y tế chủ trì hoàn thành trong tháng 9/2025.",
            "programme": "NQ57",
        },
    ),
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


NOT_FOUND = "(404)"


def pages_for(proof, who: str) -> list[tuple[str, str]]:
    """(URL name, URL) of every page `who` (office, leader, reporter of P, or public) may open with a GET, as the
    rules above say, and a missing page (the error page). Used by the link crawl and the accessibility test."""
    out = []
    for name in sorted(set(url_names()) & set(PAGES)):
        rule = PAGES[name]
        if not rule.get:
            continue
        if who == "public":
            if rule.kind != "public" and name != "login":
                continue
        elif rule.kind == "auth":
            continue
        elif who in ("leader", "reporter") and rule.office_only:
            continue
        elif who == "reporter" and rule.reader_only:
            continue
        url = reverse(name, kwargs=rule.kw(proof))
        q = rule.query(proof)
        out.append((name, url + ("?" + urlencode(q) if q else "")))
    return out + [(NOT_FOUND, "/khong-co-trang-nay/")]  # the error page too


def api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [(m.upper(), path) for path, ops in schema["paths"].items() for m in ops]


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
    ("GET", "/api/v1/risks"): Op("object", query=lambda x: {"unit": "P", "programme": "NQ57"}),
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
    # A package names its sender inside; an outsider's or a malformed one is refused before anything is read.
    ("POST", "/api/v1/packages"): Op(
        "list", body=lambda x: {"payload": {"sender": {"code": "P"}}}, writes=True
    ),
}


def token_for(proof, who: str) -> str:
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


def api_call(proof, who, method, url, *, body=None, token=None, query=None):
    c = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "GET":
        return c.get(url, query or {}, **headers)
    from urllib.parse import urlencode

    if query:
        url += "?" + urlencode(query)
    return c.generic(method, url, json.dumps(body or {}), content_type="application/json", **headers)
