"""Background generation with progress, failures kept on the file, PDF through LibreOffice, the command, demo."""

from __future__ import annotations

import io
import os
from datetime import date

import pytest
from docx import Document

from dondoc.exports import actions, pdf
from dondoc.exports.models import GeneratedFile
from dondoc.units.scope import Scope

from .conftest import AS_OF, run, summary_json
from .pdftext import extract_text

pytestmark = pytest.mark.django_db


def test_large_reports_are_queued_and_built_in_the_background(
    world, catalogue, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DONDOC_EXPORT_SYNC_MAX_TASKS = 3  # P has 9 tasks: "large"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        gf = actions.generate_report(
            actor=world.office,
            scope=Scope.for_user(world.office),
            kind="dinh_ky",
            fmt="docx",
            unit=world.P,
            programme=world.programme,
            as_of=AS_OF,
        )
    assert gf.status == "pending" and not gf.file  # queued, not built in the request
    assert len(callbacks) == 1
    callbacks[0]()  # the commit happens: the job is enqueued (and run at once by the immediate backend)
    gf.refresh_from_db()
    assert (gf.status, gf.progress) == ("done", 100)
    assert Document(gf.file.open("rb")).paragraphs


def test_progress_is_recorded_while_building(world, catalogue, monkeypatch):
    gf = GeneratedFile.objects.create(
        kind="dinh_ky",
        format="docx",
        unit=world.P,
        programme=world.programme,
        as_of=AS_OF,
        created_by=world.office,
        period="quy",
    )
    seen = []
    from dondoc.exports import content

    real = content.build

    def build(*args, progress=None, **kwargs):
        def wrapped(pct):
            progress(pct)
            seen.append(GeneratedFile.objects.get(pk=gf.pk).progress)

        return real(*args, progress=wrapped, **kwargs)

    monkeypatch.setattr(content, "build", build)
    actions.run_generation(gf.pk)
    gf.refresh_from_db()
    assert gf.status == "done" and gf.progress == 100
    assert any(0 < p < 100 for p in seen) and seen == sorted(seen)


def test_a_failure_is_kept_on_the_file(world, catalogue, monkeypatch):
    def boom(*a, **kw):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("dondoc.exports.content.build", boom)
    gf = actions.generate_report(
        actor=world.office,
        scope=Scope.for_user(world.office),
        kind="qua_han",
        fmt="docx",
        unit=world.P,
        programme=world.programme,
        as_of=AS_OF,
    )
    assert gf.status == "failed" and "hỏng" in gf.error and not gf.file


def _require_soffice():
    if not pdf.available():
        if os.environ.get("DONDOC_REQUIRE_SOFFICE") == "1":
            pytest.fail("soffice is missing but DONDOC_REQUIRE_SOFFICE=1")
        pytest.skip("LibreOffice (soffice) not installed")


def test_pdf_has_the_title_and_the_sentence(world, catalogue, party_settings, tmp_path):
    _require_soffice()
    out = tmp_path / "r.pdf"
    code, _, err = run(
        "make_report",
        "--unit",
        "P",
        "--programme",
        "NQ57",
        "--as-of",
        "2025-09-30",
        "--kind",
        "periodic",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(extract_text(data).split())
    js = summary_json("P", "NQ57", AS_OF)
    assert "BÁO CÁO" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "về kết quả thực hiện Nghị quyết số 57-NQ/TW" in text
    assert js["sentence"] in text
    assert "T/M BAN THƯỜNG VỤ" in text


def test_docx_opens_cleanly_in_libreoffice(world, catalogue):
    """LibreOffice reads every kind back to text with its header, sentence and tables."""
    _require_soffice()
    js = summary_json("P", "NQ57", AS_OF)
    for kind in ("dinh_ky", "qua_han", "don_doc", "chi_tieu"):
        data = actions.render(kind, "docx", world.P, world.programme, AS_OF)
        text = " ".join(pdf.pdf_text(data).split())
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text, kind
        if kind in ("dinh_ky", "qua_han", "don_doc"):
            assert js["sentence"][1:] in text, kind


def test_pdf_unavailable_from_the_command(world, catalogue, monkeypatch, tmp_path):
    monkeypatch.setattr("dondoc.exports.pdf.soffice", lambda: None)
    code, _, err = run(
        "make_report",
        "--unit",
        "P",
        "--programme",
        "NQ57",
        "--as-of",
        "30/09/2025",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1 and "PDF không khả dụng" in err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--kind", "khac"], "Loại báo cáo 'khac' không hợp lệ"),
        (["--format", "odt"], "Định dạng 'odt' không hợp lệ"),
        (["--unit", "ZZ"], "Không có đơn vị mã 'ZZ'"),
        (["--programme", "ZZ"], "Không có chương trình mã 'ZZ'"),
        (["--as-of", "31/02/2025"], "không có ngày 31"),
        (
            ["--kind", "dinh_ky", "--format", "xlsx", "--kind", "danh_muc", "--format", "docx"],
            "chỉ kết xuất ra Excel",
        ),
    ],
)
def test_command_refuses_bad_input(world, catalogue, tmp_path, args, message):
    base = {"--unit": "P", "--programme": "NQ57", "--as-of": "30/09/2025"}
    argv = ["make_report"]
    for k, v in base.items():
        if k not in args:
            argv += [k, v]
    out = tmp_path / "x.docx"
    code, _, err = run(*argv, *args, "--out", str(out))
    assert code == 1 and message in err
    assert not out.exists()


@pytest.mark.parametrize(
    "alias, kind",
    [("periodic", "dinh_ky"), ("overdue", "qua_han"), ("reminder", "don_doc"), ("indicators", "chi_tieu")],
)
def test_english_aliases(alias, kind):
    assert actions.parse_kind(alias) == kind


def test_every_kind_and_format_on_the_demo_data(tmp_path, settings):
    from dondoc.demo import province as demo

    demo.load(today=date(2025, 10, 15))
    from dondoc.exports.models import ReportSettings

    rs = ReportSettings.objects.get(unit__code="DEMO")
    assert (
        rs.layout == "party"
        and rs.signer_authority == "T/M BAN THƯỜNG VỤ"
        and rs.signer_title == "PHÓ BÍ THƯ"
    )
    assert rs.recipient_lines[-1] == "Lưu Văn phòng Tỉnh ủy"
    js = summary_json("DEMO", "NQ57", date(2025, 9, 30))
    for kind in ("dinh_ky", "qua_han", "don_doc", "chi_tieu"):
        out = tmp_path / f"{kind}.docx"
        code, _, err = run(
            "make_report",
            "--unit",
            "DEMO",
            "--programme",
            "NQ57",
            "--as-of",
            "30/09/2025",
            "--kind",
            kind,
            "--format",
            "docx",
            "--out",
            str(out),
        )
        assert code == 0, err
        doc = Document(io.BytesIO(out.read_bytes()))
        assert doc.tables[0].cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
        if kind != "chi_tieu":
            assert any(js["sentence"][1:] in p.text for p in doc.paragraphs), kind
    out = tmp_path / "c.xlsx"
    code, _, err = run(
        "make_report",
        "--unit",
        "DEMO",
        "--programme",
        "NQ57",
        "--as-of",
        "30/09/2025",
        "--kind",
        "danh_muc",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert code == 0, err


def test_indicator_and_obstacle_sections_come_from_their_apps(tmp_path):
    ind = pytest.importorskip("dondoc.indicators.selectors")
    rep = pytest.importorskip("dondoc.reporting.selectors")
    from dondoc.demo import province as demo
    from dondoc.exports.content import VERDICTS

    ctx = demo.load(today=date(2025, 12, 20))
    as_of = date(2025, 12, 15)
    rows = ind.achievement_table(ctx.root, ctx.programme, year=2025, scope=Scope.everything())
    doc = Document(io.BytesIO(actions.render("dinh_ky", "docx", ctx.root, ctx.programme, as_of)))
    tables = [t for t in doc.tables if t.rows[0].cells[1].text == "Chỉ tiêu"]
    if rows:
        (table,) = tables
        got = [(r.cells[1].text, r.cells[5].text) for r in table.rows[1:]]
        assert got == [(r.indicator.name, VERDICTS[r.status]) for r in rows]
    obstacles = list(
        rep.open_obstacles(ctx.root, programme=ctx.programme, as_of=as_of, scope=Scope.everything())
    )
    paras = [p.text for p in doc.paragraphs]
    assert any(p.endswith("Khó khăn, vướng mắc và kiến nghị, đề xuất") for p in paras)
    for o in obstacles[:5]:
        assert any(p.startswith(f"- {o.text}") for p in paras)


def test_queued_on_the_database_backend(world, catalogue, settings, django_capture_on_commit_callbacks):
    """The production path: the job is stored by django_tasks_db (for `manage.py db_worker`), then run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.DONDOC_EXPORT_SYNC_MAX_TASKS = 0
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        gf = actions.generate_report(
            actor=world.office,
            scope=Scope.for_user(world.office),
            kind="qua_han",
            fmt="docx",
            unit=world.P,
            programme=world.programme,
            as_of=AS_OF,
        )
    assert gf.status == "pending"
    (stored,) = DBTaskResult.objects.all()
    assert stored.task_path == "dondoc.exports.jobs.generate_file" and stored.args_kwargs["args"] == [gf.pk]
    # What the worker does with it (db_worker closes connections, which a test transaction cannot survive).
    stored.task.call(*stored.args_kwargs["args"], **stored.args_kwargs["kwargs"])
    gf.refresh_from_db()
    assert (gf.status, gf.progress) == ("done", 100) and gf.file
