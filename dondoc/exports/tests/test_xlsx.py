"""The Excel export: re-importable by import_tasks, statuses as of D, no formula ever."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.exports.actions import render
from dondoc.exports.xlsx import CATALOGUE_SHEET
from dondoc.tabular.writing import neutralise
from dondoc.tasks import status
from dondoc.tasks.importer import TASK_COLUMNS
from dondoc.tasks.models import Task

from .conftest import AS_OF, run

pytestmark = pytest.mark.django_db


def snapshot(programme_code: str) -> dict[str, tuple]:
    out = {}
    for t in Task.objects.filter(programme__code=programme_code).select_related(
        "group", "parent", "lead", "source"
    ):
        out[t.code] = (
            t.title,
            t.group.number if t.group_id else None,
            t.parent.code if t.parent_id else None,
            t.lead.code,
            tuple(sorted(p.code for p in t.partners.all())),
            t.due,
            t.due_phrase,
            t.recurring,
            t.output,
            t.source.symbol if t.source_id else None,
            t.started,
            t.done,
            t.note,
        )
    return out


def export(world, tmp_path, unit="P") -> tuple[bytes, str]:
    path = tmp_path / "catalogue.xlsx"
    code, _, err = run(
        "make_report",
        "--unit",
        unit,
        "--programme",
        "NQ57",
        "--as-of",
        "30/09/2025",
        "--kind",
        "danh_muc",
        "--format",
        "xlsx",
        "--out",
        str(path),
    )
    assert code == 0, err
    return path.read_bytes(), str(path)


def test_export_then_import_gives_the_same_catalogue(catalogue, world, tmp_path):
    data, path = export(world, tmp_path)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert ws.title == CATALOGUE_SHEET
    assert [c.value for c in ws[1]] == [c.title for c in TASK_COLUMNS]
    # Into a new programme: the same catalogue (codes, titles, groups, parents, leads, partners, deadlines...).
    code, out, err = run("import_tasks", path, "--programme", "BANSAO")
    assert code == 0, err
    original = {k: v for k, v in snapshot("NQ57").items() if k != "X.01"}
    assert snapshot("BANSAO") == original
    # Into the same programme: nothing changes.
    code, out, err = run("import_tasks", path, "--programme", "NQ57")
    assert code == 0, err
    assert "0 mới, 0 cập nhật, 9 không thay đổi" in out


def test_status_column_is_the_engine_status_as_of_the_date(catalogue, world, tmp_path):
    data, _ = export(world, tmp_path)
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in ws[1]]
    col_code, col_status = header.index("Mã nhiệm vụ"), header.index("Tình trạng")
    got = {row[col_code]: row[col_status] for row in ws.iter_rows(min_row=2, values_only=True)}
    expected = {
        t.code: status.STATUS_LABELS[t.status]
        for t in status.with_status(Task.objects.filter(lead__path__startswith=world.P.path), AS_OF)
    }
    assert got == expected


def test_formula_like_text_is_neutralised(world, tmp_path):
    from dondoc.tasks.actions import create_task

    create_task(
        world.programme,
        code="F.1",
        title='=HYPERLINK("http://x","bấm")',
        lead=world.A,
        due=date(2025, 12, 31),
        due_phrase="năm 2025",
        output="+cmd|' /C calc'!A0",
        note="@SUM(1+1)",
    )
    create_task(
        world.programme, code="F.2", title="-2+3", lead=world.A, due=date(2025, 12, 31), note="- ghi chú"
    )
    data = render("danh_muc", "xlsx", world.P, world.programme, AS_OF)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    values = {c.value for row in wb.worksheets[0].iter_rows() for c in row}
    assert '\'=HYPERLINK("http://x","bấm")' in values
    assert "'+cmd|' /C calc'!A0" in values and "'@SUM(1+1)" in values and "'-2+3" in values
    # The raw sheet XML holds no formula element at all.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert all(b"<f>" not in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    # Re-imported, the text comes back exactly as written (the apostrophe is only Excel's guard).
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    code, _, err = run("import_tasks", str(path), "--programme", "BANSAO")
    assert code == 0, err
    copy = Task.objects.get(programme__code="BANSAO", code="F.2")
    assert (copy.title, copy.note) == ("-2+3", "- ghi chú")
    assert Task.objects.get(programme__code="BANSAO", code="F.1").title == '=HYPERLINK("http://x","bấm")'


@given(st.text(max_size=30))
def test_neutralise_never_leaves_a_formula_start(text):
    out = neutralise(text)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert out == text or out == "'" + text
    assert neutralise(7) == 7


def test_summary_sheet_holds_the_engine_figures(catalogue, world, tmp_path):
    data, _ = export(world, tmp_path)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Tổng hợp"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    code, out, _ = run("summary", "--unit", "P", "--programme", "NQ57", "--as-of", "2025-09-30")
    assert rows["Câu tổng hợp"] == out.strip()
    assert rows["Tổng số nhiệm vụ"] == 9
