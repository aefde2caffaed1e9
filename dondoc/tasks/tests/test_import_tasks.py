"""import_tasks as the contract says: xlsx and csv, all-or-nothing, idempotent, every bad row reported."""

from __future__ import annotations

import io
import json
import unicodedata
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command

from dondoc.audit.models import AuditEntry
from dondoc.tasks.models import Programme, Task
from dondoc.units.models import Unit

HEADER = [
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Nhóm nhiệm vụ",
    "Mã nhiệm vụ cha",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn",
    "Sản phẩm",
    "Văn bản giao",
    "Ngày bắt đầu thực hiện",
    "Ngày hoàn thành",
    "Ghi chú",
]


def write_csv(path, rows, header=HEADER, bom=True):
    text = "\n".join(",".join(f'"{c}"' for c in row) for row in [header, *rows]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return str(path)


def write_xlsx(path, rows, header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


GOOD = [
    [
        "1.1",
        "Tổ chức hội nghị quán triệt Nghị quyết 57",
        "1",
        "",
        "A",
        "B; Xã Đông Sơn",
        "quý I/2025",
        "Hội nghị",
        "366-KH/TU",
        "05/01/2025",
        "20/03/2025",
        "",
    ],
    [
        "1.2",
        "Phát động phong trào Bình dân học vụ số",
        "1",
        "",
        "sở y tế",
        "",
        "tháng 4/2025",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "3.1",
        "Phủ sóng 5G khu công nghiệp",
        "3",
        "",
        "A",
        "",
        "6 tháng cuối năm 2025",
        "",
        "",
        "01/07/2025",
        "",
        "",
    ],
    ["3.1.a", "Phủ sóng 5G tại xã", "3", "3.1", "C", "", "30/06/2025", "", "", "", "", ""],
    ["5.1", "Bảo đảm an toàn thông tin", "5", "", "B", "", "thường xuyên", "", "", "", "", "Ghi chú"],
]


def test_csv_import_creates_the_catalogue(world, tmp_path):
    code, out, err = run("import_tasks", write_csv(tmp_path / "t.csv", GOOD), "--programme", "NQ57")
    assert code == 0, err
    assert "5 mới" in out
    t = Task.objects.get(code="1.1")
    assert t.lead == world.A and t.group.number == 1
    assert sorted(p.code for p in t.partners.all()) == ["B", "C"]
    assert t.due == date(2025, 3, 31) and t.due_phrase == "quý I/2025"
    assert (t.started, t.done) == (date(2025, 1, 5), date(2025, 3, 20))
    assert t.source.symbol == "366-KH/TU" and t.source.kind == "KH"
    assert Task.objects.get(code="1.2").lead == world.B  # matched by name, case and diacritics ignored
    assert Task.objects.get(code="3.1.a").parent.code == "3.1"
    assert Task.objects.get(code="5.1").recurring is True
    assert Task.objects.get(code="3.1").due == date(2025, 12, 31)


def test_import_is_idempotent_and_a_changed_row_updates_in_place_with_history(world, tmp_path):
    path = write_csv(tmp_path / "t.csv", GOOD)
    assert run("import_tasks", path, "--programme", "NQ57")[0] == 0
    entries = AuditEntry.objects.count()
    code, out, _ = run("import_tasks", path, "--programme", "NQ57")
    assert code == 0 and "0 mới, 0 cập nhật, 5 không thay đổi" in out
    assert AuditEntry.objects.count() == entries  # nothing changed, nothing recorded
    changed = [row[:] for row in GOOD]
    changed[1][6] = "tháng 9/2025"
    t = Task.objects.get(code="1.2")
    code, out, _ = run("import_tasks", write_csv(tmp_path / "t2.csv", changed), "--programme", "NQ57")
    assert code == 0 and "1 cập nhật" in out
    t2 = Task.objects.get(code="1.2")
    assert t2.pk == t.pk and t2.due == date(2025, 9, 30)
    entry = AuditEntry.objects.filter(object_type="tasks.task", object_id=str(t.pk), action="import").latest(
        "at"
    )
    assert entry.changes["due"] == ["2025-04-30", "2025-09-30"]


def test_xlsx_and_a_new_programme(world, tmp_path):
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [["DA06.1", "Làm sạch dữ liệu dân cư", "Dữ liệu", "", "A", "", "năm 2026", "", "", "", "", ""]],
    )
    code, out, err = run("import_tasks", path, "--programme", "DA06")
    assert code == 0, err
    prog = Programme.objects.get(code="DA06")
    t = Task.objects.get(programme=prog)
    assert t.group.name == "Dữ liệu" and t.due == date(2026, 12, 31)


def test_nfd_input_is_normalised_and_matched(world, tmp_path):
    rows = [
        [
            "N1",
            unicodedata.normalize("NFD", "Chuyển đổi số"),
            "",
            "",
            unicodedata.normalize("NFD", "SỞ Y TẾ"),
            "",
            "quý II/2025",
            "",
            "",
            "",
            "",
            "",
        ]
    ]
    assert run("import_tasks", write_csv(tmp_path / "n.csv", rows), "--programme", "NQ57")[0] == 0
    t = Task.objects.get(code="N1")
    assert t.title == unicodedata.normalize("NFC", "Chuyển đổi số") and t.lead == world.B


def test_every_bad_row_is_reported_and_nothing_written(world, tmp_path):
    Unit(code="B2", name="Sở Y tế", kind="department", parent=world.O).save()  # a second "Sở Y tế"
    rows = [
        ["1", "Tốt", "", "", "A", "", "quý II/2025", "", "", "", "", ""],
        ["2", "Ngày sai", "", "", "A", "", "31/02/2025", "", "", "", "", ""],
        ["3", "Đơn vị lạ", "", "", "Sở Không Tồn Tại", "", "năm 2025", "", "", "", "", ""],
        ["1", "Trùng mã", "", "", "A", "", "năm 2025", "", "", "", "", ""],
        ["4", "Cha không có", "", "99", "A", "", "năm 2025", "", "", "", "", ""],
        ["5", "Thời hạn lạ", "", "", "A", "", "khi nào xong", "", "", "", "", ""],
        ["6", "Trùng tên", "", "", "sở y tế", "", "năm 2025", "", "", "", "", ""],
        ["7", "Ký hiệu sai", "", "", "A", "", "năm 2025", "", "ABC", "", "", ""],
        ["8", "Nhóm lạ", "9", "", "A", "", "năm 2025", "", "", "", "", ""],
        ["", "Thiếu mã", "", "", "A", "", "năm 2025", "", "", "", "", ""],
    ]
    code, out, err = run("import_tasks", write_csv(tmp_path / "bad.csv", rows), "--programme", "NQ57")
    assert code == 1
    assert Task.objects.count() == 0
    assert "chưa ghi dữ liệu nào" in err
    assert "Dòng 3, cột 'Thời hạn', giá trị '31/02/2025'" in err and "không có ngày 31" in err
    assert "Dòng 4, cột 'Cơ quan chủ trì', giá trị 'Sở Không Tồn Tại'" in err
    assert "Dòng 5, cột 'Mã nhiệm vụ', giá trị '1': Mã nhiệm vụ trùng với dòng 2" in err
    assert "Dòng 6, cột 'Mã nhiệm vụ cha', giá trị '99'" in err
    assert "Dòng 7, cột 'Thời hạn', giá trị 'khi nào xong'" in err and "quý II/2025" in err
    assert (
        "Dòng 8" in err and "B (Sở Y tế" in err and "B2 (Sở Y tế, Tỉnh Khác)" in err
    )  # ambiguous: candidates
    assert "Dòng 9, cột 'Văn bản giao', giá trị 'ABC'" in err and "366-KH/TU" in err
    assert "Dòng 10, cột 'Nhóm nhiệm vụ', giá trị '9'" in err
    assert "Dòng 11, cột 'Mã nhiệm vụ'" in err


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "Tệp rỗng"),
        (b"PK\x03\x04 not really a zip", "fake.xlsx", "không phải bảng tính Excel"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image.csv", "UTF-8"),
        ("Tên,Khác\nA,B\n".encode(), "cols.csv", "Thiếu cột bắt buộc 'Mã nhiệm vụ'"),
        (
            "Mã nhiệm vụ,Nội dung nhiệm vụ,Cơ quan chủ trì\n".encode(),
            "header-only.csv",
            "không có dòng dữ liệu",
        ),
        (b"x", "t.pdf", "Chỉ nhận tệp Excel"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(world, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run("import_tasks", str(path), "--programme", "NQ57")
    assert code == 1 and message in err
    assert Task.objects.count() == 0


def test_missing_file(world):
    code, _, err = run("import_tasks", "/nonexistent/x.csv", "--programme", "NQ57")
    assert code == 1 and "Không tìm thấy tệp" in err


def test_parent_may_come_from_a_later_row_and_cycles_are_refused(world, tmp_path):
    rows = [
        ["c", "Con", "", "p", "A", "", "năm 2025", "", "", "", "", ""],
        ["p", "Cha", "", "", "A", "", "năm 2025", "", "", "", "", ""],
    ]
    assert run("import_tasks", write_csv(tmp_path / "a.csv", rows), "--programme", "NQ57")[0] == 0
    assert Task.objects.get(code="c").parent.code == "p"
    cyc = [
        ["p", "Cha", "", "c", "A", "", "năm 2025", "", "", "", "", ""],
        ["c", "Con", "", "p", "A", "", "năm 2025", "", "", "", "", ""],
    ]
    code, _, err = run("import_tasks", write_csv(tmp_path / "b.csv", cyc), "--programme", "NQ57")
    assert code == 1 and "vòng lặp" in err
    assert Task.objects.get(code="p").parent is None


def test_english_headers_and_semicolon_csv(world, tmp_path):
    header = [
        "code",
        "title",
        "group",
        "parent",
        "lead",
        "partners",
        "due",
        "output",
        "source",
        "started",
        "done",
        "note",
    ]
    path = tmp_path / "e.csv"
    path.write_text(
        ";".join(header) + "\nE1;Task in English headers;2;;a;;tháng 9/2025;;;;;\n", encoding="utf-8"
    )
    code, _, err = run("import_tasks", str(path), "--programme", "NQ57")
    assert code == 0, err
    assert Task.objects.get(code="E1").due == date(2025, 9, 30)


def test_summary_command_and_api_give_the_same_object(world, tmp_path):
    run("import_tasks", write_csv(tmp_path / "t.csv", GOOD), "--programme", "NQ57")
    code, out, _ = run("summary", "--unit", "P", "--programme", "NQ57", "--as-of", "30/06/2025", "--json")
    assert code == 0
    data = json.loads(out)
    assert data == {
        "unit": "P",
        "programme": "NQ57",
        "as_of": "2025-06-30",
        "due_by": None,
        "total": 5,
        "done": 1,
        "on_time": 1,
        "late": 0,
        "open": 3,
        "in_term": 2,
        "overdue": 1,
        "started": 0,
        "not_started": 3,
        "recurring": 1,
        "sentence": "Trong tổng số 5 nhiệm vụ, có 1 nhiệm vụ hoàn thành (1 đúng hạn, 0 quá hạn), "
        "3 nhiệm vụ chưa hoàn thành (2 trong hạn, 1 quá hạn) và 1 nhiệm vụ thường xuyên.",
    }
    api = world.client(world.leader).get(
        "/api/v1/summary", {"unit": "P", "programme": "NQ57", "as_of": "2025-06-30"}
    )
    assert api.status_code == 200 and api.json() == data
    code, out, _ = run("summary", "--unit", "P", "--as-of", "2025-06-30")
    assert out.strip() == data["sentence"]
    code, out, _ = run("summary", "--unit", "P", "--as-of", "2025-06-30", "--due-by", "30/06/2025", "--json")
    assert json.loads(out)["total"] == 3 and json.loads(out)["due_by"] == "2025-06-30"
    code, out, _ = run("summary", "--unit", "A", "--only-unit", "--as-of", "2025-06-30", "--json")
    assert json.loads(out)["total"] == 2
    assert run("summary", "--unit", "NOPE")[0] == 1


def test_text_with_backslashes_quotes_and_json_survives_the_bulk_path(world, tmp_path):
    rows = [
        [
            "Q1",
            'Ban hành "Quy chế" C:\\du-lieu\\57 {"a": 1}',
            "",
            "",
            "A",
            "",
            "năm 2025",
            "",
            "",
            "",
            "",
            "Ghi chú\\n không phải xuống dòng",
        ]
    ]
    import csv

    path = tmp_path / "q.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    assert run("import_tasks", str(path), "--programme", "NQ57")[0] == 0
    t = Task.objects.get(code="Q1")
    assert t.title == 'Ban hành "Quy chế" C:\\du-lieu\\57 {"a": 1}'
    assert t.note == "Ghi chú\\n không phải xuống dòng"
    entry = AuditEntry.objects.get(object_type="tasks.task", object_id=str(t.pk))
    assert entry.changes["title"] == [None, t.title] and entry.action == "import"
