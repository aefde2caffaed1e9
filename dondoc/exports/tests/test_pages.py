"""The exports page, its scope (outside answers 404, nothing made), downloads, settings, the API."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from dondoc.audit.models import AuditEntry
from dondoc.exports import actions
from dondoc.exports.models import GeneratedFile, ReportSettings
from dondoc.units.scope import Scope

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "dinh_ky",
    "fmt": "docx",
    "unit": "P",
    "programme": "NQ57",
    "as_of": "30/09/2025",
    "period": "quy",
}


def test_office_makes_a_report_and_downloads_it(world, catalogue):
    c = world.client(world.office)
    r = c.post(reverse("exports:generate"), FORM)
    assert r.status_code == 302
    gf = GeneratedFile.objects.get()
    assert (gf.status, gf.progress, gf.unit, gf.created_by) == ("done", 100, world.P, world.office)
    assert AuditEntry.objects.filter(object_type="exports.generatedfile", object_id=str(gf.pk)).exists()
    page = c.get(reverse("exports:list"))
    assert (
        "30/09/2025" in page.content.decode()
        and reverse("exports:download", args=[gf.pk]) in page.content.decode()
    )
    r = c.get(reverse("exports:download", args=[gf.pk]))
    assert r.status_code == 200
    data = b"".join(r.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert "bao-cao-dinh-ky-P-NQ57-20250930.docx" in r["Content-Disposition"]


@pytest.mark.parametrize("who", ["other", "reporter", "leader"])
def test_outside_the_office_scope_nothing_is_made(world, catalogue, who):
    c = world.client(getattr(world, who))
    assert c.post(reverse("exports:generate"), FORM).status_code == 404
    assert c.get(reverse("exports:list")).status_code == 404
    assert not GeneratedFile.objects.exists()


def test_office_of_another_province_gets_404_for_p(world, catalogue):
    from conftest import make_user
    from dondoc.units.models import Membership

    office_o = make_user("office_o", Membership.Role.OFFICE, world.O)
    c = world.client(office_o)
    assert c.post(reverse("exports:generate"), FORM).status_code == 404
    assert c.post(reverse("exports:settings"), {"settings_unit": "P", "issuing_body": "X"}).status_code == 404
    assert not GeneratedFile.objects.exists() and not ReportSettings.objects.exists()
    # A file of P, made by P's office, is invisible to O's office.
    gf = actions.generate_report(
        actor=world.office,
        scope=Scope.for_user(world.office),
        kind="qua_han",
        fmt="docx",
        unit=world.P,
        programme=world.programme,
        as_of=date(2025, 9, 30),
    )
    assert c.get(reverse("exports:download", args=[gf.pk])).status_code == 404
    assert c.get(reverse("exports:row", args=[gf.pk])).status_code == 404
    assert world.client(world.other).get(f"/api/v1/exports/{gf.pk}").status_code == 404
    r = world.client(world.other).post(
        "/api/v1/exports", {"unit": "P", "programme": "NQ57"}, content_type="application/json"
    )
    assert r.status_code == 404
    assert GeneratedFile.objects.count() == 1


def test_api_makes_a_file(world, catalogue):
    c = world.client(world.office)
    r = c.post(
        "/api/v1/exports",
        {"unit": "P", "programme": "NQ57", "as_of": "2025-09-30", "kind": "overdue", "format": "xlsx"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "done" and body["kind"] == "qua_han" and body["download_url"]
    assert [f["id"] for f in c.get("/api/v1/exports").json()] == [body["id"]]
    bad = c.post(
        "/api/v1/exports",
        {"unit": "P", "programme": "NQ57", "kind": "nonsense"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "không hợp lệ" in bad.json()["detail"]


def test_list_page_query_count_is_bounded(world, catalogue, django_assert_max_num_queries):
    for kind in ("dinh_ky", "qua_han", "don_doc"):
        actions.generate_report(
            actor=world.office,
            scope=Scope.for_user(world.office),
            kind=kind,
            fmt="docx",
            unit=world.P,
            programme=world.programme,
            as_of=date(2025, 9, 30),
        )
    c = world.client(world.office)
    with django_assert_max_num_queries(12):
        r = c.get(reverse("exports:list"))
    assert r.status_code == 200
    assert r.content.decode().count("Tải về") == 3


def test_pdf_unavailable_is_said_and_refused(world, catalogue, monkeypatch):
    monkeypatch.setattr("dondoc.exports.pdf.soffice", lambda: None)
    c = world.client(world.office)
    page = c.get(reverse("exports:list")).content.decode()
    assert "PDF không khả dụng" in page
    r = c.post(reverse("exports:generate"), {**FORM, "fmt": "pdf"})
    assert r.status_code == 200 and "PDF không khả dụng" in r.content.decode()
    assert not GeneratedFile.objects.exists()
    # DOCX still works.
    assert c.post(reverse("exports:generate"), FORM).status_code == 302
    assert GeneratedFile.objects.get().status == "done"


def test_office_saves_settings_with_history(world):
    c = world.client(world.office)
    page = c.get(reverse("exports:list")).content.decode()
    assert 'value="Tỉnh Thử Nghiệm"' in page  # defaults from the unit's name
    data = {
        "settings_unit": "P",
        "layout": "party",
        "parent_body": "ĐẢNG BỘ TỈNH THỬ NGHIỆM",
        "issuing_body": "TỈNH ỦY",
        "sender": "Ban Thường vụ Tỉnh ủy",
        "number_code": "TU",
        "place": "Quảng Ngãi",
        "signer_authority": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ",
        "signer_name": "Nguyễn Văn A",
        "addressees": "",
        "recipients": "Văn phòng Trung ương Đảng\nLưu Văn phòng Tỉnh ủy",
    }
    assert c.post(reverse("exports:settings"), data).status_code == 302
    rs = ReportSettings.objects.get(unit=world.P)
    assert rs.layout == "party" and rs.recipient_lines == [
        "Văn phòng Trung ương Đảng",
        "Lưu Văn phòng Tỉnh ủy",
    ]
    entry = AuditEntry.objects.get(object_type="exports.reportsettings")
    assert entry.actor == world.office and entry.changes["layout"] == [None, "party"]
    # A required field missing: nothing changes.
    r = c.post(reverse("exports:settings"), {**data, "signer_title": "", "layout": "state"})
    assert r.status_code == 200
    rs.refresh_from_db()
    assert rs.layout == "party"


def test_a_queued_file_row_polls_its_progress(world):
    gf = GeneratedFile.objects.create(
        kind="dinh_ky",
        format="docx",
        unit=world.P,
        programme=world.programme,
        as_of=date(2025, 9, 30),
        created_by=world.office,
        status="running",
        progress=40,
    )
    c = world.client(world.office)
    row = c.get(reverse("exports:row", args=[gf.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in row and 'value="40"' in row and "Đang tạo" in row
    assert c.get(reverse("exports:download", args=[gf.pk])).status_code == 404  # not ready yet
    GeneratedFile.objects.filter(pk=gf.pk).update(status="done", progress=100, file="exports/x.docx")
    row = c.get(reverse("exports:row", args=[gf.pk])).content.decode()
    assert "hx-trigger" not in row and "Tải về" in row


@pytest.mark.browser
def test_office_makes_a_report_in_the_browser(world, catalogue, browser_page, transactional_db):
    from conftest import login, screenshot

    page = browser_page
    login(page, "office")
    page.goto(page.base_url + reverse("exports:list"))
    page.select_option("#id_kind", "qua_han")
    page.fill("#id_as_of", "2025-09-30")
    page.click("form[action$='tao/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Đã tạo tệp: Danh mục nhiệm vụ quá hạn" in page.content()
    with page.expect_download() as dl:
        page.click("text=Tải về")
    assert dl.value.suggested_filename == "nhiem-vu-qua-han-P-NQ57-20250930.docx"
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "exports-list-360")
