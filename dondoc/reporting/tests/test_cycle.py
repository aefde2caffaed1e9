"""The whole reporting cycle through the real actions and over HTTP, and the bad input it must refuse."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dondoc.audit.models import AuditEntry
from dondoc.reporting import actions
from dondoc.reporting.models import Evidence, Notification, Obstacle, ProgressReport, ReportItem
from dondoc.tasks.models import DeadlineExtension, Task

from .conftest import item

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def form_data(c, action="save", version=0, **per_task):
    """The report page's POST for tasks t1 and t2 (overrides per task as dicts)."""
    data = {"period": c.period.pk, "unit": "A", "version": version, "action": action, "idempotency_key": "k1"}
    for t in (c.t1, c.t2):
        values = {"state": "in_progress", "percent": "50", "done_this_period": "", "output_note": ""}
        values.update(per_task.get(t.code, {}))
        for k, v in values.items():
            data[f"t{t.pk}-{k}"] = v
    return data


def due_url(c):
    return f"/bao-cao/?period={c.period.pk}&unit=A"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_whole_cycle_over_http(cycle, django_assert_max_num_queries):
    w = cycle.world
    reporter = w.client(w.reporter)
    # given: the reporter opens "Việc cần báo cáo" — the tasks of unit A, never B's
    with django_assert_max_num_queries(40):
        page = reporter.get(due_url(cycle))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ban hành kế hoạch chuyển đổi số" in html and "Xây dựng kho dữ liệu dùng chung" in html
    assert f'name="t{cycle.t3.pk}-state"' not in html
    assert "Số hóa hồ sơ bệnh án" in html  # shown as a task A partners in, for a contribution note

    # when: the reporter saves a draft, comes back, then submits
    r = reporter.post(
        due_url(cycle),
        form_data(
            cycle,
            "save",
            0,
            **{
                "1.01": {
                    "state": "done",
                    "output_note": "Kế hoạch số 12/KH-SKHCN",
                    "completed_on": "10/06/2025",
                }
            },
        ),
    )
    assert r.status_code == 302
    report = ProgressReport.objects.get(unit=w.A, period=cycle.period)
    assert (report.status, report.version) == ("draft", 1)
    data = form_data(
        cycle,
        "submit",
        1,
        **{
            "1.01": {"state": "done", "output_note": "Kế hoạch số 12/KH-SKHCN", "completed_on": "10/06/2025"},
            "1.02": {
                "obstacles": "Thiếu kinh phí",
                "proposals": "Đề nghị bổ sung dự toán",
                "extension_until": "31/12/2025",
                "extension_reason": "Chờ kinh phí",
            },
        },
    )
    assert reporter.post(due_url(cycle), data).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_on == date(2025, 6, 16) and report.on_time
    assert Obstacle.objects.filter(
        raised_by=w.A, kind="obstacle", text="Thiếu kinh phí", task=cycle.t2
    ).exists()
    assert Obstacle.objects.filter(kind="proposal", addressed_to=w.P).count() == 1
    assert Notification.objects.filter(user=w.office, read_at=None).count() == 1

    # then: the office reviews and accepts, approving the extension
    office = w.client(w.office)
    assert "Đề nghị gia hạn" in office.get(f"/bao-cao/duyet/{report.pk}/").content.decode()
    ext_item = ReportItem.objects.get(report=report, task=cycle.t2)
    r = office.post(f"/bao-cao/duyet/{report.pk}/", {"action": "accept", "approve": [ext_item.pk]})
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted" and report.reviewed_by == w.office
    t1, t2 = Task.objects.get(pk=cycle.t1.pk), Task.objects.get(pk=cycle.t2.pk)
    assert t1.done == date(2025, 6, 10)  # the reported completion date
    assert t2.started == date(2025, 6, 14) and t2.progress == 50 and t2.done is None
    ext = DeadlineExtension.objects.get(task=t2)
    assert (ext.old_due, ext.new_due, t2.due) == (date(2025, 9, 30), date(2025, 12, 31), date(2025, 9, 30))
    actions_logged = set(
        AuditEntry.objects.filter(object_type="reporting.progressreport").values_list("action", flat=True)
    )
    assert actions_logged == {"save_draft", "submit", "accept"}
    assert AuditEntry.objects.filter(object_id=str(t1.pk), action="complete").exists()
    assert Notification.objects.filter(user=w.reporter, text__contains="đã được duyệt").exists()
    # the reporter's bell and notifications page
    assert Notification.objects.filter(user=w.reporter, read_at=None).count() == 1
    assert "đã được duyệt" in reporter.get("/bao-cao/thong-bao/").content.decode()
    assert Notification.objects.filter(user=w.reporter, read_at=None).count() == 0


def test_return_and_resubmit(cycle):
    w = cycle.world
    report = actions.save_draft(
        actions.report_for(cycle.period, w.A),
        [item(cycle.t2, state="in_progress", percent=30)],
        actor=w.reporter,
        version=0,
    )
    actions.submit_report(report, actor=w.reporter)
    office = w.client(w.office)
    r = office.post(f"/bao-cao/duyet/{report.pk}/", {"action": "return", "comment": "Bổ sung minh chứng"})
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.status == "returned" and report.review_comment == "Bổ sung minh chứng"
    assert Notification.objects.filter(user=w.reporter, text__contains="Bổ sung minh chứng").exists()
    page = w.client(w.reporter).get(due_url(cycle)).content.decode()
    assert "bị trả lại" in page and "Bổ sung minh chứng" in page
    # a return without a comment is refused, nothing changes
    report = actions.submit_report(
        actions.save_draft(
            report,
            [item(cycle.t2, state="in_progress", percent=40)],
            actor=w.reporter,
            version=report.version,
        ),
        actor=w.reporter,
    )
    assert report.status == "submitted"
    r = office.post(f"/bao-cao/duyet/{report.pk}/", {"action": "return", "comment": ""})
    report.refresh_from_db()
    assert r.status_code == 200 and report.status == "submitted"


def test_done_requires_output_or_evidence(cycle):
    w = cycle.world
    report = actions.save_draft(
        actions.report_for(cycle.period, w.A), [item(cycle.t1, state="done")], actor=w.reporter, version=0
    )
    with pytest.raises(actions.ReportingError, match="sản phẩm đầu ra hoặc minh chứng"):
        actions.submit_report(report, actor=w.reporter)
    report.refresh_from_db()
    assert report.status == "draft"
    actions.save_draft(
        report,
        [item(cycle.t1, state="done", links=("https://example.vn/qd.pdf",))],
        actor=w.reporter,
        version=report.version,
    )
    assert actions.submit_report(report, actor=w.reporter).status == "submitted"


def test_task_not_led_is_404_and_nothing_written(cycle):
    w = cycle.world
    api = w.client(w.reporter)
    url = f"/api/v1/reporting/periods/{cycle.period.pk}/reports/A"
    body = {"version": 0, "items": [{"task": cycle.t3.pk, "state": "in_progress", "percent": 10}]}
    r = api.put(url, json.dumps(body), content_type="application/json")
    assert r.status_code == 404
    assert not ProgressReport.objects.exists()
    # another unit's reporter sees nothing: the page and the API answer 404
    other = w.client(w.other)
    assert other.get(url).status_code == 404
    assert other.get(due_url(cycle)).status_code == 404
    assert "Sở Khác" in other.get("/bao-cao/").content.decode()
    assert (
        w.client(w.reporter).get(f"/api/v1/reporting/periods/{cycle.period.pk}/reports/B").status_code == 404
    )


def test_locked_period_refused_with_reason(cycle):
    w = cycle.world
    report = actions.save_draft(
        actions.report_for(cycle.period, w.A),
        [item(cycle.t2, state="in_progress")],
        actor=w.reporter,
        version=0,
    )
    actions.lock_period(cycle.period, reason="Đã chốt số liệu gửi Trung ương", actor=w.office)
    r = w.client(w.reporter).post(f"/api/v1/reporting/periods/{cycle.period.pk}/reports/A/submit")
    assert r.status_code == 400
    assert "đã khóa" in r.json()["detail"] and "Đã chốt số liệu gửi Trung ương" in r.json()["detail"]
    report.refresh_from_db()
    assert report.status == "draft" and report.submitted_at is None


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("big.pdf", PDF + b"x" * 600, "quá lớn"),
        ("virus.exe", b"MZ" + b"\x00" * 20, "không được chấp nhận"),
        ("fake.pdf", PNG, "không đúng định dạng"),
    ],
)
def test_refused_files_leave_nothing_half_saved(cycle, settings, media, name, content, message):
    settings.DONDOC_EVIDENCE_MAX_BYTES = 500
    w = cycle.world
    data = form_data(cycle, "save", 0, **{"1.02": {"done_this_period": "Đã làm"}})
    data[f"t{cycle.t2.pk}-files"] = SimpleUploadedFile(name, content)
    r = w.client(w.reporter).post(due_url(cycle), data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert (
        not ProgressReport.objects.exists()
        and not ReportItem.objects.exists()
        and not Evidence.objects.exists()
    )
    assert not media.exists() or not any(media.rglob("*.*"))


def test_accepted_file_is_stored_and_downloadable(cycle, media):
    w = cycle.world
    data = form_data(cycle, "save", 0)
    data[f"t{cycle.t2.pk}-files"] = [
        SimpleUploadedFile("bien-ban.pdf", PDF),
        SimpleUploadedFile("anh.png", PNG),
    ]
    assert w.client(w.reporter).post(due_url(cycle), data).status_code == 302
    evs = list(Evidence.objects.order_by("name"))
    assert [e.name for e in evs] == ["anh.png", "bien-ban.pdf"]
    assert w.client(w.office).get(f"/bao-cao/minh-chung/{evs[1].pk}/").status_code == 200
    assert w.client(w.other).get(f"/bao-cao/minh-chung/{evs[1].pk}/").status_code == 404


def test_version_conflict(cycle):
    w = cycle.world
    report = actions.save_draft(
        actions.report_for(cycle.period, w.A),
        [item(cycle.t2, done_this_period="Bản A")],
        actor=w.reporter,
        version=0,
    )
    actions.save_draft(report, [item(cycle.t2, done_this_period="Bản B")], actor=w.reporter, version=1)
    stale = ProgressReport.objects.get(pk=report.pk)
    with pytest.raises(actions.VersionConflict, match="Báo cáo đã được người khác cập nhật"):
        actions.save_draft(stale, [item(cycle.t2, done_this_period="Bản cũ")], actor=w.reporter, version=1)
    assert ReportItem.objects.get(report=report).done_this_period == "Bản B"
    # over HTTP: the API answers 409, the page shows the message
    url = f"/api/v1/reporting/periods/{cycle.period.pk}/reports/A"
    body = {"version": 1, "items": [{"task": cycle.t2.pk, "done_this_period": "Bản cũ"}]}
    r = w.client(w.reporter).put(url, json.dumps(body), content_type="application/json")
    assert r.status_code == 409 and "người khác cập nhật" in r.json()["detail"]
    r = w.client(w.reporter).post(due_url(cycle), form_data(cycle, "save", 1))
    assert r.status_code == 409 and "người khác cập nhật" in r.content.decode()
    assert ReportItem.objects.get(report=report).done_this_period == "Bản B"


def test_idempotent_submit_over_api(cycle):
    w = cycle.world
    api = w.client(w.reporter)
    base = f"/api/v1/reporting/periods/{cycle.period.pk}/reports/A"
    body = {"version": 0, "items": [{"task": cycle.t2.pk, "state": "in_progress", "percent": 20}]}
    assert api.put(base, json.dumps(body), content_type="application/json").json()["version"] == 1
    first = api.post(base + "/submit", HTTP_IDEMPOTENCY_KEY="abc-1")
    again = api.post(base + "/submit", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert AuditEntry.objects.filter(action="submit").count() == 1
    assert Notification.objects.filter(user=w.office).count() == 1
    third = api.post(base + "/submit", HTTP_IDEMPOTENCY_KEY="other-key")
    assert third.status_code == 400 and "đã được gửi" in third.json()["detail"]
    # the office accepts and returns through the API too
    rid = first.json()["id"]
    assert w.client(w.other).post(f"/api/v1/reporting/reports/{rid}/accept").status_code == 404
    assert w.client(w.reporter).post(f"/api/v1/reporting/reports/{rid}/accept").status_code == 404
    assert w.client(w.office).post(f"/api/v1/reporting/reports/{rid}/accept").json()["status"] == "accepted"


def test_html_shows_as_text(cycle):
    w = cycle.world
    evil = '<script>alert("x")</script><b>đậm</b>'
    report = actions.save_draft(
        actions.report_for(cycle.period, w.A),
        [item(cycle.t2, state="in_progress", done_this_period=evil, obstacles=evil)],
        actor=w.reporter,
        version=0,
    )
    actions.submit_report(report, actor=w.reporter)
    for url in (f"/bao-cao/duyet/{report.pk}/", "/bao-cao/kho-khan/"):
        html = w.client(w.office).get(url).content.decode()
        assert "&lt;script&gt;" in html and '<script>alert("x")' not in html and "<b>đậm</b>" not in html


def test_api_due_lists_periods_and_tasks(cycle):
    w = cycle.world
    data = w.client(w.reporter).get("/api/v1/reporting/due").json()
    t06 = next(d for d in data if d["period"] == "2025-T06")
    assert t06["deadline"] == "2025-06-18"
    assert {t["code"] for t in t06["tasks"]} == {"1.01", "1.02"}
    assert w.client(w.other).get("/api/v1/reporting/due").json() == []
    spec = w.client(w.admin).get("/api/v1/openapi.json").json()
    assert "/api/v1/reporting/periods/{period_id}/reports/{unit}/submit" in spec["paths"]


def test_contribution_by_partner(cycle):
    w = cycle.world
    c = w.client(w.reporter)
    assert (
        c.post(f"/bao-cao/phoi-hop/{cycle.t3.pk}/", {"note": "Đã cung cấp dữ liệu", "unit": "A"}).status_code
        == 302
    )
    assert cycle.t3.contributions.get().note == "Đã cung cấp dữ liệu"
    assert c.post(f"/bao-cao/phoi-hop/{cycle.t1.pk}/", {"note": "x", "unit": "A"}).status_code == 404


def test_obstacle_register(cycle):
    w = cycle.world
    office = w.client(w.office)
    r = office.post(
        "/bao-cao/kho-khan/",
        {
            "kind": "proposal",
            "text": "Đề nghị tập huấn",
            "raised_by": "C",
            "addressed_to": "A",
            "task_code": "",
        },
    )
    assert r.status_code == 302
    ob = Obstacle.objects.get()
    assert w.client(w.other).get(f"/bao-cao/kho-khan/{ob.pk}/").status_code == 404
    r = office.post(f"/bao-cao/kho-khan/{ob.pk}/", {"status": "resolved", "response": ""})
    ob.refresh_from_db()
    assert r.status_code == 200 and ob.status == "new"  # resolved needs an answer
    office.post(f"/bao-cao/kho-khan/{ob.pk}/", {"status": "resolved", "response": "Đã tổ chức 2 lớp"})
    ob.refresh_from_db()
    assert (ob.status, ob.response) == ("resolved", "Đã tổ chức 2 lớp") and ob.responded_on is not None
    listing = office.get("/bao-cao/kho-khan/?status=resolved").content.decode()
    assert "Đề nghị tập huấn" in listing
    assert "Đề nghị tập huấn" not in office.get("/bao-cao/kho-khan/?status=new").content.decode()
    api = w.client(w.reporter)
    r = api.post(
        "/api/v1/reporting/obstacles",
        json.dumps({"kind": "obstacle", "text": "Thiếu người", "raised_by": "A"}),
        content_type="application/json",
    )
    assert r.status_code == 201
    assert r.json()["raised_by"] == "A"
    r = api.post(
        "/api/v1/reporting/obstacles",
        json.dumps({"kind": "obstacle", "text": "x", "raised_by": "B"}),
        content_type="application/json",
    )
    assert r.status_code == 404


def test_due_page_queries_do_not_grow_with_tasks(cycle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dondoc.tasks.actions import create_task

    w = cycle.world
    c = w.client(w.reporter)
    report = actions.save_draft(
        actions.report_for(cycle.period, w.A),
        [item(cycle.t2, state="in_progress")],
        actor=w.reporter,
        version=0,
    )
    actions.submit_report(report, actor=w.reporter)
    c.get(due_url(cycle))
    with CaptureQueriesContext(connection) as before:
        c.get(due_url(cycle))
    for i in range(6):
        create_task(w.programme, code=f"9.{i}", title=f"Việc {i}", lead=w.A, due=date(2025, 12, 31))
    with CaptureQueriesContext(connection) as after:
        page = c.get(due_url(cycle))
    assert "Việc 5" in page.content.decode()
    assert len(after) == len(before)


def test_reporter_enters_indicator_values_in_the_report_form(cycle):
    """Indicator values are typed in the report form and saved with it, through the indicators app's action;
    a refused value saves nothing of the report either."""
    from dondoc.indicators.models import Indicator, Value

    world = cycle.world
    so = Indicator.objects.create(
        programme=world.programme,
        code="VBDT-SO",
        name="Tỷ lệ văn bản điện tử (sở)",
        unit_of_measure="%",
        value_kind="percentage",
        applies_to=["department"],
        period_type="quarterly",
    )
    Indicator.objects.create(
        programme=world.programme,
        code="VBDT-XA",
        name="Tỷ lệ văn bản điện tử (xã)",
        unit_of_measure="%",
        value_kind="percentage",
        applies_to=["commune"],
    )
    c = world.client(world.reporter)
    body = c.get("/bao-cao/").content.decode()
    assert "Chỉ tiêu của đơn vị" in body and "VBDT-SO" in body and "VBDT-XA" not in body
    page = c.get("/bao-cao/")
    form = {k: v for k, v in _form_defaults(page).items()}
    form[f"ind-{so.pk}"] = "150/100"  # above 100%: refused
    form["action"] = "save"
    r = c.post("/bao-cao/", form)
    assert r.status_code == 400 and "VBDT-SO" in r.content.decode()
    assert (
        not Value.objects.exists()
        and not ProgressReport.objects.filter(unit=world.A).exclude(version=0).exists()
    )
    form[f"ind-{so.pk}"] = "26.618/26.750"
    r = c.post("/bao-cao/", form)
    assert r.status_code == 302
    v = Value.objects.get(indicator=so, unit=world.A)
    assert (v.numerator, v.denominator, v.period) == (26618, 26750, "2025-Q2")


def _form_defaults(response) -> dict:
    """The report form's fields as the page renders them (inputs, selects, textareas)."""
    import re

    html = response.content.decode()
    form = html[html.index('id="report-form"') : html.index("</form>", html.index('id="report-form"'))]
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        data[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        m = re.search(r'<option value="([^"]*)"[^>]*selected', body) or re.search(
            r'<option value="([^"]*)"', body
        )
        data[name] = m.group(1) if m else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = body.strip()
    return data


def test_one_request_saves_and_sends_all_or_nothing(cycle):
    # given a reporter with two tasks, one finished without output or evidence
    w = cycle.world
    api = w.client(w.reporter)
    url = f"/api/v1/reporting/periods/{cycle.period.pk}/reports/A"
    bad = {
        "version": 0,
        "items": [
            {"task": cycle.t1.pk, "state": "done", "completed_on": "2025-06-10"},
            {"task": cycle.t2.pk, "state": "in_progress", "percent": 30, "obstacles": "Thiếu kinh phí"},
        ],
    }
    # when it is sent in one request, it is refused and nothing at all is written
    r = api.post(url, json.dumps(bad), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert r.status_code == 400 and "sản phẩm đầu ra hoặc minh chứng: 1.01" in r.json()["detail"]
    assert not ProgressReport.objects.exists() and not ReportItem.objects.exists()
    assert not Obstacle.objects.exists() and not Notification.objects.exists()
    # when the evidence link is added, it is saved and sent at once, the obstacle registered, the office told
    bad["items"][0]["links"] = ["https://vanban.example.vn/kh-cds.pdf"]
    first = api.post(url, json.dumps(bad), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 200, first.content
    body = first.json()
    assert body["status"] == "submitted" and body["version"] == 2 and body["on_time"] is True
    assert [(i["task_code"], i["state"], i["evidence"]) for i in body["items"]] == [
        ("1.01", "done", ["https://vanban.example.vn/kh-cds.pdf"]),
        ("1.02", "in_progress", []),
    ]
    report = ProgressReport.objects.get()
    assert report.status == "submitted" and report.items.count() == 2
    assert Obstacle.objects.get().text == "Thiếu kinh phí"
    assert Notification.objects.filter(user=w.office).count() == 1
    assert AuditEntry.objects.filter(action="submit", object_id=str(report.pk)).count() == 1
    # then a retry with the same key answers the same and writes nothing more
    again = api.post(url, json.dumps(bad), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 200 and again.json() == body
    assert ReportItem.objects.count() == 2 and Notification.objects.count() == 1
    # and another submission of the same period is refused
    other = api.post(url, json.dumps(bad), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert other.status_code == 400 and "đã gửi" in other.json()["detail"]


def test_one_request_sends_an_existing_draft_only_at_the_version_read(cycle):
    w = cycle.world
    api = w.client(w.reporter)
    url = f"/api/v1/reporting/periods/{cycle.period.pk}/reports/A"
    draft = {"version": 0, "items": [{"task": cycle.t2.pk, "state": "in_progress", "percent": 10}]}
    assert api.put(url, json.dumps(draft), content_type="application/json").json()["version"] == 1
    stale = {"version": 0, "items": [{"task": cycle.t2.pk, "state": "in_progress", "percent": 50}]}
    r = api.post(url, json.dumps(stale), content_type="application/json")
    assert r.status_code == 409 and ReportItem.objects.get().percent == 10
    assert ProgressReport.objects.get().status == "draft"
    fresh = {"version": 1, "items": [{"task": cycle.t2.pk, "state": "in_progress", "percent": 50}]}
    r = api.post(url, json.dumps(fresh), content_type="application/json")
    assert (
        r.status_code == 200 and r.json()["status"] == "submitted" and r.json()["items"][0]["percent"] == 50
    )
    # outside the reporter's unit: as if absent
    assert w.client(w.other).post(url, json.dumps(fresh), content_type="application/json").status_code == 404
    b_url = f"/api/v1/reporting/periods/{cycle.period.pk}/reports/B"
    task_of_b = {"version": 0, "items": [{"task": cycle.t3.pk}]}
    assert api.post(b_url, json.dumps(task_of_b), content_type="application/json").status_code == 404


def test_a_refused_send_keeps_no_file_of_its_evidence(cycle, media):
    # given a report sending a file for one task but nothing for a finished one
    w = cycle.world
    items = [
        item(cycle.t1, state="done", completed_on=date(2025, 6, 10)),
        item(cycle.t2, state="in_progress", files=(SimpleUploadedFile("bien-ban.pdf", PDF),)),
    ]
    # when it is saved and sent in one go, it is refused
    with pytest.raises(actions.ReportingError):
        actions.save_and_submit(actions.report_for(cycle.period, w.A), items, actor=w.reporter, version=0)
    # then neither the rows nor the stored file remain
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    stored = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert stored == []
