"""import_units: the unit tree from a spreadsheet, all-or-nothing, idempotent, cycles refused."""

import io

import openpyxl
from django.core.management import call_command

from dondoc.units.models import Unit


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()


def csv(tmp_path, text, name="u.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8-sig")
    return str(p)


TREE = """Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên
SKHCN,Sở Khoa học và Công nghệ,"Sở / Ban / Ngành",QNG
QNG,Tỉnh Quảng Ngãi,Tỉnh / Thành phố,
XBS,Xã Bình Sơn,Xã / Phường / Đặc khu,QNG
"""


def test_import_builds_the_tree_with_a_parent_from_a_later_row(db, tmp_path):
    code, out, err = run("import_units", csv(tmp_path, TREE))
    assert code == 0, err
    assert "3 mới" in out
    qng = Unit.objects.get(code="QNG")
    assert qng.kind == Unit.Kind.PROVINCE and qng.parent is None
    assert set(qng.subtree().values_list("code", flat=True)) == {"QNG", "SKHCN", "XBS"}
    assert Unit.objects.get(code="XBS").kind == Unit.Kind.COMMUNE


def test_import_again_changes_nothing_and_a_move_repaths_the_subtree(db, tmp_path):
    run("import_units", csv(tmp_path, TREE))
    code, out, _ = run("import_units", csv(tmp_path, TREE))
    assert code == 0 and "0 mới, 0 cập nhật, 3 không thay đổi" in out
    moved = TREE + "VP,Văn phòng,Khác,\n"
    moved = moved.replace('SKHCN,Sở Khoa học và Công nghệ,"Sở / Ban / Ngành",QNG', "SKHCN,Sở KH&CN,Sở,VP")
    code, out, err = run("import_units", csv(tmp_path, moved, "m.csv"))
    assert code == 0, err
    skhcn = Unit.objects.get(code="SKHCN")
    assert skhcn.parent.code == "VP" and skhcn.name == "Sở KH&CN"
    assert skhcn.path.startswith(Unit.objects.get(code="VP").path)


def test_bad_rows_refused_and_nothing_written(db, tmp_path):
    bad = """code,name,kind,parent
A,Một,Tỉnh,
A,Trùng,Tỉnh,
B,Hai,Không biết,
C,Ba,Sở,ZZZ
D,,Sở,A
"""
    code, _, err = run("import_units", csv(tmp_path, bad))
    assert code == 1
    assert Unit.objects.count() == 0
    assert "Dòng 3, cột 'Mã đơn vị', giá trị 'A': Mã đơn vị trùng với dòng 2" in err
    assert "Dòng 4, cột 'Loại', giá trị 'Không biết'" in err
    assert "Dòng 5, cột 'Mã đơn vị cấp trên', giá trị 'ZZZ'" in err
    assert "Dòng 6, cột 'Tên đơn vị'" in err


def test_a_cycle_is_refused(db, tmp_path):
    cyc = "code,name,kind,parent\nA,Một,Khác,B\nB,Hai,Khác,A\n"
    code, _, err = run("import_units", csv(tmp_path, cyc))
    assert code == 1 and "vòng lặp" in err and Unit.objects.count() == 0
    run("import_units", csv(tmp_path, "code,name,kind,parent\nA,Một,Khác,\nB,Hai,Khác,A\n", "ok.csv"))
    code, _, err = run("import_units", csv(tmp_path, "code,name,kind,parent\nA,Một,Khác,B\n", "c2.csv"))
    assert code == 1 and "vòng lặp" in err
    assert Unit.objects.get(code="A").parent is None


def test_xlsx_and_load_provinces(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên"])
    wb.active.append(["TW", "Trung ương", "Trung ương", ""])
    wb.save(tmp_path / "u.xlsx")
    assert run("import_units", str(tmp_path / "u.xlsx"))[0] == 0
    code, out, _ = run("load_provinces")
    assert code == 0
    vn = Unit.objects.get(code="VN")
    assert vn.children.count() == 34
    assert vn.children.filter(name="Tỉnh Nghệ An").exists()
    assert run("load_provinces")[0] == 0 and Unit.objects.filter(parent=vn).count() == 34
