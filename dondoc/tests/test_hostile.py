"""Hostile input breaks nothing: every page's query string and every form fuzzed (dates at the edges of the
calendar, empty, huge, NUL bytes, wrong types) answer a clear 4xx or a form message, never a 500; `<script>` in
every text field shows escaped on every page; uploads are judged by their content and size, archive bombs and
huge or malformed sheets are refused with nothing written; no export ever holds a formula; the request rate of
the sign-in and the API is bounded. The counts of what was tried are printed (`-s`)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dondoc.audit.models import AuditEntry
from dondoc.tasks.models import Task

from .surface import PAGES, Rule

TRIED = {"query": 0, "form": 0, "pages_escaped": 0}

HOSTILE = [
    "",
    " ",
    "01/01/0001",
    "31/12/9999",
    "0001-01-01",
    "9999-12-31",
    "31/02/2025",
    "29/02/2023",
    "00/00/0000",
    "2025-13-45",
    "-1",
    "0",
    "99999999999999999999999",
    "1e400",
    "NaN",
    "abc",
    "１２３",  # full-width digits
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "x" * 5000,
    "\u202e\u200b",
]
QUERY_NAMES = [
    "as_of",
    "due_by",
    "compare",
    "unit",
    "programme",
    "page",
    "trang",
    "status",
    "q",
    "group",
    "sort",
    "period",
    "start",
    "end",
    "kind",
    "action",
    "object_type",
    "actor",
    "only_unit",
    "xuat",
    "chosen",
    "view",
]


def _get_rules():
    return [(n, r) for n, r in sorted(PAGES.items()) if r.get and r.kind not in ("auth",)]


def _post_rules():
    return [(n, r) for n, r in sorted(PAGES.items()) if r.post is not None]


@pytest.mark.parametrize("name", [n for n, _ in _get_rules()])
def test_query_strings_never_break_a_page(proof, name):
    rule: Rule = PAGES[name]
    base = reverse(name, kwargs=rule.kw(proof))
    c = proof.client("office")
    for value in HOSTILE:
        r = c.get(base, {k: value for k in QUERY_NAMES})
        TRIED["query"] += 1
        assert r.status_code < 500, f"GET {base} with {value[:30]!r}: {r.status_code}"
    for key in QUERY_NAMES:  # each one alone with a wrong type
        r = c.get(base, {key: "99999999999999999999999"})
        TRIED["query"] += 1
        assert r.status_code < 500, f"GET {base} {key}=huge: {r.status_code}"


@pytest.mark.parametrize("name", [n for n, _ in _post_rules()])
def test_forms_never_break(proof, name):
    rule: Rule = PAGES[name]
    url = reverse(name, kwargs=rule.kw(proof))
    c = proof.client("office")
    good = rule.post(proof)
    for field in good:
        for value in HOSTILE:
            r = c.post(url, {**good, field: value})
            TRIED["form"] += 1
            assert r.status_code < 500, f"POST {url} {field}={value[:30]!r}: {r.status_code}"


def test_nul_bytes_and_overlong_fields_are_refused_in_vietnamese(proof):
    c = proof.client("office")
    r = c.get("/nhiem-vu/", {"q": "a\x00b"})
    assert r.status_code == 400 and "ký tự không hợp lệ" in r.content.decode()
    r = c.post(reverse("reporting:obstacles"), {"kind": "obstacle", "text": "x\x00", "raised_by": "A"})
    assert r.status_code == 400
    r = c.get("/nhiem-vu/", {"q": "x" * 2001})
    assert r.status_code == 400 and "tối đa 2000 ký tự" in r.content.decode()
    r = c.post(reverse("reporting:obstacles"), {"kind": "obstacle", "text": "x" * 200_001, "raised_by": "A"})
    assert r.status_code == 400 and "tối đa 200000 ký tự" in r.content.decode()
    api = Client().post(
        "/api/v1/reporting/obstacles",
        '{"programme": "NQ57", "kind": "obstacle", "text": "a\\u0000b", "raised_by": "A"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token(proof)}",
    )
    assert api.status_code == 400 and "NUL" in api.json()["detail"]


def test_a_body_too_large_is_refused_before_it_is_read(proof, settings):
    settings.DONDOC_REQUEST_MAX_BYTES = 1000
    r = proof.client("office").post(reverse("reporting:obstacles"), {"text": "x" * 2000, "kind": "obstacle"})
    assert r.status_code == 413 and "quá lớn" in r.content.decode()


def test_too_many_fields_is_a_clear_400(proof, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    r = proof.client("office").post(reverse("reporting:obstacles"), {f"f{i}": "x" for i in range(20)})
    assert r.status_code == 400 and "quá nhiều trường" in r.content.decode()


def _token(proof) -> str:
    from dondoc.units.actions import issue_token

    return issue_token(proof.w.office)


def test_sign_in_rate_is_bounded(world, settings):
    settings.DONDOC_RATE_LOGIN = "3/60"
    c = Client()
    for _ in range(3):
        assert c.post("/dang-nhap/", {"username": "office", "password": "sai"}).status_code == 200
    r = c.post("/dang-nhap/", {"username": "office", "password": "sai"})
    assert r.status_code == 429 and "Quá nhiều lượt đăng nhập" in r.content.decode()
    assert int(r["Retry-After"]) <= 60


def test_api_rate_is_bounded_per_user(world, settings):
    from dondoc.units.actions import issue_token

    settings.DONDOC_RATE_API = "5/60"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.office)}"}
    for _ in range(5):
        assert Client().get("/api/v1/units", **headers).status_code == 200
    r = Client().get("/api/v1/units", **headers)
    assert r.status_code == 429 and "Quá nhiều lượt gọi API" in r.json()["detail"]
    other = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.leader)}"}
    assert Client().get("/api/v1/units", **other).status_code == 200  # another user has its own count


# ---- uploads ---------------------------------------------------------------------------------------------------
def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _bomb(data: bytes, megabytes: int = 3, part: str = "xl/media/bomb.bin") -> bytes:
    """The same workbook with a part that unpacks into `megabytes` of zeros from a few kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(part, b"\x00" * (megabytes * 1048576))
    return out.getvalue()


HEADER = ["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"]


def _import(tmp_path, name: str, data: bytes) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    err = io.StringIO()
    try:
        call_command("import_tasks", str(path), "--programme", "NQ57", stdout=io.StringIO(), stderr=err)
        return 0, err.getvalue()
    except SystemExit as exc:
        return exc.code, err.getvalue()


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("bom.xlsx", lambda: _bomb(_xlsx([HEADER, ["1", "Việc", "A", "2025"]])), "nén quá mức"),
        (
            "lon.xlsx",
            lambda: _xlsx([HEADER] + [[f"T{i}", "Việc", "A", "năm 2025"] for i in range(30)]),
            "vượt giới hạn 20 dòng",
        ),
        ("rong.xlsx", lambda: _xlsx([["c"] * 150]), "vượt giới hạn 100 cột"),
        ("hong.xlsx", lambda: b"PK\x03\x04" + b"\x00" * 200, "không phải bảng tính Excel"),
        ("gia.xlsx", lambda: b"MZ\x90\x00" + b"\x00" * 200, "không phải bảng tính Excel"),
        (
            "latin1.csv",
            lambda: "Mã nhiệm vụ;Nội dung nhiệm vụ\n1;Việc".encode("latin-1", "replace") + b"\xe9\xff",
            "UTF-8",
        ),
        ("nhiphan.csv", lambda: b"a,b\n\x00\x01", "UTF-8"),
        ("trong.csv", lambda: b"", "rỗng"),
    ],
)
def test_imports_refuse_bombs_huge_and_malformed_files_writing_nothing(
    world, tmp_path, settings, name, make, message
):
    settings.DONDOC_IMPORT_MAX_ROWS = 20
    before = (Task.objects.count(), AuditEntry.objects.count())
    code, err = _import(tmp_path, name, make())
    assert code == 1 and message in err, err
    assert (Task.objects.count(), AuditEntry.objects.count()) == before


def test_an_archive_unpacking_beyond_the_limit_is_refused(world, tmp_path, settings):
    settings.DONDOC_UPLOAD_MAX_UNPACKED_BYTES = 2 * 1048576
    settings.DONDOC_UPLOAD_MAX_RATIO = 100_000  # judged on the total this time, not on the ratio
    code, err = _import(tmp_path, "to.xlsx", _bomb(_xlsx([HEADER]), megabytes=3))
    assert code == 1 and "vượt giới hạn 2 MB" in err


def test_evidence_is_judged_by_its_content_not_its_name(proof):
    from dondoc.reporting import actions

    for name, data, message in [
        ("anh.png", b"MZ\x90\x00 this is a program", "không đúng định dạng"),
        ("bao-cao.pdf", b"<html><script>", "không đúng định dạng"),
        ("chay.exe", b"MZ\x90\x00", "không được chấp nhận"),
        ("bom.docx", _bomb(_docx(), part="word/media/bomb.bin"), "nén quá mức"),
    ]:
        f = SimpleUploadedFile(name, data)
        with pytest.raises(actions.ReportingError, match=message):
            actions.check_evidence_file(f)


def _docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Tỷ lệ văn bản điện tử đạt 99,30%.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_the_extract_page_refuses_a_docx_bomb_and_a_fake(proof):
    c = proof.client("office")
    for name, data in [("bom.docx", _bomb(_docx(), part="word/media/bomb.bin")), ("gia.docx", b"MZ\x90\x00")]:
        form = {"unit": "P", "period": "2025-Q2", "programme": "NQ57", "file": SimpleUploadedFile(name, data)}
        r = c.post(reverse("indicators:extract"), form)
        assert r.status_code in (200, 400) and (
            "nén quá mức" in r.content.decode() or "không đúng định dạng" in r.content.decode()
        )


# ---- exports: never a formula ------------------------------------------------------------------------------------
FORMULAS = ['=HYPERLINK("http://x","bấm")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _cells_of(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                yield ws.title, cell


def test_no_export_holds_a_formula(proof):
    from dondoc.exports.xlsx import build_xlsx
    from dondoc.tasks.actions import create_task
    from dondoc.units.scope import Scope

    w = proof.w
    for i, text in enumerate(FORMULAS):
        create_task(
            w.programme, code=f"F{i}", title=text, lead=w.A, due=date(2025, 9, 30), note=text, output=text
        )
    workbooks = {
        "catalogue": build_xlsx(w.P, w.programme, date(2025, 6, 16), scope=Scope.for_user(w.office)),
        "audit": proof.client("office").get(reverse("units:history", args=["P"]), {"xuat": "xlsx"}).content,
    }
    checked = 0
    for what, data in workbooks.items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")), what
        for sheet, cell in _cells_of(data):
            checked += 1
            assert cell.data_type != "f", (what, sheet, cell.coordinate)
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (what, sheet, cell.value)
    assert checked > 50


def test_csv_writing_neutralises_formulas_too():
    import csv

    from dondoc.tabular.writing import csv_bytes

    text = csv_bytes(["Nội dung"], [[f] for f in FORMULAS]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert [r[0] for r in rows] == ["'" + f for f in FORMULAS]


# ---- HTML escaped everywhere -------------------------------------------------------------------------------------
PAYLOADS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>']


def test_script_in_every_text_field_is_escaped_on_every_page(proof, settings):
    from dondoc.dashboards import actions as dash_actions
    from dondoc.dashboards.selectors import Params
    from dondoc.portal import actions as portal_actions
    from dondoc.reporting import actions as rep_actions
    from dondoc.tasks.actions import create_task, update_task
    from dondoc.units.actions import create_unit, update_unit

    w = proof.w
    s, img = PAYLOADS
    unit = create_unit("XSS", s + img, "department", parent=w.P)
    w.office.full_name = s
    w.office.save()
    t = create_task(
        w.programme,
        code="XSS.1",
        title=s,
        lead=unit,
        due=date(2025, 6, 30),
        output=img,
        note=s,
        due_phrase=img,
    )
    update_task(proof.tA, actor=w.office, note=s + img)
    rep_actions.raise_obstacle(
        programme=w.programme, kind="proposal", text=s + img, raised_by=unit, actor=w.office, task=t
    )
    dash_actions.save_view(w.office, s, Params(unit=w.P, programme=w.programme))
    portal_actions.publish(w.programme, w.P, actor=w.office, title=s, intro=img)
    update_unit(w.B, actor=w.office, name="Sở " + img)
    pages = 0
    for who in ("office", "admin"):
        c = proof.client("office") if who == "office" else w.client(w.admin)
        for name, rule in _get_rules():
            url = reverse(name, kwargs=rule.kw(proof))
            for query in ({}, rule.query(proof), {"q": s, "unit": "P"}):
                r = c.get(url, query)
                if r.status_code != 200 or not r["Content-Type"].startswith("text/html"):
                    continue
                body = r.content.decode()
                pages += 1
                for p in PAYLOADS:
                    assert p not in body, f"{who} {url}: unescaped {p}"
                assert "<script>alert" not in body and "onerror=alert" not in body.replace(
                    "onerror=alert(1)&gt;", ""
                )
    # the object pages of what was just written, too
    for url in (reverse("tasks:detail", args=[t.pk]), reverse("unit", args=["XSS"]), "/cong-khai/NQ57/P/"):
        body = proof.client("office").get(url).content.decode()
        assert all(p not in body for p in PAYLOADS) and "&lt;script&gt;" in body
        pages += 1
    TRIED["pages_escaped"] += pages
    assert pages > 40


def test_print_what_was_tried(capsys):
    with capsys.disabled():
        print(
            f"\nhostile input: {len(HOSTILE)} values × {len(QUERY_NAMES)} query names on {len(_get_rules())} pages, "
            f"{len(HOSTILE)} values in every field of {len(_post_rules())} forms; "
            f"requests this run: {TRIED['query']} query strings, {TRIED['form']} forms, "
            f"{TRIED['pages_escaped']} pages checked for escaping"
        )
